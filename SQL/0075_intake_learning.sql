-- The desk learns from its DPO (issue 13): every decision a person takes about what a message
-- asks for is a label, and `dsar intake train` turns the shipped corpus plus these labels into
-- the desk's own model.
--
-- intake_labels: one label per message, the latest decision wins. rights is the comma list of
-- rights asked for, primary first, empty for "not a request" (a dismissed inbox item). The
-- message's raw bytes stay in messages (NULL once purged: such a label is no longer trained on).
CREATE TABLE intake_labels (
    message_id  bigint PRIMARY KEY REFERENCES messages (id),
    rights      text NOT NULL CHECK (rights ~ '^((access|rectification|erasure|restriction|portability|objection)(,(access|rectification|erasure|restriction|portability|objection))*)?$'),
    source      text NOT NULL CHECK (source IN ('convert', 'dismiss', 'reclassify')),
    labelled_at timestamptz NOT NULL,
    labelled_by text NOT NULL
);

-- intake_models: the models `dsar intake train` made; the newest is the one the importer uses.
-- model is the data file's bytes (the format of Models/intake.model), sha256 their digest.
CREATE TABLE intake_models (
    id              bigserial PRIMARY KEY,
    trained_at      timestamptz NOT NULL,
    trained_by      text NOT NULL,
    corpus_messages integer NOT NULL CHECK (corpus_messages >= 0),
    desk_messages   integer NOT NULL CHECK (desk_messages >= 0),
    sha256          sha256_hex NOT NULL,
    model           bytea NOT NULL
);
