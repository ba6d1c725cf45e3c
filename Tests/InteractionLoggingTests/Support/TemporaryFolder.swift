import Foundation

/// Files written to a new temporary folder, for loaders that read paths relative to a file.
enum TemporaryFolder {
    struct File {
        var url: URL
        var folder: URL { url.deletingLastPathComponent() }
    }

    /// Writes `text` to `name` in `folder`, or in a new temporary folder.
    static func file(_ name: String, _ text: String, in folder: URL? = nil) throws -> File {
        let folder = folder ?? FileManager.default.temporaryDirectory.appending(path: "switchboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: name)
        try Data(text.utf8).write(to: url)
        return File(url: url)
    }
}
