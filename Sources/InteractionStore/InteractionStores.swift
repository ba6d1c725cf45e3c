import Logging

/// Opens the store a ``StoreLocation`` names.
public enum InteractionStores {
    /// Opens and migrates a store.
    /// - Parameter batchLimit: For SQLite, the most writes one commit takes (1: a commit per
    ///   request); PostgreSQL commits each request on its own.
    /// - Throws: ``StoreError`` when it cannot be opened or migrated.
    public static func open(
        _ location: StoreLocation, batchLimit: Int = 512,
        logger: Logger = Logger(label: "switchboard.store")
    ) async throws(StoreError) -> any InteractionStore {
        switch location {
        case .sqlite(let path): try SQLiteInteractionStore(path: path, batchLimit: batchLimit, logger: logger)
        case .postgres(let postgres): try await PostgresInteractionStore(postgres, logger: logger)
        }
    }
}
