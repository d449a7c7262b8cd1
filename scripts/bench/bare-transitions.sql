-- pgbench script: the bare statements of one claim and one close on the desk's own schema — the
-- floor under `dsar-bench claim-loops`. Claim: one UPDATE that picks the most urgent unassigned
-- open request (SKIP LOCKED) and assigns it, one INSERT of its event, COMMIT; close: one UPDATE
-- to refused, one INSERT of its event, COMMIT. Every constraint, trigger, index and the
-- durable commit the desk has, but none of what the desk adds on top: no queue bands, no facts
-- read for the lifecycle, no hash computed (md5 stands in), no seal, and pgbench as the client.
-- Run with `-M prepared -c 8 -j 2 -t N` over a desk of `dsar-bench prepare-claims` (8·N ≤ its
-- requests); each pgbench transaction is two transitions.
BEGIN;
UPDATE requests r SET assignee = 'bench', version = r.version + 1, updated_at = now(), updated_by = 'bench',
  audit_pos = r.audit_pos + 1, audit_hash = md5(random()::text) || md5(random()::text)
WHERE r.id = (SELECT id FROM requests WHERE state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')
              AND assignee IS NULL ORDER BY due_on, received_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING r.id AS rid, r.audit_pos AS pos \gset
INSERT INTO events (seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state, payload, prev_hash, hash)
VALUES (nextval('events_seq_seq'), :rid, :pos, now(), now(), 'bench', 'assigned', 'in_progress', 'in_progress',
        json_build_object('assignee','bench-0','claimed',true)::text, md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text));
COMMIT;
BEGIN;
UPDATE requests r SET state = 'refused', closed_at = now(), ground = 'exemption_other', close_note = 'Benchmark: closed by the claim loop.',
  version = r.version + 1, updated_at = now(), updated_by = 'bench',
  audit_pos = r.audit_pos + 1, audit_hash = md5(random()::text) || md5(random()::text)
WHERE r.id = :rid RETURNING r.audit_pos AS pos \gset
INSERT INTO events (seq, request_id, chain_pos, occurred_at, recorded_at, actor, event, from_state, to_state, payload, prev_hash, hash)
VALUES (nextval('events_seq_seq'), :rid, :pos, now(), now(), 'bench', 'close_refused', 'in_progress', 'refused',
        json_build_object('due_on','2026-12-03','ground','exemption_other','previous_due_on','2026-12-03')::text, md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text));
COMMIT;
