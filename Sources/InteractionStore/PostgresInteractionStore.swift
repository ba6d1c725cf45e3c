import JSONLines
import Foundation
import InteractionLogging
import Logging
import PostgresNIO

/// The shared store: one PostgreSQL database that several `switchboard serve` instances use at
/// once, behind a load balancer.
///
/// The database decides what the instances must agree on: the unique key on (kind, id) makes a
/// webhook delivered to two instances at once stored exactly once, and an assignment locks the
/// interaction's row and compares its version, so that of two people assigning it at once one
/// wins and the other is told. Each request is its own short transaction on a pooled connection;
/// PostgreSQL flushes the write-ahead log of concurrent commits together.
public final class PostgresInteractionStore: InteractionStore {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    private let name: String

    /// Connects to a PostgreSQL database and migrates it (several instances starting at once
    /// take turns through an advisory lock).
    /// - Throws: ``StoreError`` when the database cannot be reached or migrated.
    public init(
        _ location: StoreLocation.PostgresLocation, maximumConnections: Int = 20,
        logger: Logger = Logger(label: "switchboard.store")
    ) async throws(StoreError) {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: location.password, database: location.database, tls: .disable)
        configuration.options.maximumConnections = max(1, maximumConnections)
        if let schema = location.schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        name = StoreLocation.postgres(location).description
        runner = Task { await client.run() }
        do {
            // The name is checked by StoreLocation: lower-case letters, digits and _.
            if let schema = location.schema { try await client.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger) }
            try await migrate()
        } catch {
            runner.cancel()
            throw StoreError("cannot open the store \(name): \(String(reflecting: error))")
        }
    }

    /// An arbitrary constant: the advisory lock that serialises migrations.
    private static let migrationLock: Int64 = 0x5357_4244

    private func migrate() async throws {
        let logger = logger
        let name = name
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: Migration.ledger), logger: logger)
            var current = 0
            for try await version in try await connection.query(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                logger: logger
            ).decode(Int.self) {
                current = version
            }
            for migration in try Migration.pending(after: current) {
                for statement in migration.postgres { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (\(migration.version), \(currentMilliseconds()))",
                    logger: logger)
                logger.info("migrated the store", metadata: ["store": "\(name)", "version": "\(migration.version)"])
            }
        }
    }

    private func failing<T>(_ what: String, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(what) the store \(name) failed: \(String(reflecting: error))")
        }
    }

    public func insert(_ interaction: NewInteraction) async throws -> InsertOutcome {
        try await failing("writing to") {
            let rows = try await client.query(
                """
                INSERT INTO interactions (kind, id, event, received_at, body, status, route)
                VALUES (\(interaction.kind), \(interaction.id), \(interaction.event), \(currentMilliseconds()),
                        \(ByteBuffer(bytes: interaction.body)), \(interaction.status), \(interaction.route))
                ON CONFLICT (kind, id) DO NOTHING RETURNING seq
                """, logger: logger)
            for try await sequence in rows.decode(Int64.self) { return .stored(sequence: sequence) }
            return .duplicate
        }
    }

    public func assign(_ assignment: Assignment) async throws -> AssignmentOutcome {
        let logger = logger
        return try await failing("writing to") {
            try await client.withTransaction(logger: logger) { connection -> AssignmentOutcome in
                var current: (status: String, version: Int64)?
                for try await row in try await connection.query(
                    """
                    SELECT status, version FROM interactions WHERE kind = \(assignment.kind) AND id = \(assignment.id) FOR UPDATE
                    """, logger: logger
                ).decode((String, Int64).self) {
                    current = (row.0, row.1)
                }
                guard let current else { return .notFound }
                guard current.version == assignment.expectedVersion else { return .conflict(currentVersion: current.version) }
                let next = current.version + 1
                try await connection.query(
                    """
                    UPDATE interactions SET assignments = \(assignment.assignments.json.rendered), status = \(assignment.status),
                        route = \(assignment.route), version = \(next)
                    WHERE kind = \(assignment.kind) AND id = \(assignment.id)
                    """, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO interaction_changes (kind, id, version, changed_at, requested, old_status, new_status, route)
                    VALUES (\(assignment.kind), \(assignment.id), \(next), \(currentMilliseconds()),
                            \(assignment.requested.json.rendered), \(current.status), \(assignment.status), \(assignment.route))
                    """, logger: logger)
                return .assigned(version: next)
            }
        }
    }

    private typealias Columns = (Int64, String, String, String, Int64, ByteBuffer, String, String, String, Int64)
    private static let columns = "seq, kind, id, event, received_at, body, status, route, assignments, version"

    private static func interaction(_ row: Columns) throws(StoreError) -> StoredInteraction {
        StoredInteraction(
            sequence: row.0, kind: row.1, id: row.2, event: row.3, receivedAt: row.4,
            body: Array(row.5.readableBytesView), status: row.6, route: row.7,
            assignments: try ManualAssignments(storedText: row.8), version: row.9)
    }

    private func fetch(_ query: PostgresQuery) async throws -> [StoredInteraction] {
        try await failing("reading") {
            var found: [StoredInteraction] = []
            for try await row in try await client.query(query, logger: logger).decode(Columns.self) {
                found.append(try Self.interaction(row))
            }
            return found
        }
    }

    public func interaction(kind: String, id: String) async throws -> StoredInteraction? {
        try await fetch("SELECT \(unescaped: Self.columns) FROM interactions WHERE kind = \(kind) AND id = \(id)").first
    }

    public func interactions(status: String?, limit: Int, before: Int64?) async throws -> [StoredInteraction] {
        try await fetch(
            """
            SELECT \(unescaped: Self.columns) FROM interactions
            WHERE (\(status)::text IS NULL OR status = \(status)) AND (\(before)::bigint IS NULL OR seq < \(before))
            ORDER BY seq DESC LIMIT \(max(0, limit))
            """)
    }

    public func history(kind: String, id: String) async throws -> [InteractionChange] {
        try await failing("reading") {
            var changes: [InteractionChange] = []
            for try await row in try await client.query(
                """
                SELECT version, changed_at, requested, old_status, new_status, route FROM interaction_changes
                WHERE kind = \(kind) AND id = \(id) ORDER BY version
                """, logger: logger
            ).decode((Int64, Int64, String, String, String, String).self) {
                changes.append(
                    InteractionChange(
                        version: row.0, changedAt: row.1, requested: try ManualAssignments(storedText: row.2),
                        oldStatus: row.3, newStatus: row.4, route: row.5))
            }
            return changes
        }
    }

    public func forEachPage(size: Int, _ body: ([StoredInteraction]) throws -> Void) async throws {
        var after: Int64 = 0
        while true {
            let page = try await fetch(
                """
                SELECT \(unescaped: Self.columns) FROM interactions WHERE seq > \(after) ORDER BY seq LIMIT \(max(1, size))
                """)
            guard let last = page.last else { return }
            try body(page)
            after = last.sequence
        }
    }

    public func close() async {
        runner.cancel()
        _ = await runner.value
    }
}
