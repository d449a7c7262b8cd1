-- DSAR Desk schema: requests, requesters, audit log, messages, letters, evidence, inbox.
-- SPEC §3–§5. Instants are timestamptz, due dates are date. Kinds and states are domains with
-- CHECK constraints so that a bad value never reaches a table.

CREATE DOMAIN right_kind AS text
    CHECK (VALUE IN ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'));
CREATE DOMAIN request_state AS text
    CHECK (VALUE IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester',
                     'fulfilled', 'partially_fulfilled', 'refused', 'withdrawn', 'lifted'));
CREATE DOMAIN desk_language AS text CHECK (VALUE IN ('uz', 'uz-Cyrl', 'ru', 'en'));
CREATE DOMAIN request_channel AS text
    CHECK (VALUE IN ('email', 'web_form', 'paper', 'phone', 'in_person'));
CREATE DOMAIN refusal_ground AS text
    CHECK (VALUE IN ('identity_not_verified', 'manifestly_unfounded', 'excessive',
                     'legal_obligation_to_retain', 'no_data_held', 'exemption_other'));
CREATE DOMAIN period_unit AS text CHECK (VALUE IN ('calendar_days', 'working_days', 'months'));
CREATE DOMAIN sha256_hex AS text CHECK (VALUE ~ '^[0-9a-f]{64}$');

-- Working-day calendars -----------------------------------------------------------------------

CREATE TABLE calendars (
    code    text PRIMARY KEY,
    name    text NOT NULL,
    weekend text NOT NULL CHECK (weekend IN ('sat_sun', 'sun'))
);

CREATE TABLE holidays (
    calendar text NOT NULL REFERENCES calendars (code) ON DELETE CASCADE,
    day      date NOT NULL,
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    PRIMARY KEY (calendar, day)
);

-- Jurisdiction policies (SPEC §4) --------------------------------------------------------------

