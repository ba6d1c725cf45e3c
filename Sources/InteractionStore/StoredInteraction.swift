import InteractionLogging

/// An interaction to store: one webhook of a call or a message, and how it was routed.
public struct NewInteraction: Sendable, Hashable {
    /// `call` or `message`.
    public var kind: String
    /// The call's or message's `data.id`.
    public var id: String
    /// The webhook's `event`, such as `call.ended`.
    public var event: String
    /// The webhook body as it arrived, so that it can be routed again (after an assignment,
    /// or under new rules by `switchboard replay --store`).
    public var body: [UInt8]
    /// The route's status (`logged`, `unassigned`, `not_logged`).
    public var status: String
    /// The route as the JSON object `switchboard route` prints.
    public var route: String

    /// Creates an interaction to store.
    public init(kind: String, id: String, event: String, body: [UInt8], status: String, route: String) {
        self.kind = kind
        self.id = id
        self.event = event
        self.body = body
        self.status = status
        self.route = route
    }
}

/// What ``InteractionStore/insert(_:)`` did.
public enum InsertOutcome: Sendable, Hashable {
    /// Stored, with its sequence number.
    case stored(sequence: Int64)
    /// An interaction with the same kind and id was already stored; nothing changed.
    case duplicate
}

/// A stored interaction.
public struct StoredInteraction: Sendable, Hashable {
    /// Increases with every interaction stored: the order of ``InteractionStore/interactions(status:limit:before:)``
    /// and its cursor.
    public var sequence: Int64
    public var kind: String
    public var id: String
    public var event: String
    /// When it was stored, in milliseconds since 1970.
    public var receivedAt: Int64
    public var body: [UInt8]
    public var status: String
    /// The current route (after the latest assignment), as JSON.
    public var route: String
    /// The assignments made so far.
    public var assignments: ManualAssignments
    /// 1 when stored, one more after each assignment: what a compare-and-set compares.
    public var version: Int64
}

/// An assignment to store: the new assignments and route of an interaction, valid only if
/// the interaction is still at ``expectedVersion``.
public struct Assignment: Sendable, Hashable {
    public var kind: String
    public var id: String
    /// The version the caller read and routed from.
    public var expectedVersion: Int64
    /// All the assignments now in force (earlier ones with this one).
    public var assignments: ManualAssignments
    /// What this request asked for, kept in the history.
    public var requested: ManualAssignments
    public var status: String
    public var route: String

    /// Creates an assignment.
    public init(
        kind: String, id: String, expectedVersion: Int64, assignments: ManualAssignments,
        requested: ManualAssignments, status: String, route: String
    ) {
        self.kind = kind
        self.id = id
        self.expectedVersion = expectedVersion
        self.assignments = assignments
        self.requested = requested
        self.status = status
        self.route = route
    }
}

/// What ``InteractionStore/assign(_:)`` did.
public enum AssignmentOutcome: Sendable, Hashable {
    /// Stored; the interaction is now at this version.
    case assigned(version: Int64)
    /// Someone else changed the interaction first; it is at this version.
    case conflict(currentVersion: Int64)
    /// No interaction with that kind and id.
    case notFound
}

/// One change in an interaction's history.
public struct InteractionChange: Sendable, Hashable {
    /// The version the change made.
    public var version: Int64
    /// When, in milliseconds since 1970.
    public var changedAt: Int64
    /// What was asked for.
    public var requested: ManualAssignments
    public var oldStatus: String
    public var newStatus: String
    /// The route after the change, as JSON.
    public var route: String
}
