import Diagnostics

/// What a rules file says about itself besides its tables: the title and introduction that
/// documentation shows, the document the rules come from, and the application written to
/// act on their outputs.
public struct RulesFileHeader: Hashable, Sendable {
    /// The title of generated documentation (`title:`).
    public var title: String?
    /// An introduction for people (`description:`), shown before the tables.
    public var description: String?
    /// A link to the document the rules transcribe, such as a help article (`source:`).
    public var source: String?
    /// The application whose contract the file is written for (`routing: aircall-to-spark`).
    ///
    /// The engine only records the name: the application that knows the name checks that
    /// the tables read only facts it supplies and produce only values it applies.
    public var routing: String?
    /// Where `routing` is written, so that problems with the contract can point there.
    public var routingLocation: SourceLocation?

    /// Creates a header; every part is optional.
    public init(
        title: String? = nil, description: String? = nil, source: String? = nil,
        routing: String? = nil, routingLocation: SourceLocation? = nil
    ) {
        self.title = title
        self.description = description
        self.source = source
        self.routing = routing
        self.routingLocation = routingLocation
    }
}
