-- Mail in and out (issue 16): the IMAP folders the intake reads, and the outbox of letters sent
-- over SMTP. dsar_grant() is 0091's, extended to hide every column commented 'personal data'.

-- Where `dsar intake fetch` stopped in each folder: UIDs are valid only with their UIDVALIDITY;
-- a changed UIDVALIDITY means the server renumbered the folder, which is then read again from
-- the start (the intake recognises the messages it already holds as duplicates).
CREATE TABLE mail_folders (
    account      text NOT NULL,            -- imaps://user@host:port (no password, ever)
    folder       text NOT NULL,
    uid_validity bigint NOT NULL CHECK (uid_validity > 0),
    last_uid     bigint NOT NULL CHECK (last_uid >= 0),
    fetched_at   timestamptz NOT NULL,
    PRIMARY KEY (account, folder)
);

-- One row per letter handed to the outbox. `sending` is committed before the SMTP dialogue and
-- `sent` after it, so a crash in between leaves `sending`, which the next look turns into
-- `uncertain` (never resent blindly); a sender holds the advisory lock (outbox id) on its
-- session while the row is `sending`.
CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    letter_id       bigint NOT NULL UNIQUE REFERENCES letters (id),
    request_id      bigint NOT NULL REFERENCES requests (id),
    status          text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'uncertain', 'cancelled')),
    sender          text NOT NULL,
    recipient       text,                  -- NULL once purged
    message         bytea,                 -- the .eml as sent; NULL once purged
    message_id      text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz,
    queued_at       timestamptz NOT NULL,
    queued_by       text NOT NULL,
    last_attempt_at timestamptz,
    sent_at         timestamptz,
    server_reply    text,                  -- the server's last answer (250 2.0.0 Ok: queued as …, or the refusal)
    bounced_at      timestamptz,
    bounce_reason   text,
    CHECK (status <> 'sent' OR sent_at IS NOT NULL),
    CHECK (status <> 'bounced' OR bounced_at IS NOT NULL)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX outbox_by_request ON outbox (request_id);
CREATE INDEX outbox_by_message_id ON outbox (message_id);
COMMENT ON COLUMN outbox.recipient IS 'personal data: the requester''s e-mail address';
COMMENT ON COLUMN outbox.message IS 'personal data: the letter as sent';
COMMENT ON COLUMN outbox.bounce_reason IS 'personal data: the remote server''s diagnostic, which names the address';

CREATE OR REPLACE FUNCTION dsar_grant() RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    object record;
    -- Columns that hold personal data: never readable by dsar_report (requesters_masked masks the
    -- first three). Besides this list, every column whose comment starts with "personal data"
    -- (later tables mark their columns so instead of redefining this function).
    personal_columns text[] := ARRAY[
        'requesters.name', 'requesters.email', 'requesters.phone',
        'messages.raw', 'messages.from_name', 'messages.from_email', 'messages.subject',
        'letters.subject', 'letters.body', 'letters.recipient',
        'requests.details', 'requests.close_note', 'clarifications.question', 'inbox_items.resolution',
        'inbox_items.reason'];
    readable text;
    owned boolean := pg_has_role(current_user, 'dsar_owner', 'MEMBER');
