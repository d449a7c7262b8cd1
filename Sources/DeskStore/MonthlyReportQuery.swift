import DeskCore
public import Foundation
public import Postgres

/// Reads the figures of the monthly compliance report (SPEC §7) with a few aggregate queries.
///
/// Month boundaries are instants computed in SQL (`date::timestamp AT TIME ZONE tz`) in the desk's
/// time zone (setting `desk.time_zone`, default Asia/Tashkent); every query reads one month (or the
/// 12 trend months) through an index on the instant it filters by; nothing is sent per request.
public struct MonthlyReportQuery {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// The settings key naming the desk's IANA time zone.
    public static let timeZoneSetting = "desk.time_zone"
    public static let defaultTimeZone = "Asia/Tashkent"

    /// The desk's time zone: the `desk.time_zone` setting, else Asia/Tashkent.
    public func deskTimeZone() throws -> TimeZone {
        let name = try SettingsStore(db).value(Self.timeZoneSetting) ?? Self.defaultTimeZone
        guard let zone = TimeZone(identifier: name) else {
            throw StoreError(.unknownTimeZone, value: name)
        }
        return zone
    }

    /// The month's boundaries as instants, computed by the server in `zone`.
    struct Bounds {
        let start: Date
        let end: Date
        /// Start of the oldest of the 12 trend months.
        let trendStart: Date
        /// The month's last local day: "at month end" for the backlog.
        let lastDay: LocalDate
    }

    func bounds(_ month: LocalDate, zone: String) throws -> Bounds {
        let row = try db.query(
            """
            SELECT \(month)::date::timestamp AT TIME ZONE \(zone),
                   (\(month)::date + interval '1 month')::timestamp AT TIME ZONE \(zone),
                   (\(month)::date - interval '11 months')::timestamp AT TIME ZONE \(zone),
                   (\(month)::date + interval '1 month' - interval '1 day')::date
            """
        ).first
        guard let row else { throw StoreError(.monthBoundariesMissing) }
        let (start, end, trendStart, lastDay) = try row.decode((Date, Date, Date, LocalDate).self)
        return Bounds(start: start, end: end, trendStart: trendStart, lastDay: lastDay)
    }

    /// Every figure of the month `year`-`month`, for one policy or (nil) all.
    public func figures(year: Int, month: Int, policy: String?) throws -> MonthlyFigures {
        guard let first = LocalDate(year: year, month: month, day: 1) else {
            throw StoreError(.invalidMonth, value: "\(year)-\(month)")
        }
        if let policy, try PolicyCatalog(db).codes().contains(policy) == false {
            throw StoreError(.policyNotFound, policy: policy)
        }
        // One snapshot for every query, so the sections agree with each other.
        return try db.withTransaction(.repeatableRead) { db in
            let query = MonthlyReportQuery(db)
            let zone = try query.deskTimeZone().identifier
            let bounds = try query.bounds(first, zone: zone)
            var figures = MonthlyFigures(month: first, timeZone: zone, policy: policy)
            let scope = Scope(start: bounds.start, end: bounds.end, zone: zone, policy: policy)
            try query.readReceived(scope, into: &figures)
            try query.readClosed(scope, into: &figures)
            try query.readActivity(scope, into: &figures)
            try query.readBacklog(scope, lastDay: bounds.lastDay, into: &figures)
            try query.readTrend(scope, trendStart: bounds.trendStart, into: &figures)
            return figures
        }
    }

    /// What every section filters by.
    struct Scope {
        let start: Date
        let end: Date
        let zone: String
        let policy: String?

        /// `r.policy` matches the filter (always true without one).
        var policyFilter: Query { "(\(policy)::text IS NULL OR r.policy = \(policy))" }
    }

    // MARK: Sections

    /// The requester's language is looked up per request of the month (a primary-key probe): a
    /// join lets the planner hash the whole requesters table instead.
    func readReceived(_ scope: Scope, into figures: inout MonthlyFigures) throws {
        let rows = try db.query(
            """
            SELECT r.kind, r.channel, (SELECT q.language FROM requesters q WHERE q.id = r.requester_id), r.policy, count(*)
            FROM requests r
            WHERE r.received_at >= \(scope.start) AND r.received_at < \(scope.end) AND \(fragment: scope.policyFilter)
            GROUP BY 1, 2, 3, 4
            """)
        for row in rows {
            let (right, channel, language, policy, count) = try row.decode((Right, Channel, Language, String, Int).self)
            figures.receivedByRight[right, default: 0] += count
            figures.receivedByChannel[channel, default: 0] += count
            figures.receivedByLanguage[language, default: 0] += count
            figures.receivedByPolicy[policy, default: 0] += count
        }
    }

    /// Requests closed in the month, with their local close and receipt dates.
    static func closedInMonth(_ scope: Scope) -> Query {
        """
        SELECT r.reference, r.kind, r.state, r.ground, r.due_on,
               (r.closed_at AT TIME ZONE \(scope.zone))::date AS closed_on,
               (r.received_at AT TIME ZONE \(scope.zone))::date AS received_on
        FROM requests r
        WHERE r.closed_at >= \(scope.start) AND r.closed_at < \(scope.end) AND \(fragment: scope.policyFilter)
        """
    }

