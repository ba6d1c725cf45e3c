import Foundation
import Testing

/// `replay --changes PATH` writes a new file beside PATH and renames it over PATH: what was
/// there is replaced only by a whole regular file, and anything but a regular file is refused.
@Suite struct ReplayChangesFileTests {
    static func replay(changes: String) throws -> CommandResult {
        let edited = try ReplayCommandTests.editedRules()
        return try CommandRunner.run(
            [
                "replay", "--baseline", "rules/interaction-logging.yaml", "--rules", edited,
                "--changes", changes,
            ] + ReplayCommandTests.arguments)
    }

    /// A new, empty folder.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-changes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("A regular file is replaced whole, and nothing else is left in its folder")
    func regularFile() throws {
        let folder = try Self.folder()
        let changes = folder.appending(path: "changes.jsonl")
        try Data("stale\n".utf8).write(to: changes)
        let result = try Self.replay(changes: changes.path)
        #expect(result.status == 1)
        let lines = try String(contentsOf: changes, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(!lines.contains("stale"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["changes.jsonl"])
    }

    @Test("A symbolic link is refused: neither it nor its target is written")
    func symbolicLink() throws {
        let folder = try Self.folder()
        let target = folder.appending(path: "target.txt")
        try Data("keep\n".utf8).write(to: target)
        let link = folder.appending(path: "changes.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        let result = try Self.replay(changes: link.path)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "error: cannot replace '\(link.path)': it is a symbolic link, not a regular file; only a regular file is replaced\n")
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["changes.jsonl", "target.txt"])
    }

    @Test("A FIFO is refused and stays a FIFO")
    func fifo() throws {
        let folder = try Self.folder()
        let fifo = folder.appending(path: "changes.fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let result = try Self.replay(changes: fifo.path)
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot replace '\(fifo.path)': it is a FIFO, not a regular file; only a regular file is replaced\n")
        var status = stat()
        #expect(lstat(fifo.path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test(
        "A device node is refused and stays a device (made with mknod, so root only)",
        .enabled(if: getuid() == 0))
    func device() throws {
        let folder = try Self.folder()
        let device = folder.appending(path: "full")
        // The numbers of /dev/full.
        #expect(mknod(device.path, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0)
        let result = try Self.replay(changes: device.path)
        #expect(result.status == 1)
        #expect(
            result.stderr == "error: cannot replace '\(device.path)': it is a character device, not a regular file; only a regular file is replaced\n"
        )
        var status = stat()
        #expect(lstat(device.path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("A folder that cannot take a new file is an error naming the file")
    func missingFolder() throws {
        let result = try Self.replay(changes: "/no-such-folder/changes.jsonl")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot replace '/no-such-folder/changes.jsonl': No such file or directory\n")
    }
}
