import DeskStore
import Postgres

/// The fast path of `dsar demo --requests N` on an empty desk, inside the run's one transaction.
///
/// When every table the generator writes is empty and the session owns them, it TRUNCATEs them
/// (RESTART IDENTITY, so ids start at 1 whatever an interrupted run consumed), drops their
/// foreign keys, unique constraints other than primary keys and secondary indexes, and remembers
/// their definitions in a temporary table. The COPYs that follow then write frozen rows
/// (`COPY … FREEZE`) and, with `wal_level=minimal`, no WAL; `rebuild()` recreates every index
/// with a sort (parallel maintenance workers) and re-adds the constraints, which PostgreSQL
/// checks in one pass each. Two partial indexes of `events` stay in place: the load adds no row to
/// `events_unsealed` (every event comes sealed) and few to `events_identity_failed`, while
/// building either afterwards would read the whole table. Everything happens in the caller's transaction: a run killed at
/// any moment leaves the desk as it was, with its triggers, indexes and constraints.
struct SyntheticBulkLoad {
    let db: Connection

    /// The session may alter the tables (it owns them, or is a member of the owner role).
    static let ownerCheck: Query = """
        SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'requests'::regclass), 'USAGE')
           AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'events'::regclass), 'USAGE')
        """

    /// Every other writer waits from here until the run commits, so the check below stays true.
    static let lock: Query = """
        LOCK TABLE requests, events, cases, requesters, clock_pauses, extensions, clarifications, refusal_retentions,
                   evidence, letters, messages, inbox_items, intake_labels IN ACCESS EXCLUSIVE MODE
        """

    /// The tables the generator writes, and those that may refer to them, are empty (intake_labels
    /// refers only to messages, so it is empty when they are; it is truncated with them).
    static let emptyCheck: Query = """
        SELECT NOT EXISTS (SELECT 1 FROM requests) AND NOT EXISTS (SELECT 1 FROM events)
           AND NOT EXISTS (SELECT 1 FROM cases) AND NOT EXISTS (SELECT 1 FROM requesters)
           AND NOT EXISTS (SELECT 1 FROM clock_pauses) AND NOT EXISTS (SELECT 1 FROM extensions)
           AND NOT EXISTS (SELECT 1 FROM clarifications) AND NOT EXISTS (SELECT 1 FROM evidence)
           AND NOT EXISTS (SELECT 1 FROM refusal_retentions)
           AND NOT EXISTS (SELECT 1 FROM letters) AND NOT EXISTS (SELECT 1 FROM messages)
           AND NOT EXISTS (SELECT 1 FROM inbox_items) AND NOT EXISTS (SELECT 1 FROM audit_seals)
           AND NOT EXISTS (SELECT 1 FROM outbox)
           AND NOT EXISTS (SELECT 1 FROM portal_lookups) AND NOT EXISTS (SELECT 1 FROM portal_sessions)
           AND NOT EXISTS (SELECT 1 FROM portal_replies)
        """

    /// Empties the (empty) tables in this transaction and sets their indexes and constraints aside.
    static let prepare: Query = """
        ALTER TABLE events DISABLE TRIGGER events_no_truncate;
        TRUNCATE requests, events, cases, requesters, clock_pauses, extensions, clarifications, refusal_retentions, evidence,
                 letters, messages, inbox_items, intake_labels, outbox, portal_lookups, portal_sessions, portal_replies RESTART IDENTITY;
        ALTER TABLE events ENABLE TRIGGER events_no_truncate;
        CREATE TEMPORARY TABLE synthetic_rebuild (
            phase integer NOT NULL, position serial, statement text NOT NULL
        ) ON COMMIT DROP;
        DO $$
        DECLARE
            loaded regclass[] := ARRAY['requests', 'events', 'cases', 'requesters', 'clock_pauses', 'extensions',
                                       'clarifications', 'refusal_retentions', 'evidence', 'letters']::regclass[];
            item record;
        BEGIN
            FOR item IN
                SELECT conrelid::regclass AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE contype = 'f' AND conrelid = ANY (loaded) ORDER BY conrelid, conname
            LOOP
                INSERT INTO synthetic_rebuild (phase, statement)
                VALUES (3, format('ALTER TABLE %s ADD CONSTRAINT %I %s', item.rel, item.conname, item.def));
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', item.rel, item.conname);
            END LOOP;
            FOR item IN
                SELECT c.conrelid::regclass AS rel, c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
                WHERE c.contype = 'u' AND c.conrelid = ANY (loaded)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)
                ORDER BY c.conrelid, c.conname
            LOOP
                INSERT INTO synthetic_rebuild (phase, statement)
                VALUES (2, format('ALTER TABLE %s ADD CONSTRAINT %I %s', item.rel, item.conname, item.def));
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', item.rel, item.conname);
            END LOOP;
            FOR item IN
                SELECT i.indexrelid::regclass AS idx, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
                WHERE i.indrelid = ANY (loaded) AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                  AND i.indexrelid::regclass::text NOT IN ('events_unsealed', 'events_identity_failed')
                ORDER BY i.indrelid, i.indexrelid
            LOOP
                INSERT INTO synthetic_rebuild (phase, statement) VALUES (1, item.def);
                EXECUTE format('DROP INDEX %s', item.idx);
            END LOOP;
        END
        $$;
        """

    /// Recreates what `prepare` set aside, then gathers the planner's statistics.
    static let rebuild: Query = """
        DO $$
        DECLARE
            item record;
        BEGIN
            FOR item IN SELECT statement FROM synthetic_rebuild ORDER BY phase, position LOOP
                EXECUTE item.statement;
            END LOOP;
        END
        $$;
        ANALYZE requests, events, cases, requesters, clock_pauses, extensions, clarifications, refusal_retentions, evidence, letters;
        """

    /// True when the fast path applies; then the tables are empty, truncated and bare.
    ///
    /// The tables are locked before they are checked: a run killed just after sending COMMIT may
    /// still be committing, and the check must see what it committed.
    func prepareIfEmpty() throws -> Bool {
        guard try db.query(Self.ownerCheck).first?.decode(column: 0, as: Bool.self) == true else { return false }
        try db.executeScript(Self.lock.sql)
        guard try db.query(Self.emptyCheck).first?.decode(column: 0, as: Bool.self) == true else { return false }
        try db.executeScript(Self.prepare.sql)
        return true
    }

    func rebuild() throws {
        try db.executeScript(Self.rebuild.sql)
    }
}
