-- Content digests of a desk, for comparing two databases that should hold the same desk
-- (scripts/reliability/kill-*.sh). One line per table: "table NAME ROWS MD5"; then one line per
-- invariant: "check NAME COUNT", where COUNT must be 0.
--
-- What is left out, and why: surrogate ids (bigserial values are consumed by transactions that a
-- kill rolled back, so a resumed run's ids shift; every reference between rows is compared
-- through a natural key instead: a request's reference, a message's sha256, a letter's
-- verification code); a letter's Message-ID (it embeds the letter's id); the id-valued keys of an
-- event's payload (requester_id, case_id, message_id, letter_id, evidence_id, inbox_item_id — the
-- message, letter and evidence they name are compared by content); and, for the same reason, the
-- event hashes and sequence numbers, which cover those payloads and are drawn from a sequence —
-- each request's chain (in `chain_pos` order) and the seals are checked with `dsar audit verify`.
-- Timestamps are all compared: every writer takes them from DSAR_NOW or from the data.

SELECT 'table', 'requests', count(*), md5(coalesce(string_agg(md5(ROW(
           r.reference, r.kind, r.state, r.policy, q.name, q.email, q.phone, q.language, q.created_at,
           q.anonymised_at, r.channel, r.details, r.direct_marketing, r.consent_withdrawal, m.sha256, r.received_at,
           r.due_on, r.original_due_on, r.extended_by, r.paused_since, r.closed_at, r.ground, r.close_note,
           r.assignee, r.version, r.updated_at, r.updated_by, r.siblings)::text), '' ORDER BY r.reference), ''))
