import DecisionTable
import Dispatch
import JSONLines

/// Routes many webhook bodies on several threads, in input order, marking repeats of an
/// event for the same id as duplicates (Aircall delivers at least once).
public final class BatchRouter {
    let routers: [Router]
    /// Where each event and id was first routed. A place is formatted only when a repeat
    /// names it, so that remembering a million events builds no string.
    private var firstDeliveries = FirstDeliveries()
    /// The sources routed so far: a place names its source by index.
    private var sources: [String] = []

    /// Creates a batch router with one ``Router`` per thread.
    /// - Throws: ``RouterError`` as ``Router/init(rules:directory:)`` does.
    public init(rules: DecisionTables, directory: SparkDirectory, threads: Int = 2) throws(RouterError) {
        var routers: [Router] = []
        for _ in 0..<max(1, threads) {
            routers.append(try Router(rules: rules, directory: directory))
        }
        self.routers = routers
    }

    /// Routes every body of an input.
    /// - Parameters:
    ///   - input: The webhook bodies.
    ///   - source: Names the input in duplicate reasons and error routes (`<stdin>` for
    ///     standard input).
    ///   - assignments: A person's choices, by interaction (event id): each interaction they
    ///     name is routed with ``Router/route(_:applying:)``, so a refused choice is in its
    ///     route's ``Route/refusals``; every other interaction routes as usual.
    /// - Returns: One route per body, in input order.
    public func route(_ input: WebhookInput, source: String = "-", assignments: [String: ManualAssignments] = [:]) -> [Route] {
        let count = input.bodies.count
        let chunk = max(1, (count + routers.count - 1) / routers.count)
        // Each worker initialises its own slice of `routes` and `hashes` and uses its own
        // router: no sharing. A hash is for the duplicate check below, which is sequential:
        // it is worked out here, in parallel.
        nonisolated(unsafe) let routers = routers
        var hashes = [Int](repeating: 0, count: count)
        var routes = [Route](unsafeUninitializedCapacity: count) { buffer, initialized in
            hashes.withUnsafeMutableBufferPointer { hashBuffer in
                nonisolated(unsafe) let output = buffer
                nonisolated(unsafe) let hashes = hashBuffer
                DispatchQueue.concurrentPerform(iterations: routers.count) { worker in
                    let router = routers[worker]
                    var i = worker * chunk
                    while i < min(count, (worker + 1) * chunk) {
                        var route = Self.route(input.bodies[i], in: input.bytes, with: router, assignments: assignments)
                        if route.status == .error { route.file = source }
                        if route.status != .error, let event = route.event, let id = route.id {
                            hashes[i] = FirstDeliveries.hash(event: event, id: id)
                        }
                        (output.baseAddress! + i).initialize(to: route)
                        i += 1
                    }
                }
            }
            initialized = count
        }
        // Duplicates depend on order: one pass after the parallel work.
        if sources.last != source { sources.append(source) }
        let sourceNumber = Int32(sources.count - 1)
        routes.withUnsafeMutableBufferPointer { routes in
            // Through a buffer pointer, fields are read in place: reading them through the
            // array would copy each whole route, retaining every string in it.
            for index in routes.indices {
                guard routes[index].status != .error, let event = routes[index].event, let id = routes[index].id else { continue }
                let place =
                    switch input.bodies[index] {
                    case .value(_, _, let item?): FirstDeliveries.Place(source: sourceNumber, line: false, number: item - 1)
                    case let body: FirstDeliveries.Place(source: sourceNumber, line: true, number: body.position.line)
                    }
                if let first = firstDeliveries.firstPlace(event: event, id: id, hash: hashes[index], place: place) {
                    routes[index] = Route(
                        event: event, id: id, kind: routes[index].kind, direction: routes[index].direction,
                        status: .duplicate, reason: "\(event) for id \(id) was already routed (\(describe(first)))")
                }
            }
        }
        return routes
    }

    /// The JSON line of each route (``Route/appendJSONLine(to:)``), in order, rendered on this
    /// router's threads: what `switchboard route` prints.
    public func jsonLines(_ routes: [Route]) -> [UInt8] {
        let chunk = max(1, (routes.count + routers.count - 1) / routers.count)
        var pieces = [[UInt8]](repeating: [], count: routers.count)
        pieces.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let pieces = buffer
            DispatchQueue.concurrentPerform(iterations: pieces.count) { worker in
                let slice = routes[min(routes.count, worker * chunk)..<min(routes.count, (worker + 1) * chunk)]
                var writer = JSONWriter(capacity: slice.count * 512)
                // Through a buffer pointer, so that each route is borrowed, not copied.
                slice.withUnsafeBufferPointer { slice in
                    for i in slice.indices { slice[i].writeJSONLine(to: &writer) }
                }
                pieces[worker] = writer.finish()
            }
        }
        if pieces.count == 1 { return pieces[0] }
        var lines: [UInt8] = []
        lines.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { lines.append(contentsOf: piece) }
        return lines
    }

    /// "events.jsonl:12" or "events.json item 3".
    private func describe(_ place: FirstDeliveries.Place) -> String {
        let source = sources[Int(place.source)]
        return place.line ? "\(source):\(place.number)" : "\(source) item \(place.number + 1)"
    }

    private static func route(
        _ body: WebhookInput.Body, in bytes: [UInt8], with router: Router,
        assignments: [String: ManualAssignments]
    ) -> Route {
        switch webhook(body, in: bytes) {
        case .success(.interaction(let event)):
            // Most runs have no choices: no id is hashed then.
            if !assignments.isEmpty, let chosen = assignments[event.id] { return router.route(event, applying: chosen) }
            return router.route(event)
        case .success(.ignored(let event, let id, let reason)):
            return Route(event: event, id: id, status: .ignored, reason: reason)
        case .failure(let unreadable):
            return unreadable.route
        }
    }

    /// An input that is not a webhook: the error route it gives.
    struct Unreadable: Error {
        var route: Route
    }

    /// Reads one body as a webhook.
    static func webhook(_ body: WebhookInput.Body, in bytes: [UInt8]) -> Result<AircallWebhook, Unreadable> {
        var item: Int?
        let json: JSONValue
        let position = body.position
        switch body {
        case .value(let value, _, let index):
            json = value
            item = index
        case .line(let range, _):
            do {
                // Only the fields the decoder reads are built; all of the line is checked.
                json = try bytes.withUnsafeBufferPointer { buffer throws(JSONParser.Failure) in
                    try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range]), selecting: AircallWebhook.fieldsRead)
                }
            } catch {
                return .failure(
                    Unreadable(
                        route: Route(
                            status: .error, reason: "invalid JSON: \(error.message)",
                            line: position.line, column: error.column)))
            }
        case .invalid(let message, _):
            return .failure(
                Unreadable(
                    route: Route(
                        status: .error, reason: "invalid JSON: \(message)",
                        line: position.line, column: position.column)))
        }
        do {
            return .success(try AircallWebhook(json: json))
        } catch {
            return .failure(
                Unreadable(
                    route: Route(
                        status: .error, reason: error.description,
                        line: position.line, column: position.column, item: item)))
        }
    }
}
