-- Indexes for the monthly compliance report (SPEC §7): each section of the report reads the rows of
-- one month by the instant they happened, so each table it reads gets an index on that instant.
-- requests already has requests_by_received and requests_by_closed (0001).

CREATE INDEX extensions_by_granted ON extensions (granted_at);
CREATE INDEX clock_pauses_by_ended ON clock_pauses (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX evidence_by_kind_occurred ON evidence (kind, occurred_at);
CREATE INDEX events_identity_failed ON events (occurred_at) WHERE event = 'identity_failed';
