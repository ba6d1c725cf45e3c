import JSONLines
import Foundation
import InteractionLogging
import InteractionStore
import Testing

@Suite("Interaction store")
struct InteractionStoreTests {
    private func interaction(_ id: String, kind: String = "call", status: String = "unassigned") -> NewInteraction {
        NewInteraction(
            kind: kind, id: id, event: kind == "call" ? "call.ended" : "message.received",
            body: Array("{\"id\": \"\(id)\"}".utf8), status: status,
            route: "{\"id\": \"\(id)\", \"status\": \"\(status)\"}")
    }

    @Test("stores an interaction once; a repeat is a duplicate, also after reopening", arguments: TestStore.available)
    func duplicates(_ kind: TestStore) async throws {
        let (store, url) = try await kind.open()
        guard case .stored = try await store.insert(interaction("812")) else { Issue.record("first delivery not stored"); return }
        #expect(try await store.insert(interaction("812")) == .duplicate)
        // The same id of another kind is another interaction.
        guard case .stored = try await store.insert(interaction("812", kind: "message")) else { Issue.record("message not stored"); return }
        await store.close()

        let reopened = try await InteractionStores.open(StoreLocation(url))
        #expect(try await reopened.insert(interaction("812")) == .duplicate)
        let stored = try #require(try await reopened.interaction(kind: "call", id: "812"))
        #expect(stored.event == "call.ended")
        #expect(stored.body == Array("{\"id\": \"812\"}".utf8))
        #expect(stored.status == "unassigned")
        #expect(stored.route == "{\"id\": \"812\", \"status\": \"unassigned\"}")
        #expect(stored.version == 1)
        #expect(stored.assignments.isEmpty)
        #expect(try await reopened.interactions(status: nil, limit: 10, before: nil).count == 2)
        #expect(try await reopened.interaction(kind: "call", id: "813") == nil)
        await reopened.close()
    }

    @Test("lists newest first, by status, a page at a time", arguments: TestStore.available)
    func listing(_ kind: TestStore) async throws {
        let (store, _) = try await kind.open()
        for n in 1...7 {
            _ = try await store.insert(interaction("\(n)", status: n % 2 == 0 ? "logged" : "unassigned"))
        }
        let unassigned = try await store.interactions(status: "unassigned", limit: 3, before: nil)
        #expect(unassigned.map(\.id) == ["7", "5", "3"])
        let next = try await store.interactions(status: "unassigned", limit: 3, before: unassigned.last?.sequence)
        #expect(next.map(\.id) == ["1"])
        #expect(try await store.interactions(status: nil, limit: 100, before: nil).map(\.id) == ["7", "6", "5", "4", "3", "2", "1"])
        #expect(try await store.interactions(status: "ignored", limit: 100, before: nil).isEmpty)
        var seen: [String] = []
        try await store.forEachPage(size: 3) { page in seen += page.map(\.id) }
        #expect(seen == ["1", "2", "3", "4", "5", "6", "7"])
        await store.close()
    }

    @Test("many concurrent webhooks share commits and are all stored once", arguments: TestStore.available, [1, 512])
    func concurrentInserts(_ kind: TestStore, batchLimit: Int) async throws {
        let (store, _) = try await kind.open(batchLimit: batchLimit)
        // Every id is delivered twice at once: each is stored exactly once.
        let outcomes = try await withThrowingTaskGroup(of: InsertOutcome.self) { group in
            for n in 0..<400 { group.addTask { try await store.insert(interaction("\(n / 2)")) } }
            return try await group.reduce(into: [InsertOutcome]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .duplicate }.count == 200)
        #expect(Set(outcomes.filter { $0 != .duplicate }).count == 200)
        var stored = 0
        try await store.forEachPage(size: 64) { stored += $0.count }
        #expect(stored == 200)
        await store.close()
    }

    @Test("of two racing assignments exactly one wins; the change is in the history", arguments: TestStore.available)
    func racingAssignments(_ kind: TestStore) async throws {
        let (store, _) = try await kind.open()
        _ = try await store.insert(interaction("900"))
        func assignment(_ member: String) -> Assignment {
            let choice = ManualAssignments(teamMember: member)
            return Assignment(
                kind: "call", id: "900", expectedVersion: 1, assignments: choice, requested: choice,
                status: "logged", route: "{\"team_member\": \"\(member)\"}")
        }
        async let first = store.assign(assignment("tm-jane"))
        async let second = store.assign(assignment("tm-omar"))
        let outcomes = try await [first, second]
        #expect(outcomes.filter { $0 == .assigned(version: 2) }.count == 1)
        #expect(outcomes.filter { $0 == .conflict(currentVersion: 2) }.count == 1)

        let stored = try #require(try await store.interaction(kind: "call", id: "900"))
        #expect(stored.version == 2)
        #expect(stored.status == "logged")
        let winner = try #require(stored.assignments.teamMember)
        #expect(stored.route == "{\"team_member\": \"\(winner)\"}")
        let history = try await store.history(kind: "call", id: "900")
        #expect(history.count == 1)
        #expect(history.first?.version == 2)
        #expect(history.first?.oldStatus == "unassigned")
        #expect(history.first?.newStatus == "logged")
        #expect(history.first?.requested == ManualAssignments(teamMember: winner))

        #expect(
            try await store.assign(
                Assignment(
                    kind: "call", id: "404", expectedVersion: 1, assignments: .init(),
                    requested: .init(), status: "logged", route: "{}")) == .notFound)
        await store.close()
    }

    @Test("store URLs are read or refused with what was expected")
    func locations() throws {
        #expect(try StoreLocation("sqlite:switchboard.sqlite") == .sqlite(path: "switchboard.sqlite"))
        #expect(try StoreLocation("sqlite:///var/lib/s.sqlite") == .sqlite(path: "/var/lib/s.sqlite"))
        let postgres = try StoreLocation("postgres://sb:secret@db.internal:6543/office?schema=north")
        #expect(
            postgres
                == .postgres(
                    .init(
                        host: "db.internal", port: 6543, username: "sb", password: "secret",
                        database: "office", schema: "north")))
        #expect(postgres.description == "postgres://sb@db.internal:6543/office?schema=north")
        for bad in ["mysql://x", "sqlite:", "postgres://db/office", "postgres://sb@db/", "postgres://sb@db/o?schema=Bad-Name"] {
            #expect(throws: StoreError.self, "\(bad)") { try StoreLocation(bad) }
        }
    }
}
