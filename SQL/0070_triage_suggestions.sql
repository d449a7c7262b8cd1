-- Issue 13: a triage item keeps the rights the classifier suggests, with their probabilities,
-- best first, so that `dsar inbox` can show the suggestion and `dsar inbox convert ID` without
-- --kind can accept it. Two arrays of equal length (kind i has probability i); empty when the
-- classifier suggested nothing (automated mail, no right recognised, quarantined messages).
ALTER TABLE inbox_items
    ADD COLUMN suggested_kinds text[] NOT NULL DEFAULT '{}',
    ADD COLUMN suggested_probabilities double precision[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT inbox_items_suggestions_match
        CHECK (cardinality(suggested_kinds) = cardinality(suggested_probabilities)),
    ADD CONSTRAINT inbox_items_suggested_kinds_known
        CHECK (suggested_kinds <@ ARRAY['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection']::text[]),
    ADD CONSTRAINT inbox_items_suggested_probabilities_range
        CHECK (0 <= ALL (suggested_probabilities) AND 1 >= ALL (suggested_probabilities));
