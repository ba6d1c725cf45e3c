import Foundation

/// Where a store is: `sqlite:PATH` (a file, created when missing) or
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE[?schema=NAME]` (a schema other than `public`,
/// created when missing, lets several offices share one database).
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The parts of a PostgreSQL URL.
    public struct PostgresLocation: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        /// The schema the tables live in; nil for the server's default (`public`).
        public var schema: String?

        /// Creates a location.
        public init(host: String, port: Int = 5432, username: String, password: String?, database: String, schema: String? = nil) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.schema = schema
        }
    }

    /// Reads a store URL.
    /// - Throws: ``StoreError`` saying what a store URL looks like.
    public init(_ text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            // sqlite:///abs/path and sqlite://rel are accepted as well as sqlite:path.
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw StoreError("store URL '\(text)' names no file; expected sqlite:PATH") }
            self = .sqlite(path: path)
            return
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
                throw StoreError("store URL '\(text)' is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
            }
            let database = String(url.path.drop { $0 == "/" })
            guard let username = url.user, !username.isEmpty, !database.isEmpty else {
                throw StoreError("store URL '\(text)' needs a user and a database: postgres://USER:PASSWORD@HOST:PORT/DATABASE")
            }
            var schema: String?
            for item in url.queryItems ?? [] {
                guard item.name == "schema", let value = item.value,
                    value.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil
                else {
                    throw StoreError("store URL '\(text)': the only parameter is schema=NAME (lower-case letters, digits and _)")
                }
                schema = value
            }
            self = .postgres(
                PostgresLocation(
                    host: host, port: url.port ?? 5432, username: username,
                    password: url.password, database: database, schema: schema))
            return
        }
        throw StoreError("unknown store URL '\(text)'; expected sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE")
    }

    /// The URL without its password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let p): "postgres://\(p.username)@\(p.host):\(p.port)/\(p.database)" + (p.schema.map { "?schema=\($0)" } ?? "")
        }
    }
}
