import Foundation

/// Files of the repository, found from this source file's path so that the test target
/// needs no resources.
enum DMNFixtures {
    /// The repository's root folder.
    static let root: URL = {
        var url = URL(filePath: #filePath)
        while url.lastPathComponent != "Tests", url.pathComponents.count > 1 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent()
    }()

    /// A path under the repository's root.
    static func path(_ relative: String) -> String {
        root.appending(path: relative).path(percentEncoded: false)
    }
}
