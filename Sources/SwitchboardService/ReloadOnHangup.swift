import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the rules and the directory on SIGHUP, until the service shuts down.
struct ReloadOnHangup: Service {
    let service: SwitchboardService

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            service.reload()
        }
    }
}
