-- The tamper-evident audit log (SPEC §3): an append-only hash chain.
-- `seq` is the chain order; `hash` = SHA-256(prev_hash || canonical content), computed by the
-- application (DeskCore.AuditEntry) and re-checked by `dsar audit verify`.
-- The payload never holds personal data: it refers to the requester by id.

CREATE TABLE events (
    seq         bigint PRIMARY KEY CHECK (seq > 0),
    request_id  bigint REFERENCES requests (id),
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    actor       text NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
    event       text NOT NULL CHECK (event ~ '^[a-z_]+$'),
    from_state  request_state,
    to_state    request_state,
    payload     text NOT NULL DEFAULT '{}' CHECK (payload::jsonb IS NOT NULL),
    prev_hash   text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash        text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX events_by_request ON events (request_id, seq);
CREATE INDEX events_by_occurred ON events (occurred_at);

-- The head of the chain: one row, locked by every writer so appends are serialised.
CREATE TABLE audit_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq       bigint NOT NULL,
    hash      text NOT NULL
);
INSERT INTO audit_head (seq, hash) VALUES (0, repeat('0', 64));

CREATE FUNCTION events_are_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on events is not allowed', TG_OP
        USING ERRCODE = 'P0001', HINT = 'Record a new event instead of changing an old one.';
END;
$$;

CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only();
