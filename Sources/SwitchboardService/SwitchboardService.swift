import JSONLines
import Hummingbird
import InteractionLogging
import InteractionStore
import Logging
import Prometheus
import Synchronization

/// The service behind `switchboard serve`: Aircall webhooks in, routed with the rules, stored,
/// and the Unassigned queue as an HTTP API.
///
/// It holds what the requests share: the rules and directory (replaced as a whole by
/// ``reload()``), the store, the webhook tokens and the metrics.
public final class SwitchboardService: Sendable {
    public let configuration: ServiceConfiguration
    public let store: any InteractionStore
    let logger: Logger
    let metrics: ServiceMetrics
    let tokens: WebhookTokens
    private let current: Mutex<RoutingRules>

    /// Creates the service with rules already loaded and a store already open.
    /// - Parameter registry: Where metrics are kept; `GET /metrics` reports it.
    public init(
        configuration: ServiceConfiguration, rules: RoutingRules, store: any InteractionStore,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger = Logger(label: "switchboard")
    ) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        metrics = ServiceMetrics(registry: registry)
        tokens = WebhookTokens(configuration.tokens)
        current = Mutex(rules)
    }

    /// The rules and directory in force.
    public var rules: RoutingRules { current.withLock { $0 } }

    /// Loads the rules and the directory again from their files. A version that fails to load
    /// or validate is refused and logged, and the running one stays.
    /// - Returns: Whether the new version is now in force.
    @discardableResult
    public func reload() -> Bool {
        do {
            let fresh = try RoutingRules(rulesPath: configuration.rulesPath, directoryPath: configuration.directoryPath)
            current.withLock { $0 = fresh }
            logger.info("reloaded the rules and the directory")
            return true
        } catch {
            logger.error("refused the new rules or directory; the running version stays", metadata: ["problems": "\(error)"])
            return false
        }
    }

    /// The HTTP routes.
    public func makeRouter() -> Hummingbird.Router<BasicRequestContext> {
        let router = Hummingbird.Router(context: BasicRequestContext.self)
        router.post("/webhooks/aircall") { request, context in await self.answer(request, "/webhooks/aircall") { try await self.webhook(request) } }
        router.post("/route") { request, context in await self.answer(request, "/route") { try await self.routeOnly(request) } }
        router.get("/interactions") { request, context in await self.answer(request, "/interactions") { try await self.list(request) } }
        router.get("/interactions/:kind/:id") { request, context in
            await self.answer(request, "/interactions/{kind}/{id}") {
                try await self.show(kind: context.parameters.get("kind") ?? "", id: context.parameters.get("id") ?? "", request)
            }
        }
        router.post("/interactions/:kind/:id/assignments") { request, context in
            await self.answer(request, "/interactions/{kind}/{id}/assignments") {
                try await self.assign(kind: context.parameters.get("kind") ?? "", id: context.parameters.get("id") ?? "", request)
            }
        }
        router.post("/interactions/:kind/:id/explain") { request, context in
            await self.answer(request, "/interactions/{kind}/{id}/explain") {
                try await self.explainStored(kind: context.parameters.get("kind") ?? "", id: context.parameters.get("id") ?? "")
            }
        }
        router.get("/healthz") { request, context in
            await self.answer(request, "/healthz") { .json(.object([("status", .string("ok"))])) }
        }
        router.get("/metrics") { request, context in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.metrics.registry.emitToBuffer())))
        }
        return router
    }

    /// The application serving ``makeRouter()``, with SIGHUP reloading the rules; run with
    /// `runService()`, it shuts down gracefully on SIGTERM and SIGINT, finishing the requests in
    /// flight. The store stays open: close it once the application has stopped.
    /// - Parameter onServerRunning: Called with the port once the server listens.
    public func makeApplication(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let logger = logger
        return Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "switchboard"),
            services: [ReloadOnHangup(service: self)],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("listening", metadata: ["port": "\(port)"])
                await onServerRunning(port)
            },
            logger: logger)
    }

    /// Turns what a handler threw into a problem answer, and counts the request.
    private func answer(_ request: Request, _ route: String, _ handler: () async throws -> Response) async -> Response {
        let response: Response
        do {
            response = try await handler()
        } catch var problem as ProblemDetails {
            problem.instance = problem.instance ?? request.uri.path
            response = problem.response
        } catch let error as StoreError {
            logger.error("store failure", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            response = ProblemDetails(.storeFailed, error.description, instance: request.uri.path).response
        } catch {
            logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            response = ProblemDetails(.invalidRequest, "\(error)", instance: request.uri.path).response
        }
        metrics.request(route, method: request.method.rawValue, status: response.status.code)
        return response
    }
}
