import Foundation
import Testing

/// `switchboard` copied out of the build folder, as the README's install section does: the
/// built-in rules are compiled into it, so it needs no file beside it.
@Suite struct InstalledBinaryTests {
    @Test("A copied binary routes with its built-in rules from an empty folder")
    func copiedBinaryWorksFromAnEmptyFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-installed-\(UUID().uuidString)")
        let bin = folder.appending(path: "bin")
        let work = folder.appending(path: "work")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let installed = bin.appending(path: "switchboard")
        try FileManager.default.copyItem(at: CommandRunner.executable, to: installed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bin.path) == ["switchboard"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == [])

        let directory = CommandRunner.packageRoot.appending(path: "Examples/directory.yaml").path
        let event =
            try String(contentsOf: CommandRunner.packageRoot.appending(path: "Examples/events.jsonl"), encoding: .utf8)
            .split(separator: "\n")[0] + "\n"
        let process = Process()
        process.executableURL = installed
        process.arguments = ["route", "--directory", directory, "-"]
        process.currentDirectoryURL = work
        let paths = ["in", "out", "err"].map { folder.appending(path: $0) }
        try Data(event.utf8).write(to: paths[0])
        for path in paths.dropFirst() { _ = FileManager.default.createFile(atPath: path.path, contents: nil) }
        let handles = try paths.enumerated().map { index, path in
            index == 0 ? try FileHandle(forReadingFrom: path) : try FileHandle(forWritingTo: path)
        }
        defer { for handle in handles { try? handle.close() } }
        process.standardInput = handles[0]
        process.standardOutput = handles[1]
        process.standardError = handles[2]
        try process.run()
        process.waitUntilExit()
        let stdout = String(decoding: try Data(contentsOf: paths[1]), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: paths[2]), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stderr == "")
        #expect(stdout.hasPrefix(#"{"event": "call.ended", "id": "812", "kind": "call", "direction": "outbound", "status": "logged""#))
        #expect(stdout.contains(#""rules": {"contact": ["one-contact"]"#))
    }
}
