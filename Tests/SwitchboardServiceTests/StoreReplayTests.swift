import JSONLines
import Foundation
import HummingbirdTesting
import InteractionLogging
import InteractionStore
import SwitchboardService
import Testing

@Suite("Replaying the stored history")
struct StoreReplayTests {
    /// The shipped rules with row 3 (the setting ON, several projects) sending the interaction
    /// to the Unassigned tab instead.
    static func editedRules() throws -> String {
        let shipped = ShippedRules.text
        let edited = shipped.replacingOccurrences(of: "then: { projects: team_projects }", with: "then: { projects: choose }")
        try #require(edited != shipped)
        let file = FileManager.default.temporaryDirectory.appending(path: "switchboard-edited-\(UUID().uuidString).yaml")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Runs `switchboard replay` with `arguments`: its exit status and standard output.
    static func replay(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = ServerProcess.executable
        process.arguments = ["replay"] + arguments
        let output = FileManager.default.temporaryDirectory.appending(path: "switchboard-replay-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
    }

    @Test("the same rules change nothing; an edit changes what it would have changed, assignments kept")
    func replay() async throws {
        let (service, url) = try await ServiceFixture.service(.sqlite)
        try await service.makeApplication().test(.router) { client in
            for event in try ServiceFixture.exampleLines("events.jsonl") { try await ServiceFixture.post(client, "/webhooks/aircall", event) }
            // Assigned: contact c-400, whose one project then logs it under either version.
            try await ServiceFixture.post(client, "/interactions/call/815/assignments", "{\"contact\": \"c-400\"}")
        }
        let store = try await InteractionStores.open(StoreLocation(url))
        let same = try await StoreReplay.run(store: store, rules: RoutingRules(rulesPath: nil, directoryPath: ServiceFixture.directory))
        #expect(same.events == 17)
        #expect(same.unchanged == 17)
        #expect(same.changed == 0)

        var changed: [String] = []
        let edited = try await StoreReplay.run(
            store: store, rules: RoutingRules(rulesPath: Self.editedRules(), directoryPath: ServiceFixture.directory)
        ) { old, new in
            if old.status != new.status { changed.append(new.id ?? "") }
        }
        // As `switchboard replay` reports for the same edit on the example files.
        #expect(edited.changed == 4)
        #expect(Set(changed) == ["msg-c200-jane", "814", "816"])
        await store.close()

        // The command: 1 when something changes, the report on standard output.
        let (status, text) = try Self.replay(["--store", url, "--directory", ServiceFixture.directory, "--rules", try Self.editedRules()])
        #expect(status == 1)
        #expect(text.hasPrefix("17 events: 4 changed, 13 unchanged"), "\(text)")
    }

    @Test("the stored history under the other company setting: --log-on-all-projects off, the directory unedited")
    func replayWithTheSettingOff() async throws {
        let (service, url) = try await ServiceFixture.service(.sqlite)
        try await service.makeApplication().test(.router) { client in
            for event in try ServiceFixture.exampleLines("events.jsonl") { try await ServiceFixture.post(client, "/webhooks/aircall", event) }
        }
        let store = try await InteractionStores.open(StoreLocation(url))
        var changed: [String] = []
        var nowUnassigned: [String] = []
        let off = try await StoreReplay.run(
            store: store,
            rules: RoutingRules(
                rulesPath: nil, directoryPath: ServiceFixture.directory,
                logOnAllProjects: false)
        ) { old, new in
            changed.append(new.id ?? "")
            if old.status == .logged, new.status == .unassigned { nowUnassigned.append(new.id ?? "") }
        }
        // The interactions of contacts in several projects that ON logged wait for a person;
        // a message already waiting for its team member now needs its projects too.
        #expect(Set(nowUnassigned) == ["msg-c200-jane", "814", "816"])
        #expect(Set(changed) == ["msg-c200-jane", "814", "816", "msg-c200-shared"])
        #expect(off.changed == 4)
        await store.close()

        let (status, text) = try Self.replay(["--store", url, "--directory", ServiceFixture.directory, "--log-on-all-projects", "off"])
        #expect(status == 1)
        #expect(text.hasPrefix("17 events: \(off.changed) changed"), "\(text)")
    }
}
