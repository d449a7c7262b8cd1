-- The statements `dsar report monthly YYYY-MM` runs (MonthlyReportQuery, one REPEATABLE READ
-- snapshot, no --policy), with the month as psql variables, for the psql side of the report
-- comparison:
--   psql "$URL" -v month=2025-06 -f scripts/bench/report-monthly.sql
-- `zone` is the desk time zone (setting desk.time_zone; default Asia/Tashkent). The policy
-- filter is written as dsar sends it with no --policy: `(NULL::text IS NULL OR r.policy = NULL)`.
\if :{?month}
\else
\set month 2025-06
\endif
\if :{?zone}
\else
\set zone Asia/Tashkent
\endif

BEGIN ISOLATION LEVEL REPEATABLE READ;

SELECT (:'month' || '-01')::date::timestamp AT TIME ZONE :'zone' AS start_at,
       ((:'month' || '-01')::date + interval '1 month')::timestamp AT TIME ZONE :'zone' AS end_at,
       ((:'month' || '-01')::date - interval '11 months')::timestamp AT TIME ZONE :'zone' AS trend_start,
       ((:'month' || '-01')::date + interval '1 month' - interval '1 day')::date AS last_day \gset

-- Received in the month, by right, channel, language and policy.
SELECT r.kind, r.channel, (SELECT q.language FROM requesters q WHERE q.id = r.requester_id), r.policy, count(*)
FROM requests r
WHERE r.received_at >= :'start_at' AND r.received_at < :'end_at' AND (NULL::text IS NULL OR r.policy = NULL)
GROUP BY 1, 2, 3, 4;

-- Closed in the month: by right with on-time counts and days to close; by outcome; the late ones.
WITH c AS (
  SELECT r.reference, r.kind, r.state, r.ground, r.due_on,
         (r.closed_at AT TIME ZONE :'zone')::date AS closed_on, (r.received_at AT TIME ZONE :'zone')::date AS received_on
  FROM requests r
  WHERE r.closed_at >= :'start_at' AND r.closed_at < :'end_at' AND (NULL::text IS NULL OR r.policy = NULL))
SELECT kind, count(*), count(*) FILTER (WHERE closed_on <= due_on),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_on - received_on),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY closed_on - received_on)
FROM c GROUP BY ROLLUP (kind);

WITH c AS (
  SELECT r.reference, r.kind, r.state, r.ground, r.due_on,
         (r.closed_at AT TIME ZONE :'zone')::date AS closed_on, (r.received_at AT TIME ZONE :'zone')::date AS received_on
  FROM requests r
  WHERE r.closed_at >= :'start_at' AND r.closed_at < :'end_at' AND (NULL::text IS NULL OR r.policy = NULL))
SELECT state, ground, count(*) FROM c GROUP BY 1, 2;

WITH c AS (
  SELECT r.reference, r.kind, r.state, r.ground, r.due_on,
         (r.closed_at AT TIME ZONE :'zone')::date AS closed_on, (r.received_at AT TIME ZONE :'zone')::date AS received_on
  FROM requests r
  WHERE r.closed_at >= :'start_at' AND r.closed_at < :'end_at' AND (NULL::text IS NULL OR r.policy = NULL))
SELECT reference, kind, due_on, closed_on, closed_on - due_on FROM c
WHERE closed_on > due_on ORDER BY closed_on - due_on DESC, reference;

-- Activity: extensions granted, pauses ended, identity failures, erasures and recipients.
SELECT r.reference, r.kind, x.period, x.reason
FROM extensions x JOIN requests r ON r.id = x.request_id
WHERE x.granted_at >= :'start_at' AND x.granted_at < :'end_at' AND (NULL::text IS NULL OR r.policy = NULL)
ORDER BY x.granted_at, x.id;

