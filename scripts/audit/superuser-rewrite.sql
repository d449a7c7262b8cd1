-- scripts/audit/superuser-rewrite.sh runs this: what a superuser with the server's keys can do to
-- the audit log. A second, SQL-only implementation of the canonical event (AuditEntry) and of
-- the RFC 9162 tree (MerkleFrontier): if it rewrites consistently, `dsar audit verify` passes
-- and only `dsar audit verify --digest OLD` catches it.
-- A superuser rewrites request 1's history (actor -> mallory) and recomputes EVERY hash and EVERY seal, in SQL.
ALTER TABLE events DISABLE TRIGGER USER;
ALTER TABLE audit_seals DISABLE TRIGGER USER;
CREATE FUNCTION pg_temp.esc(x text) RETURNS text LANGUAGE sql AS
$$ SELECT replace(replace(replace(replace(x, E'\\', E'\\\\'), '|', E'\\|'), E'\n', E'\\n'), E'\r', E'\\r') $$;
CREATE FUNCTION pg_temp.canonical(e events) RETURNS text LANGUAGE sql AS $$
  SELECT 'v=2|sequence=' || e.seq
      || CASE WHEN e.request_id IS NULL THEN '|request_id' ELSE '|request_id=' || e.request_id END
      || '|chain_pos=' || e.chain_pos
      || '|occurred_at=' || to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      || '|recorded_at=' || to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      || '|actor=' || pg_temp.esc(e.actor) || '|event=' || pg_temp.esc(e.event)
      || coalesce('|from_state=' || pg_temp.esc(e.from_state::text), '|from_state')
      || coalesce('|to_state=' || pg_temp.esc(e.to_state::text), '|to_state')
      || '|payload=' || pg_temp.esc(e.payload) $$;
DO $$
DECLARE e events; prev text := repeat('0', 64); h text;
  counts bigint[] := '{}'; hashes bytea[] := '{}'; leaf bytea; r bytea; n int; i int; sealid bigint := 0; prevroot text;
BEGIN
  UPDATE events SET actor = 'mallory' WHERE request_id = 1;
  FOR e IN SELECT * FROM events WHERE request_id = 1 ORDER BY chain_pos LOOP
    h := encode(sha256(convert_to(prev || pg_temp.canonical(e), 'UTF8')), 'hex');
    UPDATE events SET prev_hash = prev, hash = h WHERE seq = e.seq;
    prev := h;
  END LOOP;
  -- The head on the request row (SQL/0120) follows the rewritten chain.
  UPDATE requests SET audit_hash = prev WHERE id = 1 AND audit_pos IS NOT NULL;
  prevroot := encode(sha256(''::bytea), 'hex');
  DELETE FROM audit_seals;
  FOR e IN SELECT * FROM events ORDER BY leaf LOOP
    leaf := sha256('\x00'::bytea || convert_to(e.prev_hash || pg_temp.canonical(e), 'UTF8'));
    counts := counts || 1::bigint; hashes := hashes || leaf;
    LOOP
      n := array_length(counts, 1);
      EXIT WHEN n < 2 OR counts[n] <> counts[n-1];
      hashes[n-1] := sha256('\x01'::bytea || hashes[n-1] || hashes[n]); counts[n-1] := counts[n-1] * 2;
      counts := counts[1:n-1]; hashes := hashes[1:n-1];
    END LOOP;
    n := array_length(counts, 1); r := hashes[n];
    FOR i IN REVERSE n-1..1 LOOP r := sha256('\x01'::bytea || hashes[i] || r); END LOOP;
    sealid := sealid + 1;
    INSERT INTO audit_seals (id, size, root, prev_root, sealed_at, frontier)
    VALUES (sealid, e.leaf + 1, encode(r, 'hex'), prevroot, now(),
            (SELECT string_agg(encode(x, 'hex'), ',' ORDER BY o) FROM unnest(hashes) WITH ORDINALITY AS u(x, o)));
    prevroot := encode(r, 'hex');
  END LOOP;
END $$;
ALTER TABLE events ENABLE TRIGGER USER;
ALTER TABLE audit_seals ENABLE TRIGGER USER;
