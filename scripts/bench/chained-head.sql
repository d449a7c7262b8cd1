-- pgbench script: the shape of every audited change — lock the one audit head row, append an
-- event, move the head, commit — with nothing else. Its tps under `-c 8` is the ceiling any
-- design that holds a single head row lock through a durable commit can reach on this server.
BEGIN;
SELECT seq, hash FROM bench_head FOR UPDATE;
INSERT INTO bench_events (payload) VALUES (repeat('x', 200));
UPDATE bench_head SET seq = seq + 1;
END;
