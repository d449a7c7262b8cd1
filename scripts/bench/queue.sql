-- The two statements `dsar queue --limit 50` runs (QueueQuery.listing and QueueQuery.counts),
-- with the parameters written in, for the psql side of the queue comparison:
--   psql "$URL" -v today=2026-11-06 -f scripts/bench/queue.sql
-- `today` is the date under every policy (all four shipped policies use Asia/Tashkent); it
-- defaults to the current date there.
\if :{?today}
\else
SELECT (now() AT TIME ZONE 'Asia/Tashkent')::date AS today \gset
\endif

SELECT r.id, r.reference, r.case_id, r.kind, r.state, r.policy, r.channel, r.details, r.direct_marketing,
       r.consent_withdrawal, r.message_id, r.received_at, r.due_on, r.original_due_on, r.extended_by,
       r.paused_since, r.closed_at, r.ground, r.close_note, r.assignee, r.version, r.updated_at, r.updated_by,
       q.id, q.name, q.email, q.phone, q.language,
       EXISTS (SELECT 1 FROM messages m
               WHERE m.request_id = r.id AND m.direction = 'inbound' AND m.status = 'reply'
                 AND coalesce(m.sent_at, m.imported_at) >
                     coalesce((SELECT max(l.produced_at) FROM letters l WHERE l.request_id = r.id), '-infinity')) AS reply_waiting
FROM (SELECT * FROM (
        (SELECT r.*, 0 AS band FROM requests r
         WHERE r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')
           AND r.id IN (SELECT m.request_id FROM messages m WHERE m.status = 'reply' AND m.direction = 'inbound')
           AND r.state IN ('awaiting_identity', 'awaiting_requester') AND EXISTS (SELECT 1 FROM messages m
               WHERE m.request_id = r.id AND m.direction = 'inbound' AND m.status = 'reply'
                 AND coalesce(m.sent_at, m.imported_at) >
                     coalesce((SELECT max(l.produced_at) FROM letters l WHERE l.request_id = r.id), '-infinity'))
         ORDER BY r.due_on, r.received_at, r.id LIMIT 50)
        UNION ALL
        (SELECT r.*, 1 AS band FROM requests r
         WHERE r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester') AND r.paused_since IS NULL
           AND NOT (r.state IN ('awaiting_identity', 'awaiting_requester') AND EXISTS (SELECT 1 FROM messages m
               WHERE m.request_id = r.id AND m.direction = 'inbound' AND m.status = 'reply'
                 AND coalesce(m.sent_at, m.imported_at) >
                     coalesce((SELECT max(l.produced_at) FROM letters l WHERE l.request_id = r.id), '-infinity')))
         ORDER BY r.due_on, r.received_at, r.id LIMIT 50)
        UNION ALL
        (SELECT r.*, 2 AS band FROM requests r
         WHERE r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester') AND r.paused_since IS NOT NULL
           AND NOT (r.state IN ('awaiting_identity', 'awaiting_requester') AND EXISTS (SELECT 1 FROM messages m
               WHERE m.request_id = r.id AND m.direction = 'inbound' AND m.status = 'reply'
                 AND coalesce(m.sent_at, m.imported_at) >
                     coalesce((SELECT max(l.produced_at) FROM letters l WHERE l.request_id = r.id), '-infinity')))
         ORDER BY r.due_on, r.received_at, r.id LIMIT 50)
      ) b ORDER BY b.band, b.due_on, b.received_at, b.id LIMIT 50) r
JOIN requesters q ON q.id = r.requester_id
ORDER BY r.band, r.due_on, r.received_at, r.id;

SELECT count(*),
       count(*) FILTER (WHERE ((r.policy = 'gdpr' AND r.due_on < :'today'::date) OR (r.policy = 'ru' AND r.due_on < :'today'::date)
                               OR (r.policy = 'uz' AND r.due_on < :'today'::date) OR (r.policy = 'uz-state' AND r.due_on < :'today'::date))),
       count(*) FILTER (WHERE ((r.policy = 'gdpr' AND r.due_on BETWEEN :'today'::date AND :'today'::date + 6)
                               OR (r.policy = 'ru' AND r.due_on BETWEEN :'today'::date AND :'today'::date + 6)
                               OR (r.policy = 'uz' AND r.due_on BETWEEN :'today'::date AND :'today'::date + 6)
                               OR (r.policy = 'uz-state' AND r.due_on BETWEEN :'today'::date AND :'today'::date + 6)))
FROM requests r
WHERE r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester');
