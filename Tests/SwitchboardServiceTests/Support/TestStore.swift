import Foundation
import InteractionStore
import Testing

/// The databases the store and service tests run on: SQLite always, PostgreSQL when
/// `SWITCHBOARD_TEST_POSTGRES_URL` names a database (`.ci/run` starts one and sets it).
enum TestStore: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [TestStore] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    var testDescription: String { rawValue }

    /// A new, empty store's URL: a file in a new temporary folder, or a new schema.
    func freshURL() throws -> String {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return "sqlite:" + folder.appending(path: "store.sqlite").path
        case .postgres:
            let base = try #require(Self.postgresURL)
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
        }
    }

    /// Opens a new, empty store.
    func open(batchLimit: Int = 512) async throws -> (store: any InteractionStore, url: String) {
        let url = try freshURL()
        return (try await InteractionStores.open(StoreLocation(url), batchLimit: batchLimit), url)
    }
}
