import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif
import Synchronization
import Testing

/// Runs the built binary: webhooks sent concurrently, the process killed with SIGKILL part-way,
/// restarted on the same store.
@Suite("Durability", .serialized)
struct DurabilityTests {
    /// What the senders share: the next id to send, the ids answered 200, whether it was killed.
    final class Progress: Sendable {
        let next = Mutex(0)
        let acknowledged = Mutex<Set<Int>>([])
        let killed = Mutex(false)
    }

    @Test(
        "every webhook answered 200 before a SIGKILL is stored; re-sending all stores nothing twice",
        arguments: TestStore.available)
    func killed(_ kind: TestStore) async throws {
        let store = try kind.freshURL()
        let token = ServiceFixture.tokens[0]
        let ids = Array(30_000..<30_400)
        let session = URLSession(configuration: .ephemeral)

        let server = try ServerProcess(store: store, token: token)
        let progress = Progress()
        await withTaskGroup(of: Void.self) { group in
            // 16 senders at once, each taking the next id.
            for _ in 0..<16 {
                group.addTask {
                    while true {
                        let index = progress.next.withLock { value -> Int in
                            defer { value += 1 }; return value
                        }
                        guard index < ids.count, let body = try? ServiceFixture.call(id: ids[index], token: token) else { return }
                        guard let answer = await server.send("POST", "/webhooks/aircall", body: body, session: session), answer.status == 200 else {
                            continue
                        }
                        let count = progress.acknowledged.withLock {
                            $0.insert(ids[index]); return $0.count
                        }
                        // Part-way: kill it while the other senders' requests are in flight.
                        if count == 100,
                            progress.killed.withLock({
                                let first = !$0; $0 = true; return first
                            })
                        {
                            kill(server.process.processIdentifier, SIGKILL)
                        }
                    }
                }
            }
        }
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .uncaughtSignal)
        let answered = progress.acknowledged.withLock { $0 }
        #expect(answered.count >= 100)
        #expect(answered.count < ids.count, "the kill came after every webhook was answered")

        let restarted = try ServerProcess(store: store, token: token)
        for id in answered.sorted() {
            let answer = await restarted.send("GET", "/interactions/call/\(id)", session: session)
            #expect(answer?.status == 200, "call \(id) was acknowledged but is not stored")
        }
        // Every webhook again: the acknowledged ones are duplicates, and each id ends up stored once.
        for id in ids {
            let answer = await restarted.send("POST", "/webhooks/aircall", body: try ServiceFixture.call(id: id, token: token), session: session)
            #expect(answer?.status == 200)
            if answered.contains(id) { #expect(answer?.body.contains("\"status\": \"duplicate\"") == true, "call \(id)") }
        }
        var stored: [String] = []
        var cursor: String?
        repeat {
            guard let page = await restarted.send("GET", "/interactions?limit=500" + (cursor.map { "&after=\($0)" } ?? ""), session: session) else {
                break
            }
            stored += page.body.matches(of: /"kind": "call", "id": "(\d+)"/).map { String($0.1) }
            cursor = page.body.firstMatch(of: /"next": "(\d+)"/).map { String($0.1) }
        } while cursor != nil
        #expect(stored.count == ids.count)
        #expect(Set(stored) == Set(ids.map(String.init)))
        // SIGTERM stops it gracefully.
        #expect(restarted.stop(SIGTERM) == 0)
    }
}