SELECT
  (SELECT count(*) FROM clock_pauses p JOIN requests r ON r.id = p.request_id
   WHERE p.ended_at >= :'start_at' AND p.ended_at < :'end_at' AND (NULL::text IS NULL OR r.policy = NULL)),
  (SELECT coalesce(sum(greatest(0, (p.ended_at AT TIME ZONE :'zone')::date - (p.started_at AT TIME ZONE :'zone')::date)), 0)
   FROM clock_pauses p JOIN requests r ON r.id = p.request_id
   WHERE p.ended_at >= :'start_at' AND p.ended_at < :'end_at' AND (NULL::text IS NULL OR r.policy = NULL)),
  (SELECT count(*) FROM events e JOIN requests r ON r.id = e.request_id
   WHERE e.event = 'identity_failed' AND e.occurred_at >= :'start_at' AND e.occurred_at < :'end_at'
     AND (NULL::text IS NULL OR r.policy = NULL));

SELECT x.kind, r.reference, coalesce(x.details ->> 'system', ''),
       ARRAY(SELECT jsonb_array_elements_text(
           CASE WHEN jsonb_typeof(x.details -> 'data_categories') = 'array' THEN x.details -> 'data_categories' ELSE '[]'::jsonb END)),
       coalesce(x.details ->> 'recipient', ''), (x.occurred_at AT TIME ZONE :'zone')::date
FROM evidence x JOIN requests r ON r.id = x.request_id
WHERE x.kind IN ('erasure', 'recipient')
  AND x.occurred_at >= :'start_at' AND x.occurred_at < :'end_at' AND (NULL::text IS NULL OR r.policy = NULL)
ORDER BY x.occurred_at, x.id;

-- Backlog at the month's end: aging histogram and overdue list (dsar sets enable_seqscan off
-- for this statement only; see MonthlyReportQuery.readBacklog).
SET LOCAL enable_seqscan = off;
WITH b AS MATERIALIZED (
  SELECT r.reference, r.kind, r.due_on, r.assignee,
         :'last_day'::date - (r.received_at AT TIME ZONE :'zone')::date AS days_open
  FROM requests r
  WHERE r.received_at < :'end_at'
    AND r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')
    AND (NULL::text IS NULL OR r.policy = NULL)
  UNION ALL
  SELECT r.reference, r.kind, r.due_on, r.assignee,
         :'last_day'::date - (r.received_at AT TIME ZONE :'zone')::date AS days_open
  FROM requests r
  WHERE r.closed_at >= :'end_at' AND r.received_at < :'end_at'
    AND (NULL::text IS NULL OR r.policy = NULL))
SELECT NULL::text, NULL::text, NULL::date, days_open, count(*)::integer, NULL::text FROM b GROUP BY days_open
UNION ALL
SELECT reference, kind, due_on, :'last_day'::date - due_on, 1, assignee FROM b WHERE due_on < :'last_day'::date
ORDER BY 3, 1;
SET LOCAL enable_seqscan = on;

-- The 12-month trend.
WITH months AS (
  SELECT m::date AS m, m::timestamp AT TIME ZONE :'zone' AS start_at,
         (m + interval '1 month')::timestamp AT TIME ZONE :'zone' AS end_at
  FROM generate_series((:'trend_start'::timestamptz AT TIME ZONE :'zone')::date,
                       (:'start_at'::timestamptz AT TIME ZONE :'zone')::date, interval '1 month') AS m)
SELECT months.m,
       (SELECT count(*) FROM requests r
        WHERE r.received_at >= months.start_at AND r.received_at < months.end_at AND (NULL::text IS NULL OR r.policy = NULL)),
       closed.n, closed.on_time
FROM months CROSS JOIN LATERAL (
  SELECT count(*) AS n, count(*) FILTER (WHERE (r.closed_at AT TIME ZONE :'zone')::date <= r.due_on) AS on_time
  FROM requests r
  WHERE r.closed_at >= months.start_at AND r.closed_at < months.end_at AND (NULL::text IS NULL OR r.policy = NULL)) AS closed
ORDER BY months.m;

COMMIT;
