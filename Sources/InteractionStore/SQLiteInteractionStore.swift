import Foundation
import JSONLines
import GRDB
import InteractionLogging
import Logging

/// The embedded store: one SQLite file in WAL mode, written by one thread with group commit,
/// read by a pool of connections that never wait for the writer.
///
/// Every commit is fsync'd (`synchronous = FULL`): an acknowledged webhook survives a crash of
/// the process or of the machine. Several processes may open the same file (the writers take
/// turns); several machines need ``PostgresInteractionStore``.
public final class SQLiteInteractionStore: InteractionStore {
    private enum Job: Sendable {
        case insert(NewInteraction, CheckedContinuation<InsertOutcome, any Error>)
        case assign(Assignment, CheckedContinuation<AssignmentOutcome, any Error>)
    }

    private let pool: DatabasePool
    private let path: String
    private let queue = GroupCommitQueue<Job>()
    private let batchLimit: Int
    private let logger: Logger
    /// Signalled when the writer thread has finished the last batch.
    private let writerFinished = DispatchSemaphore(value: 0)

    /// Opens (creating when missing) and migrates a SQLite store.
    /// - Parameters:
    ///   - path: The database file.
    ///   - batchLimit: The most writes one transaction takes; 1 commits every request on its
    ///     own (the naive baseline of the benchmark).
    /// - Throws: ``StoreError`` when the file cannot be opened or migrated.
    public init(path: String, batchLimit: Int = 512, logger: Logger = Logger(label: "switchboard.store")) throws(StoreError) {
        self.path = path
        self.batchLimit = max(1, batchLimit)
        self.logger = logger
        var configuration = Configuration()
        // Another process writing the same file (a second `serve`, `replay --store`) is waited for.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                try db.execute(sql: Migration.ledger)
                let current = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM schema_migrations") ?? 0
                for migration in try Migration.pending(after: current) {
                    for statement in migration.sqlite { try db.execute(sql: statement) }
                    try db.execute(
                        sql: "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                        arguments: [migration.version, currentMilliseconds()])
                    logger.info("migrated the store", metadata: ["store": "sqlite:\(path)", "version": "\(migration.version)"])
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot open the store sqlite:\(path): \(error)")
        }
        let thread = Thread { [self] in writeLoop() }
        thread.name = "switchboard-sqlite-writer"
        thread.start()
    }

    public func insert(_ interaction: NewInteraction) async throws -> InsertOutcome {
        try await withCheckedThrowingContinuation { continuation in
            if !queue.submit(.insert(interaction, continuation)) { continuation.resume(throwing: closedError) }
        }
    }

    public func assign(_ assignment: Assignment) async throws -> AssignmentOutcome {
        try await withCheckedThrowingContinuation { continuation in
            if !queue.submit(.assign(assignment, continuation)) { continuation.resume(throwing: closedError) }
        }
    }

    private var closedError: StoreError { StoreError("the store sqlite:\(path) is closed") }

    public func interaction(kind: String, id: String) async throws -> StoredInteraction? {
        try await reading { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.columns) FROM interactions WHERE kind = ? AND id = ?",
                arguments: [kind, id]
            ).map(Self.interaction)
        }
    }

    public func interactions(status: String?, limit: Int, before: Int64?) async throws -> [StoredInteraction] {
        try await reading { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let status { conditions.append("status = ?"); arguments += [status] }
            if let before { conditions.append("seq < ?"); arguments += [before] }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [max(0, limit)]
            return try Row.fetchAll(
                db, sql: "SELECT \(Self.columns) FROM interactions \(filter) ORDER BY seq DESC LIMIT ?",
                arguments: arguments
            ).map(Self.interaction)
        }
    }

    public func history(kind: String, id: String) async throws -> [InteractionChange] {
        try await reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT version, changed_at, requested, old_status, new_status, route FROM interaction_changes
                    WHERE kind = ? AND id = ? ORDER BY version
                    """, arguments: [kind, id]
            ).map { row throws(StoreError) in
                InteractionChange(
                    version: row["version"], changedAt: row["changed_at"],
                    requested: try ManualAssignments(storedText: row["requested"]),
                    oldStatus: row["old_status"], newStatus: row["new_status"], route: row["route"])
            }
        }
    }

    public func forEachPage(size: Int, _ body: ([StoredInteraction]) throws -> Void) async throws {
        var cursor: Int64 = 0
        while true {
            let after = cursor
            let page = try await reading { db in
                try Row.fetchAll(
                    db, sql: "SELECT \(Self.columns) FROM interactions WHERE seq > ? ORDER BY seq LIMIT ?",
                    arguments: [after, max(1, size)]
                ).map(Self.interaction)
            }
            guard let last = page.last else { return }
            try body(page)
            cursor = last.sequence
        }
    }

    public func close() async {
        queue.close()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [writerFinished] in
                writerFinished.wait()
                continuation.resume()
            }
        }
        try? pool.close()
    }

    private func reading<T: Sendable>(_ work: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(work)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("reading the store sqlite:\(path) failed: \(error)")
        }
    }

    // MARK: The writer

    private static let columns = "seq, kind, id, event, received_at, body, status, route, assignments, version"

    private static func interaction(_ row: Row) throws(StoreError) -> StoredInteraction {
        let body: Data = row["body"]
        return StoredInteraction(
            sequence: row["seq"], kind: row["kind"], id: row["id"], event: row["event"],
            receivedAt: row["received_at"], body: [UInt8](body), status: row["status"],
            route: row["route"], assignments: try ManualAssignments(storedText: row["assignments"]),
            version: row["version"])
    }

    private enum Answer {
        case insert(InsertOutcome)
        case assign(AssignmentOutcome)
    }

    /// Takes batches until the queue is closed and drained. Each batch is one transaction;
    /// its requests are answered only once it has committed.
    private func writeLoop() {
        while let batch = queue.takeBatch(limit: batchLimit) {
            do {
                var answers: [Answer] = []
                answers.reserveCapacity(batch.count)
                try pool.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        answers.removeAll(keepingCapacity: true)
                        let now = currentMilliseconds()
                        for job in batch {
                            switch job {
                            case .insert(let interaction, _): answers.append(.insert(try Self.insert(interaction, at: now, in: db)))
                            case .assign(let assignment, _): answers.append(.assign(try Self.assign(assignment, at: now, in: db)))
                            }
                        }
                        return .commit
                    }
                }
                for (job, answer) in zip(batch, answers) {
                    switch (job, answer) {
                    case (.insert(_, let continuation), .insert(let outcome)): continuation.resume(returning: outcome)
                    case (.assign(_, let continuation), .assign(let outcome)): continuation.resume(returning: outcome)
                    case (.insert(_, let continuation), _): continuation.resume(throwing: StoreError("internal: answer out of step"))
                    case (.assign(_, let continuation), _): continuation.resume(throwing: StoreError("internal: answer out of step"))
                    }
                }
            } catch {
                // The whole transaction rolled back: nothing of the batch is stored, and every
                // request in it is told so (Aircall delivers again).
                logger.error("a write to the store failed", metadata: ["store": "sqlite:\(path)", "error": "\(error)"])
                let failure = StoreError("writing to the store sqlite:\(path) failed: \(error)")
                for job in batch {
                    switch job {
                    case .insert(_, let continuation): continuation.resume(throwing: failure)
                    case .assign(_, let continuation): continuation.resume(throwing: failure)
                    }
                }
            }
        }
        writerFinished.signal()
    }

    private static func insert(_ interaction: NewInteraction, at now: Int64, in db: Database) throws -> InsertOutcome {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO interactions (kind, id, event, received_at, body, status, route)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO NOTHING
                """)
        try statement.execute(arguments: [
            interaction.kind, interaction.id, interaction.event, now,
            Data(interaction.body), interaction.status, interaction.route,
        ])
        return db.changesCount == 1 ? .stored(sequence: db.lastInsertedRowID) : .duplicate
    }

    private static func assign(_ assignment: Assignment, at now: Int64, in db: Database) throws -> AssignmentOutcome {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT status, version FROM interactions WHERE kind = ? AND id = ?"),
                arguments: [assignment.kind, assignment.id])
        else { return .notFound }
        let version: Int64 = row["version"]
        guard version == assignment.expectedVersion else { return .conflict(currentVersion: version) }
        let oldStatus: String = row["status"]
        try db.cachedStatement(
            sql: """
                UPDATE interactions SET assignments = ?, status = ?, route = ?, version = ? WHERE kind = ? AND id = ?
                """
        ).execute(arguments: [
            assignment.assignments.json.rendered, assignment.status, assignment.route,
            version + 1, assignment.kind, assignment.id,
        ])
        try db.cachedStatement(
            sql: """
                INSERT INTO interaction_changes (kind, id, version, changed_at, requested, old_status, new_status, route)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            assignment.kind, assignment.id, version + 1, now, assignment.requested.json.rendered,
            oldStatus, assignment.status, assignment.route,
        ])
        return .assigned(version: version + 1)
    }
}