    func readClosed(_ scope: Scope, into figures: inout MonthlyFigures) throws {
        let closed = Self.closedInMonth(scope)
        // By right and overall (ROLLUP row: kind NULL): on time and time to close.
        let byRight = try db.query(
            """
            WITH c AS (\(fragment: closed))
            SELECT kind, count(*), count(*) FILTER (WHERE closed_on <= due_on),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_on - received_on),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY closed_on - received_on)
            FROM c GROUP BY ROLLUP (kind)
            """)
        for row in byRight {
            let (right, count, onTime, median, p90) = try row.decode((Right?, Int, Int, Double?, Double?).self)
            let statistics = MonthlyFigures.DayStatistics(count: count, median: median, p90: p90)
            if let right {
                figures.onTimeByRight[right] = MonthlyFigures.OnTimeCount(closed: count, onTime: onTime)
                figures.timeToCloseByRight[right] = statistics
            } else {
                figures.timeToClose = statistics
            }
        }
        // By outcome and, for refusals, by ground.
        let outcomes = try db.query(
            "WITH c AS (\(fragment: closed)) SELECT state, ground, count(*) FROM c GROUP BY 1, 2")
        for row in outcomes {
            let (state, ground, count) = try row.decode((RequestState, String?, Int).self)
            figures.closedByOutcome[state, default: 0] += count
            if state == .refused { figures.refusalsByGround[ground ?? "unknown", default: 0] += count }
        }
        let late = try db.query(
            """
            WITH c AS (\(fragment: closed))
            SELECT reference, kind, due_on, closed_on, closed_on - due_on FROM c
            WHERE closed_on > due_on ORDER BY closed_on - due_on DESC, reference
            """)
        figures.late = try late.map { row in
            let (reference, right, due, closedOn, days) = try row.decode((String, Right, LocalDate, LocalDate, Int).self)
            return MonthlyFigures.LateClosure(reference: reference, right: right, due: due, closedOn: closedOn, daysLate: days)
        }
    }

    /// Extensions, pauses, identity failures, erasure journal and recipient notifications.
    func readActivity(_ scope: Scope, into figures: inout MonthlyFigures) throws {
        let extensions = try db.query(
            """
            SELECT r.reference, r.kind, x.period, x.reason
            FROM extensions x JOIN requests r ON r.id = x.request_id
            WHERE x.granted_at >= \(scope.start) AND x.granted_at < \(scope.end) AND \(fragment: scope.policyFilter)
            ORDER BY x.granted_at, x.id
            """)
        figures.extensions = try extensions.map { row in
            let (reference, right, period, reason) = try row.decode((String, Right, String, String).self)
            return MonthlyFigures.ExtensionGranted(reference: reference, right: right, period: period, reason: reason)
        }

        let counts = try db.query(
            """
            SELECT
              (SELECT count(*) FROM clock_pauses p JOIN requests r ON r.id = p.request_id
               WHERE p.ended_at >= \(scope.start) AND p.ended_at < \(scope.end) AND \(fragment: scope.policyFilter)),
              (SELECT coalesce(sum(greatest(0, (p.ended_at AT TIME ZONE \(scope.zone))::date
                                             - (p.started_at AT TIME ZONE \(scope.zone))::date)), 0)
               FROM clock_pauses p JOIN requests r ON r.id = p.request_id
               WHERE p.ended_at >= \(scope.start) AND p.ended_at < \(scope.end) AND \(fragment: scope.policyFilter)),
              (SELECT count(*) FROM events e JOIN requests r ON r.id = e.request_id
               WHERE e.event = \(AuditEvent.Name.lifecycle(.identityFailed).rawValue) AND e.occurred_at >= \(scope.start) AND e.occurred_at < \(scope.end)
                 AND \(fragment: scope.policyFilter))
            """
        ).first
        if let counts {
            (figures.pausesEnded, figures.pausedDays, figures.identityFailures) = try counts.decode((Int, Int, Int).self)
        }

        let evidence = try db.query(
            """
            SELECT x.kind, r.reference, coalesce(x.details ->> 'system', ''),
                   ARRAY(SELECT jsonb_array_elements_text(
                       CASE WHEN jsonb_typeof(x.details -> 'data_categories') = 'array'
                            THEN x.details -> 'data_categories' ELSE '[]'::jsonb END)),
                   coalesce(x.details ->> 'recipient', ''), (x.occurred_at AT TIME ZONE \(scope.zone))::date
            FROM evidence x JOIN requests r ON r.id = x.request_id
            WHERE x.kind IN ('erasure', 'recipient')
              AND x.occurred_at >= \(scope.start) AND x.occurred_at < \(scope.end) AND \(fragment: scope.policyFilter)
            ORDER BY x.occurred_at, x.id
            """)
        for row in evidence {
            let (kind, reference, system, categories, recipient, on) =
                try row.decode((EvidenceKind, String, String, PostgresTextArray, String, LocalDate).self)
            if kind == .erasure {
                figures.erasures.append(MonthlyFigures.ErasureRecorded(
                    reference: reference, system: system, categories: categories.elements.compactMap { $0 }))
            } else {
                figures.recipientNotifications.append(
                    MonthlyFigures.RecipientNotified(reference: reference, recipient: recipient, on: on))
            }
        }
    }