BEGIN
    personal_columns := personal_columns || ARRAY(
        SELECT c.relname || '.' || a.attname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND col_description(c.oid, a.attnum) ILIKE 'personal data%');
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO dsar_owner, dsar_desk, dsar_report', current_database());
    RETURN NEXT format('database %s: CONNECT to dsar_owner, dsar_desk, dsar_report', current_database());

    -- Nobody but the owner creates objects; the two working roles may only use the schema.
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    GRANT USAGE, CREATE ON SCHEMA public TO dsar_owner;
    GRANT USAGE ON SCHEMA public TO dsar_desk, dsar_report;
    RETURN NEXT 'schema public: USAGE to dsar_desk and dsar_report, CREATE only to dsar_owner';

    FOR object IN
        SELECT c.oid, c.relname, c.relkind, pg_get_userbyid(c.relowner) AS owner
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S')
        ORDER BY c.relkind, c.relname
    LOOP
        IF owned AND object.owner <> 'dsar_owner' THEN
            IF object.relkind = 'v' THEN
                EXECUTE format('ALTER VIEW %I OWNER TO dsar_owner', object.relname);
            ELSIF object.relkind = 'S' THEN
                -- A sequence owned by a column follows its table's owner.
                IF NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = object.oid
                               AND d.deptype IN ('a', 'i') AND d.classid = 'pg_class'::regclass) THEN
                    EXECUTE format('ALTER SEQUENCE %I OWNER TO dsar_owner', object.relname);
                END IF;
            ELSE
                EXECUTE format('ALTER TABLE %I OWNER TO dsar_owner', object.relname);
            END IF;
        END IF;
        IF object.relkind = 'S' THEN
            EXECUTE format('REVOKE ALL ON SEQUENCE %I FROM PUBLIC, dsar_desk, dsar_report', object.relname);
            EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I TO dsar_desk', object.relname);
            RETURN NEXT format('%s: USAGE, SELECT to dsar_desk', object.relname);
            CONTINUE;
        END IF;
        EXECUTE format('REVOKE ALL ON %I FROM PUBLIC, dsar_desk, dsar_report', object.relname);

        -- dsar_desk
        IF object.relname = 'events' THEN
            EXECUTE 'GRANT SELECT, INSERT, UPDATE (leaf) ON events TO dsar_desk';
            RETURN NEXT 'events: SELECT, INSERT to dsar_desk, UPDATE of leaf only to seal (no DELETE or TRUNCATE)';
        ELSIF object.relname = 'audit_seals' THEN
            EXECUTE 'GRANT SELECT, INSERT ON audit_seals TO dsar_desk';
            RETURN NEXT 'audit_seals: SELECT, INSERT to dsar_desk (no UPDATE, DELETE or TRUNCATE)';
        ELSIF object.relname = 'audit_sealer' THEN
            EXECUTE 'GRANT SELECT, UPDATE ON audit_sealer TO dsar_desk';
            RETURN NEXT 'audit_sealer: SELECT, UPDATE to dsar_desk (the seal lock)';
        ELSIF object.relname = 'schema_migrations' OR object.relkind = 'v' THEN
            EXECUTE format('GRANT SELECT ON %I TO dsar_desk', object.relname);
            RETURN NEXT format('%s: SELECT to dsar_desk', object.relname);
        ELSIF object.relname = 'holidays' THEN
            EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON holidays TO dsar_desk';
            RETURN NEXT 'holidays: SELECT, INSERT, UPDATE, DELETE to dsar_desk (dsar calendar remove)';
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO dsar_desk', object.relname);
            RETURN NEXT format('%s: SELECT, INSERT, UPDATE to dsar_desk', object.relname);
        END IF;

        -- dsar_report
        IF EXISTS (SELECT FROM information_schema.columns c
                      WHERE c.table_schema = 'public' AND c.table_name = object.relname
                        AND (c.table_name || '.' || c.column_name) = ANY (personal_columns)) THEN
            SELECT string_agg(format('%I', c.column_name), ', ' ORDER BY c.ordinal_position) INTO readable
            FROM information_schema.columns c
            WHERE c.table_schema = 'public' AND c.table_name = object.relname
              AND NOT (c.table_name || '.' || c.column_name) = ANY (personal_columns);
            EXECUTE format('GRANT SELECT (%s) ON %I TO dsar_report', readable, object.relname);
            RETURN NEXT format('%s: SELECT to dsar_report on every column but its free text and contact details', object.relname);
        ELSE
            EXECUTE format('GRANT SELECT ON %I TO dsar_report', object.relname);
            RETURN NEXT format('%s: SELECT to dsar_report', object.relname);
        END IF;
    END LOOP;

    IF NOT owned THEN
        RETURN NEXT format('ownership left as it is: %s is not a member of dsar_owner', current_user);
    ELSE
        RETURN NEXT 'every table, view and sequence is owned by dsar_owner';
    END IF;
    RETURN;
END;
$$;
REVOKE ALL ON FUNCTION dsar_grant() FROM PUBLIC;

SELECT count(*) FROM dsar_grant();
