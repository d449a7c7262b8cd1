-- The transition table of SPEC §3, as data. DeskCore.TransitionTable holds the same rows;
-- a test checks that both are identical. The trigger refuses any state change on `requests`
-- that is not listed here, whoever makes it.

CREATE TABLE state_transitions (
    from_state request_state NOT NULL,
    event      text NOT NULL,
    to_state   request_state NOT NULL,
    only_kind  right_kind,
    PRIMARY KEY (from_state, event)
);

INSERT INTO state_transitions (from_state, event, to_state, only_kind) VALUES
    ('received',           'identity_request',          'awaiting_identity',   NULL),
    ('received',           'start',                     'in_progress',         NULL),
    ('received',           'identity_verified',         'in_progress',         NULL),
    ('awaiting_identity',  'identity_verified',         'in_progress',         NULL),
    ('awaiting_identity',  'identity_failed',           'refused',             NULL),
    ('in_progress',        'clarify',                   'awaiting_requester',  NULL),
    ('awaiting_requester', 'resume',                    'in_progress',         NULL),
    ('in_progress',        'close_fulfilled',           'fulfilled',           NULL),
    ('in_progress',        'close_partially_fulfilled', 'partially_fulfilled', NULL),
    ('in_progress',        'close_refused',             'refused',             NULL),
    ('awaiting_identity',  'close_refused',             'refused',             NULL),
    ('awaiting_requester', 'close_refused',             'refused',             NULL),
    ('received',           'withdraw',                  'withdrawn',           NULL),
    ('awaiting_identity',  'withdraw',                  'withdrawn',           NULL),
    ('in_progress',        'withdraw',                  'withdrawn',           NULL),
    ('awaiting_requester', 'withdraw',                  'withdrawn',           NULL),
    ('fulfilled',          'lift',                      'lifted',              'restriction');

CREATE FUNCTION requests_follow_transitions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state IS DISTINCT FROM OLD.state AND NOT EXISTS (
        SELECT 1 FROM state_transitions t
        WHERE t.from_state = OLD.state AND t.to_state = NEW.state
          AND (t.only_kind IS NULL OR t.only_kind = NEW.kind)
    ) THEN
        RAISE EXCEPTION 'request % cannot go from % to %: not in the transition table',
            OLD.reference, OLD.state, NEW.state
            USING ERRCODE = 'P0001', HINT = 'Use the dsar commands, which follow SPEC §3.';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER requests_state_machine BEFORE UPDATE OF state ON requests
    FOR EACH ROW EXECUTE FUNCTION requests_follow_transitions();
