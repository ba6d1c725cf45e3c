import DecisionTable
import Diagnostics
import Foundation
import InteractionLogging
import Synchronization

/// The rules and the Spark directory the service routes with, loaded and checked together:
/// a version whose rules have validation errors, whose directory is invalid, or that the
/// router cannot act on is refused as a whole.
public final class RoutingRules: Sendable {
    public let tables: DecisionTables
    public let directory: SparkDirectory
    /// Routers ready for use; a ``Router`` owns an evaluator, so each is lent to one request
    /// at a time.
    private let idle: Mutex<[UncheckedRouter]>

    /// Why a version of the rules or the directory was refused.
    public struct LoadingError: Error, Sendable, CustomStringConvertible {
        /// Every problem, compiler-style with file, line and column where there is one.
        public var description: String
    }

    /// Loads and checks the rules (the built-in ones when `rulesPath` is nil) and the directory.
    /// - Parameter logOnAllProjects: The company setting to route with instead of the
    ///   directory's, if given.
    /// - Throws: ``LoadingError`` listing every problem.
    public init(rulesPath: String?, directoryPath: String, logOnAllProjects: Bool? = nil) throws(LoadingError) {
        let source: RulesSource
        if let rulesPath {
            do {
                source = try RulesSource(contentsOf: URL(filePath: rulesPath))
            } catch {
                throw LoadingError(description: DiagnosticsFormatter().format(error.diagnostics, sources: error.sources))
            }
        } else {
            source = RulesSource(yaml: ShippedRules.text, file: ShippedRules.path)
        }
        let report = Validator.validate(source)
        let errors = report.findings.filter { $0.diagnostic.severity == .error }.map(\.diagnostic)
        guard errors.isEmpty else {
            throw LoadingError(description: DiagnosticsFormatter().format(errors, sources: [report.file: report.source]))
        }
        do {
            tables = try source.decoded().checked().compiled()
            let loaded = try SparkDirectory(contentsOf: URL(filePath: directoryPath))
            directory = logOnAllProjects.map { loaded.overridingLogOnAllProjects($0) } ?? loaded
        } catch {
            throw LoadingError(description: DiagnosticsFormatter().format(error.diagnostics, sources: error.sources))
        }
        do {
            idle = Mutex([UncheckedRouter(try Router(rules: tables, directory: directory))])
        } catch {
            throw LoadingError(description: DiagnosticsFormatter().format(error.diagnostics, sources: [report.file: report.source]))
        }
    }

    /// Routes one webhook's event with a router of the pool.
    func route(_ event: AircallEvent) -> Route {
        withRouter(event, { $0.route(event) }, none: { $0 })
    }

    /// Routes one interaction with a person's choices and explains the route
    /// (``Router/explain(_:applying:)``).
    func explain(_ event: AircallEvent, applying assignments: ManualAssignments = ManualAssignments()) -> RouteExplanation {
        withRouter(event, { $0.explain(event, applying: assignments) }, none: { RouteExplanation(route: $0) })
    }

    /// Runs `work` with a router of the pool; `none` turns the error route into the answer
    /// when no router can be made.
    private func withRouter<Answer>(_ event: AircallEvent, _ work: (Router) -> Answer, none: (Route) -> Answer) -> Answer {
        // A fresh router for a request that finds none idle; it joins the pool after. The rules
        // were checked with one when loaded, so making another cannot fail.
        guard let lent = idle.withLock({ $0.popLast() }) ?? (try? Router(rules: tables, directory: directory)).map(UncheckedRouter.init) else {
            return none(
                Route(
                    status: .error, event: event.name, id: event.id, kind: event.kind, direction: event.direction,
                    reason: "no router could be made"))
        }
        let answer = work(lent.router)
        idle.withLock { $0.append(lent) }
        return answer
    }

    /// Routes one webhook's event with a person's choices, checked against the route's
    /// candidates first (``Router/route(_:applying:)``): a refused choice leaves the route
    /// as it was, with ``Route/refusals`` saying why.
    func route(_ event: AircallEvent, applying assignments: ManualAssignments) -> Route {
        withRouter(event, { $0.route(event, applying: assignments) }, none: { $0 })
    }
}

/// A router in the pool: taken out by one request at a time, so never shared.
private struct UncheckedRouter: @unchecked Sendable {
    let router: Router
    init(_ router: Router) { self.router = router }
}
