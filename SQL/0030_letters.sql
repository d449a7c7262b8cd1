-- Letters (SPEC §6): the questions asked in clarification requests, so that the
-- clarification_request letter can quote them, and an index to find a letter by its hash
-- when `dsar letter verify --file` is given a letter without its verification line.

CREATE TABLE clarifications (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id),
    question    text NOT NULL CHECK (length(question) BETWEEN 1 AND 10000),
    asked_at    timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by text NOT NULL
);
CREATE INDEX clarifications_by_request ON clarifications (request_id, asked_at);

CREATE INDEX letters_by_sha256 ON letters (sha256);
