-- Issue 15 (speed): each request's chain head on its own row.
--
-- `audit_pos` and `audit_hash` are the position and hash of the request's newest event. An append
-- to a request's chain (AuditLog) locks the request row — a transition locks it anyway with its
-- UPDATE — reads the head from it, and in one statement inserts the event and moves the head, so
-- it needs neither an advisory lock nor a search of `events` for the tail. `dsar audit verify`
-- checks that every known head is its chain's last event, so an event added to a chain without
-- moving the head (a forged append) is caught even before it is sealed.
--
-- NULL means "not recorded here": rows written before this migration and by the bulk load
-- (`dsar demo --requests N`, whose COPY names its columns). The first append to such a request
-- reads the tail from `events` under the row lock and records the head from then on. Existing
-- desks are thus migrated in place without rewriting a single row.
ALTER TABLE requests
    ADD COLUMN audit_pos bigint CHECK (audit_pos > 0),
    ADD COLUMN audit_hash text COLLATE "C" CHECK (length(audit_hash) = 64 AND audit_hash !~ '[^0-9a-f]'),
    ADD CONSTRAINT requests_audit_head_whole CHECK ((audit_pos IS NULL) = (audit_hash IS NULL));

-- The report role may read the new columns (they hold no personal data).
SELECT count(*) FROM dsar_grant();
