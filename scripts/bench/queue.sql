-- `dsar queue --limit 50` as one psql script: the listing and the footer counts that
-- QueueQuery.list sends (Sources/DeskStore/QueueQuery.swift), with the bound values written as
-- psql variables. Run: psql -X -q -v today=2026-11-20 -v week_end=2026-11-26 -f queue.sql
-- The per-policy conditions name the four default policies (all on Asia/Tashkent time, so
-- "today" is the same date for each).
SELECT r.id, r.reference, r.case_id, r.kind, r.state, r.policy, r.channel, r.details, r.direct_marketing,
       r.consent_withdrawal, r.message_id, r.received_at, r.due_on, r.original_due_on, r.extended_by,
       r.paused_since, r.closed_at, r.ground, r.close_note, r.assignee, r.version, r.updated_at, r.updated_by,
       q.id, q.name, q.email, q.phone, q.language,
       EXISTS (SELECT 1 FROM messages m
               WHERE m.request_id = r.id AND m.direction = 'inbound' AND m.status = 'reply'
                 AND coalesce(m.sent_at, m.imported_at) >
                     coalesce((SELECT max(l.produced_at) FROM letters l WHERE l.request_id = r.id), '-infinity')) AS reply_waiting
FROM (SELECT r.*, CASE WHEN r.state IN ('awaiting_identity', 'awaiting_requester') AND
        EXISTS (SELECT 1 FROM messages m
                WHERE m.request_id = r.id AND m.direction = 'inbound' AND m.status = 'reply'
                  AND coalesce(m.sent_at, m.imported_at) >
                      coalesce((SELECT max(l.produced_at) FROM letters l WHERE l.request_id = r.id), '-infinity'))
        THEN 0 WHEN r.paused_since IS NULL THEN 1 ELSE 2 END AS band
      FROM requests r
      WHERE r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')
      ORDER BY CASE WHEN r.state IN ('awaiting_identity', 'awaiting_requester') AND
        EXISTS (SELECT 1 FROM messages m
                WHERE m.request_id = r.id AND m.direction = 'inbound' AND m.status = 'reply'
                  AND coalesce(m.sent_at, m.imported_at) >
                      coalesce((SELECT max(l.produced_at) FROM letters l WHERE l.request_id = r.id), '-infinity'))
        THEN 0 WHEN r.paused_since IS NULL THEN 1 ELSE 2 END, r.due_on, r.received_at, r.id
      LIMIT 50) r
JOIN requesters q ON q.id = r.requester_id
ORDER BY r.band, r.due_on, r.received_at, r.id;

SELECT count(*),
       count(*) FILTER (WHERE ((r.policy = 'gdpr' AND r.due_on < :'today') OR (r.policy = 'ru' AND r.due_on < :'today')
                               OR (r.policy = 'uz' AND r.due_on < :'today') OR (r.policy = 'uz-state' AND r.due_on < :'today'))),
       count(*) FILTER (WHERE ((r.policy = 'gdpr' AND r.due_on BETWEEN :'today' AND :'week_end')
                               OR (r.policy = 'ru' AND r.due_on BETWEEN :'today' AND :'week_end')
                               OR (r.policy = 'uz' AND r.due_on BETWEEN :'today' AND :'week_end')
                               OR (r.policy = 'uz-state' AND r.due_on BETWEEN :'today' AND :'week_end')))
FROM requests r
WHERE r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester');