FROM (SELECT requests.*, string_agg(reference, ',') OVER (PARTITION BY case_id ORDER BY reference
             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS siblings FROM requests) r
JOIN requesters q ON q.id = r.requester_id
LEFT JOIN messages m ON m.id = r.message_id;

SELECT 'table', 'requesters', count(*), '-' FROM requesters;
SELECT 'table', 'cases', count(*), '-' FROM cases;

SELECT 'table', 'messages', count(*), md5(coalesce(string_agg(row_digest, '' ORDER BY row_digest), ''))
FROM (SELECT md5(ROW(m.sha256, m.message_id, md5(m.raw), m.size_bytes, m.source, m.from_name, m.from_email,
                     m.subject, m.sent_at, m.imported_at, m.direction, m.status, m.language, m.in_reply_to,
                     r.reference)::text) AS row_digest
      FROM messages m LEFT JOIN requests r ON r.id = m.request_id) x;

SELECT 'table', 'inbox_items', count(*), md5(coalesce(string_agg(row_digest, '' ORDER BY row_digest), ''))
FROM (SELECT md5(ROW(m.sha256, i.status, i.reason, i.created_at, i.resolved_at, i.resolved_by, i.resolution,
                     r.reference)::text) AS row_digest
      FROM inbox_items i JOIN messages m ON m.id = i.message_id LEFT JOIN requests r ON r.id = i.request_id) x;

SELECT 'table', 'letters', count(*), md5(coalesce(string_agg(row_digest, '' ORDER BY row_digest), ''))
FROM (SELECT md5(ROW(r.reference, l.kind, l.language, l.format, l.sha256, l.verification_code, l.subject, l.body,
                     l.recipient, l.produced_at, l.produced_by)::text) AS row_digest
      FROM letters l JOIN requests r ON r.id = l.request_id) x;

SELECT 'table', 'evidence', count(*), md5(coalesce(string_agg(row_digest, '' ORDER BY row_digest), ''))
FROM (SELECT md5(ROW(r.reference, e.kind, e.details, e.occurred_at, e.recorded_at, e.recorded_by)::text) AS row_digest
      FROM evidence e JOIN requests r ON r.id = e.request_id) x;

SELECT 'table', 'clock_pauses', count(*), md5(coalesce(string_agg(row_digest, '' ORDER BY row_digest), ''))
FROM (SELECT md5(ROW(r.reference, p.reason, p.started_at, p.ended_at)::text) AS row_digest
      FROM clock_pauses p JOIN requests r ON r.id = p.request_id) x;

SELECT 'table', 'extensions', count(*), md5(coalesce(string_agg(row_digest, '' ORDER BY row_digest), ''))
FROM (SELECT md5(ROW(r.reference, x.period, x.reason, x.decided_by, x.granted_at, x.recorded_at, x.recorded_by)::text) AS row_digest
      FROM extensions x JOIN requests r ON r.id = x.request_id) x;

SELECT 'table', 'refusal_retentions', count(*), md5(coalesce(string_agg(row_digest, '' ORDER BY row_digest), ''))
FROM (SELECT md5(ROW(r.reference, t.law, t.period, t.recorded_at)::text) AS row_digest
      FROM refusal_retentions t JOIN requests r ON r.id = t.request_id) x;

SELECT 'table', 'events', count(*), md5(coalesce(string_agg(md5(ROW(
           r.reference, e.chain_pos, e.occurred_at, e.recorded_at, e.actor, e.event, e.from_state, e.to_state,
           e.payload::jsonb - '{requester_id,case_id,message_id,letter_id,evidence_id,inbox_item_id}'::text[],
           pm.sha256, pl.verification_code, md5(ROW(pe.kind, pe.details)::text), pim.sha256)::text), '' ORDER BY r.reference NULLS FIRST, e.chain_pos, e.occurred_at), ''))
FROM events e
LEFT JOIN requests r ON r.id = e.request_id
LEFT JOIN messages pm ON pm.id = (e.payload::jsonb ->> 'message_id')::bigint
LEFT JOIN letters pl ON pl.id = (e.payload::jsonb ->> 'letter_id')::bigint
LEFT JOIN evidence pe ON pe.id = (e.payload::jsonb ->> 'evidence_id')::bigint
LEFT JOIN inbox_items pi ON pi.id = (e.payload::jsonb ->> 'inbox_item_id')::bigint
LEFT JOIN messages pim ON pim.id = pi.message_id;

SELECT 'table', 'reference_counters', count(*), md5(coalesce(string_agg(ROW(year, last_value)::text, ',' ORDER BY year), ''))
FROM reference_counters;

-- Invariants: no duplicates, no orphans.
SELECT 'check', 'duplicate_messages', count(*) FROM (SELECT sha256 FROM messages GROUP BY sha256 HAVING count(*) > 1) d;
SELECT 'check', 'duplicate_requests_per_message', count(*)
FROM (SELECT message_id, kind FROM requests WHERE message_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d;
SELECT 'check', 'duplicate_acknowledgements', count(*)
FROM (SELECT request_id FROM letters WHERE kind = 'acknowledgement' GROUP BY 1 HAVING count(*) > 1) d;
SELECT 'check', 'requests_without_one_received_event', count(*)
FROM requests r WHERE (SELECT count(*) FROM events e WHERE e.request_id = r.id AND e.event = 'received') <> 1;
SELECT 'check', 'letters_without_event', count(*)
FROM letters l WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.request_id = l.request_id AND e.event = 'letter_produced');
SELECT 'check', 'orphan_requesters', count(*) FROM requesters q WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.requester_id = q.id);
SELECT 'check', 'orphan_cases', count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.case_id = c.id);
SELECT 'check', 'new_messages_without_request', count(*) FROM messages WHERE direction = 'inbound' AND status IN ('new', 'reply') AND request_id IS NULL;
SELECT 'check', 'triage_messages_without_inbox_item', count(*)
FROM messages m WHERE m.status IN ('triage', 'quarantined') AND NOT EXISTS (SELECT 1 FROM inbox_items i WHERE i.message_id = m.id);
SELECT 'check', 'unsealed_events', count(*) FROM events WHERE leaf IS NULL;
