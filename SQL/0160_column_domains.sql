-- Issue 15 (speed): the per-column CHECKs of the two tables every audited change writes become
-- domains, with the same conditions.
--
-- PostgreSQL reads a table's CHECK constraints from their stored text again for every statement
-- that writes the table (ExecRelCheck), and evaluates all of them on every UPDATE, whatever
-- column changed: the seal's UPDATE of `leaf` re-parsed each event's payload as JSON and ran
-- three regular expressions over it. A domain's check is compiled once per session (the type
-- cache) and evaluated only when a value is written to that column, so an event is checked
-- once, when it is inserted; its content can never change afterwards (`events_are_sealed_once`).
-- Profiled on the claim + close loops: the CHECKs took about 8 % of the server's time.
--
-- What each column must hold is unchanged (a wrong value still fails with SQLSTATE 23514):
--   events.hash, events.prev_hash, requests.audit_hash  chain_hash: 64 lower-case hex digits
--   events.event        audit_event_name: lower-case letters and underscores
--   events.actor        audit_actor: 1 to 100 characters
--   events.payload      json_text: text that parses as JSON (kept as text: it is hashed as written)
--   requests.reference  request_reference: DSAR-YYYY-NNNNNN
--   requests.extended_by extension_length: 1–3 digits and d, wd or m
-- The checks over several columns (or cheap integer bounds) stay table CHECKs.
--
-- The hashes keep their byte-order collation "C" (SQL/0061): under the database's C.UTF-8 the
-- unique index on events.hash took 18.9 s of CPU to build over 6.9 million events, 5.05 s in "C".
--
-- No table is rewritten (at most the unique index on events.hash is rebuilt): a column changes
-- to a domain over its own type while the domain has no constraint yet (PostgreSQL rewrites a
-- table whose column gets a domain WITH constraints), then each domain gets its constraint,
-- which checks the existing values in one scan of each table that uses it. `sha256_hex`
-- (letters, exports) is not reused for this reason: the chains get their own `chain_hash` with
-- the same condition. On a desk of a million requests (about 7 million events) the scans (and
-- any rebuild of `events_hash_key`) take about a minute, once.

CREATE DOMAIN chain_hash AS text;
CREATE DOMAIN audit_event_name AS text;
CREATE DOMAIN audit_actor AS text;
CREATE DOMAIN json_text AS text;
CREATE DOMAIN request_reference AS text COLLATE "C";
CREATE DOMAIN extension_length AS text;

ALTER TABLE events
    DROP CONSTRAINT events_hash_check,
    DROP CONSTRAINT events_prev_hash_check,
    DROP CONSTRAINT events_event_check,
    DROP CONSTRAINT events_actor_check,
    DROP CONSTRAINT events_payload_check,
    ALTER COLUMN hash TYPE chain_hash COLLATE "C",
    ALTER COLUMN prev_hash TYPE chain_hash COLLATE "C",
    ALTER COLUMN event TYPE audit_event_name,
    ALTER COLUMN actor TYPE audit_actor,
    ALTER COLUMN payload TYPE json_text;

ALTER TABLE requests
    DROP CONSTRAINT requests_audit_hash_check,
    DROP CONSTRAINT requests_reference_check,
    DROP CONSTRAINT requests_extended_by_check,
    ALTER COLUMN audit_hash TYPE chain_hash COLLATE "C",
    ALTER COLUMN reference TYPE request_reference COLLATE "C",
    ALTER COLUMN extended_by TYPE extension_length;

ALTER DOMAIN chain_hash ADD CONSTRAINT chain_hash_check CHECK (length(VALUE) = 64 AND VALUE !~ '[^0-9a-f]');
ALTER DOMAIN audit_event_name ADD CONSTRAINT audit_event_name_check CHECK (VALUE ~ '^[a-z_]+$');
ALTER DOMAIN audit_actor ADD CONSTRAINT audit_actor_check CHECK (length(VALUE) BETWEEN 1 AND 100);
ALTER DOMAIN json_text ADD CONSTRAINT json_text_check CHECK (VALUE::jsonb IS NOT NULL);
ALTER DOMAIN request_reference ADD CONSTRAINT request_reference_check CHECK (VALUE ~ '^DSAR-[0-9]{4}-[0-9]{6}$');
ALTER DOMAIN extension_length ADD CONSTRAINT extension_length_check CHECK (VALUE ~ '^[0-9]{1,3}(d|wd|m)$');
