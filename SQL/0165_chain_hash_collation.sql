-- Issue 15 (speed of the bulk load): the chain hashes compare byte by byte again.
--
-- 0160 moved events.hash and events.prev_hash to the domain chain_hash, whose collation is the
-- database's (C.UTF-8 on our clusters), where the columns were COLLATE "C" before. PostgreSQL 15
-- compares such text with strcoll() and without abbreviated keys, so the unique index on
-- events.hash sorted almost four times slower: on the demo desk (6,944,109 events) its build took
-- 18.9 s of CPU against 5.05 s with COLLATE "C" (serial builds), and the server's CPU for
-- `dsar demo --requests 1000000` went from 89–90 s to 99–103 s.
--
-- Only the collation changes: the type stays chain_hash with its check (64 lower-case hex
-- digits, SQLSTATE 23514 otherwise), equality and uniqueness of such values are the same under
-- both collations, and the table is not rewritten (the same type); events_hash_key is rebuilt.
-- requests.audit_hash already has chain_hash COLLATE "C" (0160).
ALTER TABLE events
    ALTER COLUMN hash TYPE chain_hash COLLATE "C",
    ALTER COLUMN prev_hash TYPE chain_hash COLLATE "C";