    /// Requests received before month end and not closed by then. Open now, or closed after month
    /// end: the two index paths (`requests_open_by_due`, `requests_by_closed`); the CHECK on
    /// `requests` makes "state is open" the same as "closed_at IS NULL".
    func readBacklog(_ scope: Scope, lastDay: LocalDate, into figures: inout MonthlyFigures) throws {
        // Open at the month's end: still open now, or closed after it. The two parts are
        // disjoint (an open request has no closed_at) and each is read from its own index —
        // `requests_open_by_due` and `requests_by_closed` (closed_at, received_at) — instead of visiting every
        // request received before the month's end.
        let backlog: Query = """
            SELECT r.reference, r.kind, r.due_on, r.assignee,
                   \(lastDay)::date - (r.received_at AT TIME ZONE \(scope.zone))::date AS days_open
            FROM requests r
            WHERE r.received_at < \(scope.end)
              AND r.state IN ('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')
              AND \(fragment: scope.policyFilter)
            UNION ALL
            SELECT r.reference, r.kind, r.due_on, r.assignee,
                   \(lastDay)::date - (r.received_at AT TIME ZONE \(scope.zone))::date AS days_open
            FROM requests r
            WHERE r.closed_at >= \(scope.end) AND r.received_at < \(scope.end)
              AND \(fragment: scope.policyFilter)
            """
        // The planner multiplies the selectivities of `closed_at >= end` and `received_at < end`
        // as if they were independent (about 200,000 of a million rows) where only the few
        // requests open across the month's end match (about 7,000), and then prefers a sequential
        // scan (0.7 s) to the index that checks both bounds (0.1 s). Within this statement only,
        // it is told not to.
        try db.execute("SET LOCAL enable_seqscan = off")
        defer { _ = try? db.execute("SET LOCAL enable_seqscan = on") }
        // One scan of the backlog gives both parts: rows without a reference are the aging
        // histogram (days open → count), rows with one are the overdue requests.
        let rows = try db.query(
            """
            WITH b AS MATERIALIZED (\(fragment: backlog))
            SELECT NULL::text, NULL::text, NULL::date, days_open, count(*)::integer, NULL::text FROM b GROUP BY days_open
            UNION ALL
            SELECT reference, kind, due_on, \(lastDay)::date - due_on, 1, assignee FROM b WHERE due_on < \(lastDay)::date
            ORDER BY 3, 1
            """)
        for row in rows {
            let (reference, right, due, days, count, assignee) =
                try row.decode((String?, Right?, LocalDate?, Int, Int, String?).self)
            if let reference, let right, let due {
                figures.overdue.append(MonthlyFigures.OverdueAtMonthEnd(
                    reference: reference, right: right, due: due, daysOverdue: days, assignee: assignee))
            } else {
                figures.openByDaysSinceReceipt[days, default: 0] += count
            }
        }
    }

    /// Received, closed and closed on time per month, for the 12 months ending with this one.
    func readTrend(_ scope: Scope, trendStart: Date, into figures: inout MonthlyFigures) throws {
        // Counted month by month over index ranges (index-only scans of requests_by_received and
        // requests_by_closed), rather than truncating a year of instants row by row.
        let rows = try db.query(
            """
            WITH months AS (
              SELECT m::date AS m, m::timestamp AT TIME ZONE \(scope.zone) AS start_at,
                     (m + interval '1 month')::timestamp AT TIME ZONE \(scope.zone) AS end_at
              FROM generate_series((\(trendStart) AT TIME ZONE \(scope.zone))::date,
                                   (\(scope.start) AT TIME ZONE \(scope.zone))::date, interval '1 month') AS m
            )
            SELECT months.m,
                   (SELECT count(*) FROM requests r
                    WHERE r.received_at >= months.start_at AND r.received_at < months.end_at
                      AND \(fragment: scope.policyFilter)),
                   closed.n, closed.on_time
            FROM months CROSS JOIN LATERAL (
              SELECT count(*) AS n,
                     count(*) FILTER (WHERE (r.closed_at AT TIME ZONE \(scope.zone))::date <= r.due_on) AS on_time
              FROM requests r
              WHERE r.closed_at >= months.start_at AND r.closed_at < months.end_at AND \(fragment: scope.policyFilter)
            ) AS closed
            ORDER BY months.m
            """)
        figures.trend = try rows.map { row in
            let (month, received, closed, onTime) = try row.decode((LocalDate, Int, Int, Int).self)
            return MonthlyFigures.MonthTrend(month: month, received: received, closed: closed, onTime: onTime)
        }
    }
}
