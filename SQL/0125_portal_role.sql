-- The portal's own database role (issue 17 §6): `dsar_portal`, NOLOGIN; `dsar-portal` logs in
-- as a user made a member of it (README, "Portal"), never as a desk user.
--
-- What it may do, and nothing else:
--   * INSERT a pending submission into portal_submissions (only the columns of the form and its
--     hashed code: it cannot insert one already verified, and cannot read any back);
--   * SELECT portal_settings (the few settings and the default policy's name the pages show);
--   * EXECUTE the portal_* functions below. They run with their owner's rights (SECURITY
--     DEFINER) and each reaches only what its arguments open: a code's challenge, a status
--     session's token hash, a letter's verification code. The portal never reads requests,
--     requesters, messages, events or letters itself.
--
-- A verified submission and a reply typed on the status page are not written into the desk's
-- tables by the portal: they wait (portal_submissions.verified_at, portal_replies) for the
-- desk's promoter, `dsar portal promote`, which creates the request, its acknowledgement and
-- the audit events through the desk's normal path (AuditLog in Swift is the one writer of the
-- audit chain).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dsar_portal') THEN
        BEGIN
            CREATE ROLE dsar_portal NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created concurrently by a migration of another database
        END;
    END IF;
END;
$$;

-- Set when the right code was entered; the promoter turns the row into a request (received at
-- this time) and deletes it.
ALTER TABLE portal_submissions ADD COLUMN verified_at timestamptz;
CREATE INDEX portal_submissions_verified ON portal_submissions (id) WHERE verified_at IS NOT NULL;

-- Replies typed on the status page, until the promoter stores them as messages of their request.
CREATE TABLE portal_replies (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id),
    body        text NOT NULL,
    received_at timestamptz NOT NULL
);
COMMENT ON COLUMN portal_replies.body IS 'personal data: the reply a requester typed on the status page';

-- What every page shows: the organisation, the default policy, where codes come from.
CREATE VIEW portal_settings AS
SELECT key, value FROM settings
WHERE key IN ('organisation.name', 'dpo.email', 'mail.domain', 'mail.smtp_url', 'mail.ca_file', 'portal.public_url')
UNION ALL
SELECT 'policy.' || field, value
FROM (SELECT name, time_zone FROM policies ORDER BY is_default DESC, code = 'uz' DESC, code LIMIT 1) AS p,
     LATERAL (VALUES ('name', p.name), ('time_zone', p.time_zone)) AS v (field, value);

