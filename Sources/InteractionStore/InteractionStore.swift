/// Where interactions, their routes and the history of their assignments are kept.
///
/// Every write is durable when its method returns: a webhook is acknowledged only after the
/// transaction that stored it has committed. The same interaction (kind and id) is stored
/// once, however often and wherever it is delivered: a unique constraint in the database
/// decides, so that several service instances on one PostgreSQL database agree.
public protocol InteractionStore: AnyObject, Sendable {
    /// Stores a new interaction, or reports that one with its kind and id is already stored
    /// (and changes nothing).
    /// - Throws: ``StoreError`` when the database fails.
    func insert(_ interaction: NewInteraction) async throws -> InsertOutcome

    /// The stored interaction with this kind and id, or nil.
    func interaction(kind: String, id: String) async throws -> StoredInteraction?

    /// Stored interactions, newest first.
    /// - Parameters:
    ///   - status: Only interactions whose route has this status; nil for all.
    ///   - limit: At most this many.
    ///   - before: Only interactions stored before the one with this sequence number: the
    ///     cursor of the next page.
    func interactions(status: String?, limit: Int, before: Int64?) async throws -> [StoredInteraction]

    /// Replaces an interaction's assignments and route, if its version is still the one the
    /// caller read (compare-and-set), and records the change in its history.
    func assign(_ assignment: Assignment) async throws -> AssignmentOutcome

    /// The changes made to an interaction, oldest first.
    func history(kind: String, id: String) async throws -> [InteractionChange]

    /// Calls `body` with every stored interaction, oldest first, a page at a time.
    func forEachPage(size: Int, _ body: ([StoredInteraction]) throws -> Void) async throws

    /// Finishes pending writes and closes the database.
    func close() async
}
