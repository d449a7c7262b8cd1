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
--   events.hash, events.prev_hash, requests.audit_hash  sha256_hex: 64 lower-case hex digits
--   events.event        audit_event_name: lower-case letters and underscores
--   events.actor        audit_actor: 1 to 100 characters
--   events.payload      json_text: text that parses as JSON (kept as text: it is hashed as written)
--   requests.reference  request_reference: DSAR-YYYY-NNNNNN
--   requests.extended_by extension_length: 1–3 digits and d, wd or m
-- The checks over several columns (or cheap integer bounds) stay table CHECKs.
--
-- Each ALTER COLUMN … TYPE is to a domain over the column's own type: no table rewrite and no
-- index rebuild, one scan that checks the existing values.

CREATE DOMAIN audit_event_name AS text CHECK (VALUE ~ '^[a-z_]+$');
CREATE DOMAIN audit_actor AS text CHECK (length(VALUE) BETWEEN 1 AND 100);
CREATE DOMAIN json_text AS text CHECK (VALUE::jsonb IS NOT NULL);
CREATE DOMAIN request_reference AS text COLLATE "C" CHECK (VALUE ~ '^DSAR-[0-9]{4}-[0-9]{6}$');
CREATE DOMAIN extension_length AS text CHECK (VALUE ~ '^[0-9]{1,3}(d|wd|m)$');

ALTER TABLE events
    DROP CONSTRAINT events_hash_check,
    DROP CONSTRAINT events_prev_hash_check,
    DROP CONSTRAINT events_event_check,
    DROP CONSTRAINT events_actor_check,
    DROP CONSTRAINT events_payload_check,
    ALTER COLUMN hash TYPE sha256_hex,
    ALTER COLUMN prev_hash TYPE sha256_hex,
    ALTER COLUMN event TYPE audit_event_name,
    ALTER COLUMN actor TYPE audit_actor,
    ALTER COLUMN payload TYPE json_text;

ALTER TABLE requests
    DROP CONSTRAINT requests_audit_hash_check,
    DROP CONSTRAINT requests_reference_check,
    DROP CONSTRAINT requests_extended_by_check,
    ALTER COLUMN audit_hash TYPE sha256_hex COLLATE "C",
    ALTER COLUMN reference TYPE request_reference COLLATE "C",
    ALTER COLUMN extended_by TYPE extension_length;
