-- pgbench script: the shape of every audited change since issue 15 — read the tail of ONE
-- request's chain, append the next event of that chain (the unique (chain, pos) index turns a
-- concurrent append into a retry, ON CONFLICT), commit — with nothing else. Requests are drawn at
-- random from 100,000, so writers almost never meet; no row is shared by every writer. Its tps
-- under `-c 8` is the ceiling of the new design on this server: the rate of independent durable
-- commits of one small insert each, bounded by the WAL flush (group commit), as pgbench's own
-- simple-update is.
\set chain random(1, 100000)
BEGIN;
SELECT pos, hash FROM bench_chain_events WHERE chain = :chain ORDER BY pos DESC LIMIT 1;
INSERT INTO bench_chain_events (chain, pos, hash, payload)
SELECT :chain, coalesce(max(pos), 0) + 1, md5(random()::text), repeat('x', 200) FROM bench_chain_events WHERE chain = :chain
ON CONFLICT (chain, pos) DO NOTHING;
END;
