-- The requester's portal (issue 17): form submissions waiting for their e-mail code, status
-- look-ups waiting for theirs, and the status sessions a verified look-up opens.
--
-- Nothing here is a request yet: a submission becomes one only when its code is entered
-- (`dsar-portal` then deletes the row), and an unverified one is deleted after 24 hours with
-- everything it held. Codes and tokens are stored as SHA-256 hashes only.

CREATE TABLE portal_submissions (
    id              bigserial PRIMARY KEY,
    challenge       text COLLATE "C" NOT NULL UNIQUE, -- SHA-256 of the token in the confirmation URL
    code_hash       text COLLATE "C" NOT NULL,        -- SHA-256 of challenge:code
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    kind            text NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection')),
    name            text NOT NULL,
    email           text NOT NULL,
    phone           text,
    details         text,
    language        desk_language NOT NULL,
    policy          text,
    created_at      timestamptz NOT NULL,
    code_expires_at timestamptz NOT NULL
);
CREATE INDEX portal_submissions_by_age ON portal_submissions (created_at);
COMMENT ON COLUMN portal_submissions.name IS 'personal data: the name typed in the portal form';
COMMENT ON COLUMN portal_submissions.email IS 'personal data: the e-mail address typed in the portal form';
COMMENT ON COLUMN portal_submissions.phone IS 'personal data: the telephone number typed in the portal form';
COMMENT ON COLUMN portal_submissions.details IS 'personal data: the free text of the portal form';

-- A status look-up: request_id is NULL when the reference and e-mail matched nothing (the page
-- then looks the same, and no code can open it).
CREATE TABLE portal_lookups (
    challenge       text COLLATE "C" PRIMARY KEY,
    request_id      bigint REFERENCES requests (id),
    code_hash       text COLLATE "C" NOT NULL,
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at      timestamptz NOT NULL,
    code_expires_at timestamptz NOT NULL
);
CREATE INDEX portal_lookups_by_age ON portal_lookups (created_at);

CREATE TABLE portal_sessions (
    token_hash text COLLATE "C" PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX portal_sessions_by_expiry ON portal_sessions (expires_at);
