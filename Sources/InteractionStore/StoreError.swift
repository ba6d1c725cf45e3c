/// An operational failure of the store: the database could not be opened, migrated, read or
/// written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// Why, naming the store and what was being done.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