-- Outcomes of entering a code: verified/opened, wrong (attempts_left > 0), locked, expired, unknown.
CREATE FUNCTION portal_confirm_submission(p_challenge text, p_code_hash text, p_now timestamptz)
RETURNS TABLE (outcome text, attempts_left integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    pending record;
BEGIN
    SELECT id, code_hash, attempts, code_expires_at, verified_at INTO pending
    FROM portal_submissions WHERE challenge = p_challenge FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'unknown'::text, 0;
    ELSIF pending.verified_at IS NOT NULL THEN
        RETURN QUERY SELECT 'verified'::text, 0;
    ELSIF pending.attempts >= 5 THEN
        RETURN QUERY SELECT 'locked'::text, 0;
    ELSIF pending.code_expires_at <= p_now THEN
        RETURN QUERY SELECT 'expired'::text, 0;
    ELSIF p_code_hash IS NULL OR p_code_hash <> pending.code_hash THEN
        UPDATE portal_submissions SET attempts = attempts + 1 WHERE id = pending.id;
        RETURN QUERY SELECT CASE WHEN pending.attempts + 1 >= 5 THEN 'locked' ELSE 'wrong' END, 4 - pending.attempts;
    ELSE
        UPDATE portal_submissions SET verified_at = p_now WHERE id = pending.id;
        RETURN QUERY SELECT 'verified'::text, 0;
    END IF;
END;
$$;

-- Records a status look-up whatever it matches (request_id NULL when the pair is unknown) and
-- says whether it matched: only then does the portal mail the code.
CREATE FUNCTION portal_begin_lookup(p_reference text, p_email text, p_challenge text, p_code_hash text, p_now timestamptz)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    found_id bigint;
BEGIN
    SELECT r.id INTO found_id FROM requests r JOIN requesters q ON q.id = r.requester_id
    WHERE r.reference = upper(p_reference) AND lower(q.email) = lower(p_email);
    INSERT INTO portal_lookups (challenge, request_id, code_hash, created_at, code_expires_at)
    VALUES (p_challenge, found_id, p_code_hash, p_now, p_now + interval '30 minutes');
    RETURN found_id IS NOT NULL;
END;
$$;

-- The right code of a look-up that matched opens a 30-minute session (stored as its token's hash).
CREATE FUNCTION portal_confirm_lookup(p_challenge text, p_code_hash text, p_session_hash text, p_now timestamptz)
RETURNS TABLE (outcome text, attempts_left integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    pending record;
BEGIN
    SELECT request_id, code_hash, attempts, code_expires_at INTO pending
    FROM portal_lookups WHERE challenge = p_challenge FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'unknown'::text, 0;
    ELSIF pending.attempts >= 5 THEN
        RETURN QUERY SELECT 'locked'::text, 0;
    ELSIF pending.code_expires_at <= p_now THEN
        RETURN QUERY SELECT 'expired'::text, 0;
    ELSIF pending.request_id IS NULL OR p_code_hash IS NULL OR p_code_hash <> pending.code_hash THEN
        UPDATE portal_lookups SET attempts = attempts + 1 WHERE challenge = p_challenge;
        RETURN QUERY SELECT CASE WHEN pending.attempts + 1 >= 5 THEN 'locked' ELSE 'wrong' END, 4 - pending.attempts;
    ELSE
        DELETE FROM portal_lookups WHERE challenge = p_challenge;
        INSERT INTO portal_sessions (token_hash, request_id, created_at, expires_at)
        VALUES (p_session_hash, pending.request_id, p_now, p_now + interval '30 minutes');
        RETURN QUERY SELECT 'opened'::text, 0;
    END IF;
END;
$$;

-- What a live session shows: its one request (one row per readable letter, or one row with the
-- letter columns NULL), in one round trip. No rows: no such session, or it has ended.
CREATE FUNCTION portal_status(p_session_hash text, p_now timestamptz)
RETURNS TABLE (reference text, kind text, state text, received_at timestamptz, due_on date, original_due_on date,
               closed_at timestamptz, time_zone text, public_url text,
               letter_kind text, letter_language text, letter_produced_at timestamptz, letter_subject text,
               letter_body text, letter_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT r.reference, r.kind::text, r.state::text, r.received_at, r.due_on, r.original_due_on, r.closed_at,
           p.time_zone, (SELECT value FROM settings WHERE key = 'portal.public_url'),
           l.kind, l.language::text, l.produced_at, l.subject, l.body, l.verification_code
    FROM portal_sessions s
    JOIN requests r ON r.id = s.request_id
    JOIN policies p ON p.code = r.policy
    LEFT JOIN letters l ON l.request_id = r.id AND l.recipient IS NULL AND l.body IS NOT NULL
    WHERE s.token_hash = p_session_hash AND s.expires_at > p_now
    ORDER BY l.id
$$;

-- A reply typed on the status page of a live session; false when the session has ended.
CREATE FUNCTION portal_reply(p_session_hash text, p_body text, p_now timestamptz)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    session_request bigint;
BEGIN
    SELECT request_id INTO session_request FROM portal_sessions WHERE token_hash = p_session_hash AND expires_at > p_now;
    IF session_request IS NULL THEN
        RETURN false;
    END IF;
    INSERT INTO portal_replies (request_id, body, received_at) VALUES (session_request, p_body, p_now);
    RETURN true;
END;
$$;

CREATE FUNCTION portal_end_session(p_session_hash text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM portal_sessions WHERE token_hash = p_session_hash
$$;

-- `/verify/CODE`: the organisation, letter kind, date and reference of a verification code
-- (normalised by the caller); no personal data.
CREATE FUNCTION portal_verify_letter(p_code text)
RETURNS TABLE (organisation text, kind text, produced_at timestamptz, reference text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT value FROM settings WHERE key = 'organisation.name'), ''), l.kind, l.produced_at, r.reference
    FROM letters l JOIN requests r ON r.id = l.request_id
    WHERE l.verification_code = p_code
$$;

-- Deletes unverified submissions and look-ups older than 24 hours and ended sessions; returns
-- how many rows went. Verified submissions wait for the promoter.
CREATE FUNCTION portal_purge(p_now timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    removed integer;
    total integer := 0;
BEGIN
    DELETE FROM portal_submissions WHERE verified_at IS NULL AND created_at < p_now - interval '24 hours';
    GET DIAGNOSTICS removed = ROW_COUNT;
    total := total + removed;
    DELETE FROM portal_lookups WHERE created_at < p_now - interval '24 hours';
    GET DIAGNOSTICS removed = ROW_COUNT;
    total := total + removed;
    DELETE FROM portal_sessions WHERE expires_at < p_now;
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN total + removed;
END;
$$;

-- (Re)applies dsar_portal's privileges in this database, and the promoter's DELETE for
-- dsar_desk; returns one line per step (printed by `dsar db migrate --grant` after dsar_grant(),
-- which leaves dsar_portal alone but resets dsar_desk's rights on every table).
CREATE FUNCTION dsar_portal_grant() RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    owned boolean := pg_has_role(current_user, 'dsar_owner', 'MEMBER');
    routine record;
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO dsar_portal', current_database());
    GRANT USAGE ON SCHEMA public TO dsar_portal;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM dsar_portal;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM dsar_portal;
    RETURN NEXT format('database %s: CONNECT and schema USAGE to dsar_portal; no right on any table but what follows', current_database());

    GRANT INSERT (challenge, code_hash, kind, name, email, phone, details, language, policy, created_at, code_expires_at)
        ON portal_submissions TO dsar_portal;
    GRANT USAGE ON SEQUENCE portal_submissions_id_seq TO dsar_portal;
    RETURN NEXT 'portal_submissions: INSERT of the form''s columns to dsar_portal (no SELECT, no verified_at)';
    GRANT SELECT ON portal_settings TO dsar_portal;
    RETURN NEXT 'portal_settings: SELECT to dsar_portal';

    FOR routine IN
        SELECT p.oid::regprocedure AS signature, p.proname, pg_get_userbyid(p.proowner) AS owner
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proname LIKE 'portal\_%'
        ORDER BY p.proname
    LOOP
        IF owned AND routine.owner <> 'dsar_owner' THEN
            EXECUTE format('ALTER FUNCTION %s OWNER TO dsar_owner', routine.signature);
        END IF;
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', routine.signature);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO dsar_portal', routine.signature);
        IF routine.proname = 'portal_purge' THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO dsar_desk', routine.signature);
        END IF;
    END LOOP;
    RETURN NEXT 'portal_* functions: EXECUTE to dsar_portal only (portal_purge also to dsar_desk), owned by dsar_owner';

    GRANT DELETE ON portal_submissions, portal_replies TO dsar_desk;
    RETURN NEXT 'portal_submissions, portal_replies: DELETE to dsar_desk (dsar portal promote)';
    RETURN;
END;
$$;
REVOKE ALL ON FUNCTION dsar_portal_grant() FROM PUBLIC;

SELECT count(*) FROM dsar_grant();
SELECT count(*) FROM dsar_portal_grant();
