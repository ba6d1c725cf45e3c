import CoreMetrics
import Metrics
import Prometheus

/// What `GET /metrics` reports, in Prometheus' text format: requests by route and status
/// code, webhooks by route status, and the store's latency.
final class ServiceMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let routes: [String: CoreMetrics.Counter]
    private let storeLatency: [String: CoreMetrics.Timer]

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        factory = PrometheusMetricsFactory(registry: registry)
        var routes: [String: CoreMetrics.Counter] = [:]
        for status in ["logged", "unassigned", "not_logged", "ignored", "duplicate", "error"] {
            routes[status] = CoreMetrics.Counter(label: "switchboard_webhooks_total", dimensions: [("status", status)], factory: factory)
        }
        self.routes = routes
        var latency: [String: CoreMetrics.Timer] = [:]
        for operation in ["insert", "read", "assign"] {
            latency[operation] = CoreMetrics.Timer(label: "switchboard_store_seconds", dimensions: [("operation", operation)], factory: factory)
        }
        storeLatency = latency
    }

    /// Counts a request once answered.
    func request(_ route: String, method: String, status: Int) {
        CoreMetrics.Counter(
            label: "switchboard_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory
        ).increment()
    }

    /// Counts a webhook by the status of its route.
    func webhook(_ status: String) {
        routes[status]?.increment()
    }

    /// Times a store operation (`insert`, `read` or `assign`).
    func timeStore<T>(_ operation: String, _ work: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - start
            storeLatency[operation]?.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
        return try await work()
    }
}
