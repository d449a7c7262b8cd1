-- Indexes for the monthly compliance report (SPEC §7): each section reads the rows of one month
-- (or of the 12 trend months) by the instant they happened, so each table it reads has an index
-- on that instant.

-- The two request indexes of 0001, redefined under the same names as covering indexes: the
-- 12-month trend counts about a year of requests, and with the columns it needs in the index
-- (policy for --policy, due_on for "on time", received_at for days to close) it reads the index
-- alone instead of visiting hundreds of thousands of table rows.
DROP INDEX requests_by_received;
CREATE INDEX requests_by_received ON requests (received_at) INCLUDE (policy);
DROP INDEX requests_by_closed;
CREATE INDEX requests_by_closed ON requests (closed_at) INCLUDE (due_on, received_at, policy)
    WHERE closed_at IS NOT NULL;

CREATE INDEX extensions_by_granted ON extensions (granted_at);
CREATE INDEX clock_pauses_by_ended ON clock_pauses (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX evidence_by_kind_occurred ON evidence (kind, occurred_at);
CREATE INDEX events_identity_failed ON events (occurred_at) WHERE event = 'identity_failed';
