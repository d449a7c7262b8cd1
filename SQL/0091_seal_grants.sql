-- Issue 15: the global chain head is gone (0090 and its sealing of the legacy chain replace it),
-- and the desk role may seal: set an event's leaf once (the trigger refuses anything else), append
-- seals, take the seal lock. `dsar_grant()` is redefined with those rules and applied again.
DROP TABLE audit_head;

CREATE OR REPLACE FUNCTION dsar_grant() RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    object record;
    -- Columns that hold personal data: never readable by dsar_report (requesters_masked masks the first three).
    personal_columns constant text[] := ARRAY[
        'requesters.name', 'requesters.email', 'requesters.phone',
        'messages.raw', 'messages.from_name', 'messages.from_email', 'messages.subject',
        'letters.subject', 'letters.body', 'letters.recipient',
        'requests.details', 'requests.close_note', 'clarifications.question', 'inbox_items.resolution',
        'inbox_items.reason'];
    readable text;
    owned boolean := pg_has_role(current_user, 'dsar_owner', 'MEMBER');
BEGIN
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
