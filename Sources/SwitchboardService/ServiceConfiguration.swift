import InteractionStore

/// How `switchboard serve` runs.
public struct ServiceConfiguration: Sendable {
    /// The Spark directory (YAML).
    public var directoryPath: String
    /// A rules file; nil for the built-in rules.
    public var rulesPath: String?
    public var store: StoreLocation
    public var host: String
    /// 0 picks a free port (it is logged, and printed by `serve`).
    public var port: Int
    /// The webhook tokens accepted; at least one.
    public var tokens: [String]
    /// The largest request body accepted; larger ones are answered 413.
    public var bodyLimit: Int
    /// For SQLite, the most webhooks one commit takes (1: a commit per webhook).
    public var batchLimit: Int

    /// Creates a configuration.
    public init(
        directoryPath: String, rulesPath: String? = nil, store: StoreLocation = .sqlite(path: "switchboard.sqlite"),
        host: String = "127.0.0.1", port: Int = 8080, tokens: [String], bodyLimit: Int = 1 << 20, batchLimit: Int = 512
    ) {
        self.directoryPath = directoryPath
        self.rulesPath = rulesPath
        self.store = store
        self.host = host
        self.port = port
        self.tokens = tokens
        self.bodyLimit = bodyLimit
        self.batchLimit = batchLimit
    }
}
