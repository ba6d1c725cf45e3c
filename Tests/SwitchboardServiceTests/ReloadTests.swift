import JSONLines
import Foundation
import Hummingbird
import HummingbirdTesting
import InteractionLogging
import SwitchboardService
import Testing

@Suite("Reloading the rules")
struct ReloadTests {
    @Test("a valid edit is taken; an invalid one is refused and the running rules stay")
    func reload() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rulesFile = folder.appending(path: "rules.yaml")
        let shipped = ShippedRules.text
        try shipped.write(to: rulesFile, atomically: true, encoding: .utf8)
        let (service, _) = try await ServiceFixture.service(.sqlite, rulesPath: rulesFile.path)
        let reason = "Logged automatically."
        #expect(shipped.contains(reason))

        try await service.makeApplication().test(.router) { client in
            func routedReason(_ id: Int) async throws -> JSONValue? {
                try ServiceFixture.json(try await ServiceFixture.post(client, "/webhooks/aircall", ServiceFixture.call(id: id)))["reason"]
            }
            #expect(try await routedReason(1) == .string(reason))

            try shipped.replacingOccurrences(of: reason, with: "Logged by the new rules.").write(to: rulesFile, atomically: true, encoding: .utf8)
            #expect(service.reload())
            #expect(try await routedReason(2) == .string("Logged by the new rules."))

            // Broken YAML: refused, the previous version stays.
            try "tables: [".write(to: rulesFile, atomically: true, encoding: .utf8)
            #expect(!service.reload())
            #expect(try await routedReason(3) == .string("Logged by the new rules."))
        }
    }
}
