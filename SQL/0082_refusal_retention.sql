-- Reasoned refusals (issue 14 item 6): a refusal on `legal_obligation_to_retain` names the law that
-- requires the data to be kept and the retention period; the refusal letter prints both. Neither
-- is personal data (they describe the organisation's duty, not the person). Written only by
-- `RequestStore.apply` for the request it closes; no foreign key, so that the bulk load of
-- `dsar demo` can still TRUNCATE `requests` without knowing this table.

CREATE TABLE refusal_retentions (
    request_id  bigint PRIMARY KEY,
    law         text NOT NULL CHECK (length(btrim(law)) BETWEEN 1 AND 500),
    period      text NOT NULL CHECK (length(btrim(period)) BETWEEN 1 AND 200),
    recorded_at timestamptz NOT NULL
);

SELECT count(*) FROM dsar_grant();
