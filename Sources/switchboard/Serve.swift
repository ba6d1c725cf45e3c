import ArgumentParser
import Foundation
import InteractionStore
import Logging
import Metrics
import Prometheus
import SwitchboardService

extension Switchboard {
    /// `switchboard serve`: Aircall webhooks over HTTP, routed and stored.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receive Aircall webhooks over HTTP, route them and store them; serve the Unassigned queue.",
            discussion: """
                POST /webhooks/aircall takes an Aircall webhook body whose "token" is one of \
                --token or --tokens-file, routes it with the rules and the directory, stores \
                it, and answers the route (the JSON object `switchboard route` prints) once it \
                is committed. GET /interactions?status=unassigned lists stored interactions, \
                GET /interactions/{kind}/{id} shows one, POST \
                /interactions/{kind}/{id}/assignments assigns it, POST \
                /interactions/{kind}/{id}/explain explains its route, POST /route routes a \
                webhook body or an interaction's fields ({"kind", "direction", "from", "line", \
                "user"}) without storing (?explain=true: the explanation of `route --explain \
                --format json`); GET /healthz, GET /metrics (Prometheus). SIGHUP reloads the \
                rules and the directory (an invalid version is refused and the running one \
                stays); SIGTERM and SIGINT finish the requests in flight, then stop.

                --store is sqlite:FILE (the default, sqlite:switchboard.sqlite) or \
                postgres://USER:PASSWORD@HOST:PORT/DATABASE for several instances on one \
                database.

                Exit codes: 0 stopped by a signal; 1 the rules, the directory or the store \
                could not be loaded or opened; 64 bad usage.
                """
        )

        @Option(help: ArgumentHelp("The Spark directory (YAML).", valueName: "file"))
        var directory: String

        @Option(help: ArgumentHelp("A rules file to use instead of the built-in one.", valueName: "file"))
        var rules: String?

        @Option(help: ArgumentHelp("Where interactions are stored: sqlite:FILE or postgres://...", valueName: "url"))
        var store = "sqlite:switchboard.sqlite"

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on; 0 picks a free one (printed at start).")
        var port = 8080

        @Option(name: .customLong("token"), help: ArgumentHelp("A webhook token to accept (repeatable).", valueName: "token"))
        var tokens: [String] = []

        @Option(help: ArgumentHelp("A file of webhook tokens to accept, one per line (# starts a comment).", valueName: "file"))
        var tokensFile: String?

        @Option(help: ArgumentHelp("SQLite: the most webhooks one commit takes; 1 commits each on its own.", valueName: "n"))
        var batchLimit = 512

        @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
        var logLevel = "info"

        func validate() throws {
            if tokens.isEmpty && tokensFile == nil { throw ValidationError("give at least one --token or a --tokens-file") }
            if !(0...65_535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
            if batchLimit < 1 { throw ValidationError("--batch-limit must be at least 1") }
            if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("unknown --log-level '\(logLevel)'") }
            do { _ = try StoreLocation(store) } catch { throw ValidationError(error.description) }
        }

        func run() async throws {
            var accepted = tokens
            if let tokensFile {
                guard let text = try? String(contentsOfFile: tokensFile, encoding: .utf8) else {
                    throw ValidationError("cannot read the tokens file '\(tokensFile)' as UTF-8 text")
                }
                accepted += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty && !$0.hasPrefix("#") }
                if accepted.isEmpty { throw ValidationError("the tokens file '\(tokensFile)' holds no token") }
            }
            let level = Logger.Level(rawValue: logLevel) ?? .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "switchboard")
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

            let location = try StoreLocation(store)
            let configuration = ServiceConfiguration(
                directoryPath: directory, rulesPath: rules, store: location, host: host, port: port,
                tokens: accepted, batchLimit: batchLimit)
            let routing: RoutingRules
            let opened: any InteractionStore
            do {
                routing = try RoutingRules(rulesPath: rules, directoryPath: directory)
                opened = try await InteractionStores.open(location, batchLimit: batchLimit, logger: logger)
            } catch {
                try? FileHandle.standardError.write(contentsOf: Data("error: \(error)\n".utf8))
                throw ExitCode(1)
            }
            let service = SwitchboardService(configuration: configuration, rules: routing, store: opened, registry: registry, logger: logger)
            let host = host
            let app = service.makeApplication { port in
                // On standard output, so that a script starting `serve --port 0` can read it.
                try? FileHandle.standardOutput.write(contentsOf: Data("switchboard: listening on http://\(host):\(port) (store \(location))\n".utf8))
            }
            do {
                try await app.runService()
            } catch {
                try? FileHandle.standardError.write(contentsOf: Data("error: \(error)\n".utf8))
                await opened.close()
                throw ExitCode(1)
            }
            // The server has answered every request in flight: the last writes are committed.
            await opened.close()
        }
    }
}
