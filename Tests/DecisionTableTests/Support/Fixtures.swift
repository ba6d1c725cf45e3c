import Foundation

/// The hostile rules files in `Tests/Fixtures/`, found from this source file's path so that
/// the test target needs no resources.
enum Fixtures {
    /// `Tests/Fixtures/`.
    static let directory: URL = {
        var url = URL(filePath: #filePath)
        while url.lastPathComponent != "Tests", url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
        }
        return url.appending(path: "Fixtures", directoryHint: .isDirectory)
    }()

    /// The fixture file names, sorted; empty when the folder is missing (a test checks the count).
    static var names: [String] {
        let path = directory.path(percentEncoded: false)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// The URL of a fixture.
    static func url(_ name: String) -> URL {
        directory.appending(path: name, directoryHint: .notDirectory)
    }
}
