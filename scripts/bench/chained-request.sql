-- pgbench script: the shape of every audited change since issue 15's chain heads (SQL/0120) —
-- the change's UPDATE of the request row, which locks it and returns the chain head; one statement
-- that inserts the next event of that request's chain and moves the head on the row; commit —
-- with nothing else. Requests are drawn at random from 100,000, so writers almost never meet; no
-- row is shared by every writer. Its tps under `-c 8` is the ceiling of the design on this server:
-- independent durable commits of two row updates and one insert each, bounded by the WAL flush
-- (group commit) as pgbench's own simple-update is.
\set chain random(1, 100000)
BEGIN;
UPDATE bench_chain_heads SET version = version + 1 WHERE chain = :chain RETURNING pos, hash;
WITH head AS (UPDATE bench_chain_heads SET pos = pos + 1, hash = md5(random()::text) WHERE chain = :chain
              RETURNING chain, pos, hash)
INSERT INTO bench_chain_events (chain, pos, hash, payload) SELECT chain, pos, hash, repeat('x', 200) FROM head;
END;
