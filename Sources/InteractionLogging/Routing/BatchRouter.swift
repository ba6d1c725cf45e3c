import DecisionTable
import Dispatch

/// Routes many webhook bodies on several threads, in input order, marking repeats of an
/// event for the same id as duplicates (Aircall delivers at least once).
public final class BatchRouter {
    private let routers: [Router]
    private var seen: [String: String] = [:]

    /// Creates a batch router with one ``Router`` per thread.
    /// - Throws: ``RouterError`` as ``Router/init(rules:directory:assignments:)`` does.
    public init(rules: DecisionTables, directory: SparkDirectory, assignments: ManualAssignments = .init(),
                threads: Int = 2) throws(RouterError) {
        var routers: [Router] = []
        for _ in 0..<max(1, threads) {
            routers.append(try Router(rules: rules, directory: directory, assignments: assignments))
        }
        self.routers = routers
    }

    /// Routes every body of an input; `where` names the input in duplicate reasons.
    /// - Returns: One route per body, in input order.
    public func route(_ input: WebhookInput, source: String = "-") -> [Route] {
        let count = input.bodies.count
        var routes = [Route?](repeating: nil, count: count)
        let chunk = max(1, (count + routers.count - 1) / routers.count)
        // Each worker writes its own slice of `routes` and uses its own router: no sharing.
        nonisolated(unsafe) let routers = routers
        routes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: routers.count) { worker in
                let router = routers[worker]
                var i = worker * chunk
                while i < min(count, (worker + 1) * chunk) {
                    output[i] = Self.route(input.bodies[i], in: input.bytes, with: router)
                    i += 1
                }
            }
        }
        // Duplicates depend on order: one pass after the parallel work.
        return routes.enumerated().map { index, route in
            var route = route!
            guard route.status != .error, let event = route.event, let id = route.id else { return route }
            let key = event + "\u{0}" + id
            let place = Self.place(input.bodies[index], source: source)
            if let first = seen[key] {
                route = Route(event: event, id: id, kind: route.kind, direction: route.direction, status: .duplicate,
                              reason: "\(event) for id \(id) was already routed (\(first))")
            } else {
                seen[key] = place
            }
            return route
        }
    }

    private static func place(_ body: WebhookInput.Body, source: String) -> String {
        switch body {
        case .value(_, let index?): "\(source) item \(index + 1)"
        case .value: source
        case .line(let number, _): "\(source):\(number)"
        }
    }

    private static func route(_ body: WebhookInput.Body, in bytes: [UInt8], with router: Router) -> Route {
        var line: Int?
        let json: JSONValue
        switch body {
        case .value(let value, _):
            json = value
        case .line(let number, let range):
            line = number
            do {
                json = try bytes.withUnsafeBufferPointer { buffer throws(JSONParser.Failure) in
                    try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range]))
                }
            } catch {
                return Route(status: .error, reason: "invalid JSON at \(error)", line: number)
            }
        }
        do {
            switch try AircallWebhook(json: json) {
            case .interaction(let event):
                return router.route(event)
            case .ignored(let event, let id, let reason):
                return Route(event: event, id: id, status: .ignored, reason: reason)
            }
        } catch {
            return Route(status: .error, reason: error.description, line: line)
        }
    }
}