CREATE TABLE policies (
    code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{0,31}$'),
    name       text NOT NULL,
    time_zone  text NOT NULL DEFAULT 'Asia/Tashkent',
    calendar   text NOT NULL REFERENCES calendars (code),
    authority  text NOT NULL,
    is_default boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX policies_one_default ON policies (is_default) WHERE is_default;

CREATE TABLE policy_rules (
    policy                text NOT NULL REFERENCES policies (code) ON DELETE CASCADE,
    kind                  right_kind NOT NULL,
    period_count          integer NOT NULL CHECK (period_count > 0),
    period_unit           period_unit NOT NULL,
    counting_start        text NOT NULL DEFAULT 'next_day' CHECK (counting_start IN ('next_day', 'same_day')),
    identity_pauses_clock boolean NOT NULL DEFAULT true,
    extension_count       integer CHECK (extension_count > 0),
    extension_unit        period_unit,
    source                text NOT NULL CHECK (length(source) > 0),
    PRIMARY KEY (policy, kind),
    CHECK ((extension_count IS NULL) = (extension_unit IS NULL))
);

-- Requesters: personal data kept apart from the audit log so it can be anonymised -------------

CREATE TABLE requesters (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL,
    email         text,
    phone         text,
    language      desk_language NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    anonymised_at timestamptz
);
CREATE INDEX requesters_email ON requesters (lower(email));

-- Reference numbers DSAR-YYYY-NNNNNN, gapless per year ----------------------------------------

CREATE TABLE reference_counters (
    year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
    last_value integer NOT NULL CHECK (last_value BETWEEN 0 AND 999999)
);

-- Raw mail, kept once ---------------------------------------------------------------------------

CREATE TABLE messages (
    id          bigserial PRIMARY KEY,
    sha256      sha256_hex NOT NULL UNIQUE,
    message_id  text UNIQUE,
    raw         bytea,                      -- NULL once purged under the desk's retention rule
    size_bytes  integer NOT NULL,
    source      text NOT NULL,
    from_name   text,
    from_email  text,
    subject     text,
    sent_at     timestamptz,
    imported_at timestamptz NOT NULL DEFAULT now(),
    direction   text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
    status      text NOT NULL CHECK (status IN ('new', 'reply', 'triage', 'quarantined')),
    language    desk_language,
    in_reply_to text,
    request_id  bigint                      -- set below, once requests exists
);

-- Cases group sibling requests created from one message asking for several rights ------------

CREATE TABLE cases (
    id         bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Requests --------------------------------------------------------------------------------------

CREATE TABLE requests (
    id                 bigserial PRIMARY KEY,
    reference          text NOT NULL UNIQUE CHECK (reference ~ '^DSAR-[0-9]{4}-[0-9]{6}$'),
    case_id            bigint NOT NULL REFERENCES cases (id),
    kind               right_kind NOT NULL,
    state              request_state NOT NULL DEFAULT 'received',
    policy             text NOT NULL REFERENCES policies (code),
    requester_id       bigint NOT NULL REFERENCES requesters (id),
    channel            request_channel NOT NULL,
    details            text,
    direct_marketing   boolean NOT NULL DEFAULT false,
    consent_withdrawal boolean NOT NULL DEFAULT false,
    message_id         bigint REFERENCES messages (id),
    received_at        timestamptz NOT NULL,
    due_on             date NOT NULL,
    original_due_on    date NOT NULL,
    extended_by        text CHECK (extended_by ~ '^[0-9]{1,3}(d|wd|m)$'),
    paused_since       timestamptz,
    closed_at          timestamptz,
    ground             refusal_ground,
    close_note         text,
    assignee           text,
    version            integer NOT NULL DEFAULT 1,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         text NOT NULL,
    CHECK ((closed_at IS NULL) = (state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester'))),
    CHECK (due_on >= original_due_on)
);
-- The queue: open requests by due date, then receipt (SPEC §8).
CREATE INDEX requests_open_by_due ON requests (due_on, received_at)
    WHERE state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester');
-- Monthly reports: requests received in a month, closed in a month.
CREATE INDEX requests_by_received ON requests (received_at);
CREATE INDEX requests_by_closed ON requests (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX requests_by_case ON requests (case_id);
CREATE INDEX requests_by_requester ON requests (requester_id);

ALTER TABLE messages ADD FOREIGN KEY (request_id) REFERENCES requests (id);
CREATE INDEX messages_by_request ON messages (request_id) WHERE request_id IS NOT NULL;

-- Clock pauses (awaiting identity when the policy says so, awaiting the requester) -----------

CREATE TABLE clock_pauses (
    id         bigserial PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id),
    reason     text NOT NULL CHECK (reason IN ('awaiting_identity', 'awaiting_requester')),
    started_at timestamptz NOT NULL,
    ended_at   timestamptz,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX clock_pauses_by_request ON clock_pauses (request_id);

-- Extensions granted, with the reason the extension_notice letter gives ----------------------

CREATE TABLE extensions (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id),
    period      text NOT NULL CHECK (period ~ '^[0-9]{1,3}(d|wd|m)$'),
    reason      text NOT NULL CHECK (length(reason) > 0),
    granted_at  timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by text NOT NULL
);
CREATE INDEX extensions_by_request ON extensions (request_id);

-- Evidence recorded before closing (SPEC §3 gates) --------------------------------------------

CREATE TABLE evidence (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id),
    kind        text NOT NULL CHECK (kind IN ('disclosure', 'change', 'erasure', 'restriction', 'export',
                                              'decision', 'recipient', 'no_recipients', 'no_data_held')),
    details     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object'),
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by text NOT NULL,
    -- The erasure journal keeps what the law asks for (School 21 policy §11.4).
    CHECK (kind <> 'erasure' OR (details ? 'system' AND details ? 'data_categories' AND details ? 'method'
                                 AND details ? 'performed_by' AND details ? 'performed_at')),
    CHECK (kind <> 'export' OR (details ? 'format' AND details ? 'path' AND details ? 'sha256')),
    CHECK (kind <> 'change' OR (details ? 'field' AND details ? 'new_value_summary')),
    CHECK (kind <> 'decision' OR details ->> 'outcome' IN ('processing_stopped', 'overridden'))
);
CREATE INDEX evidence_by_request ON evidence (request_id);

-- Letters produced ------------------------------------------------------------------------------

CREATE TABLE letters (
    id                bigserial PRIMARY KEY,
    request_id        bigint NOT NULL REFERENCES requests (id),
    kind              text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    language          desk_language NOT NULL,
    format            text NOT NULL CHECK (format IN ('text', 'html', 'eml')),
    sha256            sha256_hex NOT NULL,
    verification_code text NOT NULL UNIQUE,
    subject           text,
    body              text,                 -- NULL once purged
    message_id        text UNIQUE,
    recipient         text,
    produced_at       timestamptz NOT NULL,
    produced_by       text NOT NULL
);
CREATE INDEX letters_by_request ON letters (request_id);

-- Intake items that need a person (SPEC §5) ----------------------------------------------------

CREATE TABLE inbox_items (
    id          bigserial PRIMARY KEY,
    message_id  bigint NOT NULL UNIQUE REFERENCES messages (id),
    status      text NOT NULL CHECK (status IN ('triage', 'quarantined', 'converted', 'dismissed')),
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    resolved_by text,
    resolution  text,
    request_id  bigint REFERENCES requests (id)
);
CREATE INDEX inbox_items_open ON inbox_items (created_at) WHERE status IN ('triage', 'quarantined');

-- Desk settings (organisation name, DPO, retention) ------------------------------------------

CREATE TABLE settings (
    key        text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]{0,63}$'),
    value      text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL
);
