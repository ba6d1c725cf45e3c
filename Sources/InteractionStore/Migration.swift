#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One versioned change to the schema, written for each database. A store records the
/// versions it applied in `schema_migrations` and applies the missing ones, in order, when it
/// opens; a new version is appended here, never edited once released.
struct Migration: Sendable {
    var version: Int
    var sqlite: [String]
    var postgres: [String]

    /// Every migration, in version order.
    static let all: [Migration] = [
        Migration(
            version: 1,
            sqlite: [
                """
                CREATE TABLE interactions (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    event TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    status TEXT NOT NULL,
                    route TEXT NOT NULL,
                    assignments TEXT NOT NULL DEFAULT '{}',
                    version INTEGER NOT NULL DEFAULT 1,
                    UNIQUE (kind, id)
                )
                """,
                "CREATE INDEX interactions_by_status ON interactions (status, seq)",
                """
                CREATE TABLE interaction_changes (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    changed_at INTEGER NOT NULL,
                    requested TEXT NOT NULL,
                    old_status TEXT NOT NULL,
                    new_status TEXT NOT NULL,
                    route TEXT NOT NULL,
                    UNIQUE (kind, id, version)
                )
                """,
            ],
            postgres: [
                """
                CREATE TABLE interactions (
                    seq BIGSERIAL PRIMARY KEY,
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    event TEXT NOT NULL,
                    received_at BIGINT NOT NULL,
                    body BYTEA NOT NULL,
                    status TEXT NOT NULL,
                    route TEXT NOT NULL,
                    assignments TEXT NOT NULL DEFAULT '{}',
                    version BIGINT NOT NULL DEFAULT 1,
                    UNIQUE (kind, id)
                )
                """,
                "CREATE INDEX interactions_by_status ON interactions (status, seq)",
                """
                CREATE TABLE interaction_changes (
                    seq BIGSERIAL PRIMARY KEY,
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    changed_at BIGINT NOT NULL,
                    requested TEXT NOT NULL,
                    old_status TEXT NOT NULL,
                    new_status TEXT NOT NULL,
                    route TEXT NOT NULL,
                    UNIQUE (kind, id, version)
                )
                """,
            ])
    ]

    /// The table that records applied versions, the same on both databases.
    static let ledger = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"

    /// The migrations after `version`, in order.
    /// - Throws: ``StoreError`` when the database is newer than this program.
    static func pending(after version: Int) throws(StoreError) -> [Migration] {
        let newest = all.last?.version ?? 0
        guard version <= newest else {
            throw StoreError("the database's schema is version \(version), newer than this program's \(newest); upgrade switchboard")
        }
        return all.filter { $0.version > version }
    }
}

/// Milliseconds since 1970, the store's timestamps.
func currentMilliseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000
}
