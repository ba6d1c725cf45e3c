import Foundation

/// Runs the built `switchboard` executable and captures what a user would see.
struct CommandResult {
    var stdout: String
    var stderr: String
    var status: Int32
    /// The signal that ended the process, or nil when it exited.
    var signal: Int32? = nil

    /// Standard output split into lines, without the final empty one.
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

enum CommandRunner {
    /// The package's root folder, where the examples and rules live.
    static let packageRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `switchboard` binary beside the test bundle in the build products folder.
    static let executable: URL = {
        var folder = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()
        if let bundle = Bundle.main.executableURL { folder = bundle.deletingLastPathComponent() }
        // swift-testing on Linux runs the `.xctest` binary from the products folder itself.
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let url = candidate.appending(path: "switchboard")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appending(path: ".build/debug/switchboard")
    }()

    /// Runs `switchboard` with arguments, from the package root, feeding `stdin`.
    /// - Parameter standardOutput: Where standard output goes (a full device, a closed pipe);
    ///   by default a file, whose text is the result's `stdout`.
    static func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
        standardOutput: FileHandle? = nil
    ) throws -> CommandResult {
        try run(executable: executable, arguments, stdin: stdin, environment: environment, standardOutput: standardOutput)
    }

    /// Runs a `/bin/sh` script from the package root with `$SWITCHBOARD` naming the binary: for
    /// what `Process` cannot arrange, such as a closed standard input.
    static func shell(_ script: String) throws -> CommandResult {
        try run(executable: URL(filePath: "/bin/sh"), ["-c", script], environment: ["SWITCHBOARD": executable.path])
    }

    private static func run(
        executable: URL, _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
        standardOutput: FileHandle? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Output goes to files, not pipes, so a large output can never block the process.
        let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = ["in", "out", "err"].map { folder.appending(path: $0) }
        try Data(stdin.utf8).write(to: paths[0])
        for path in paths.dropFirst() { _ = FileManager.default.createFile(atPath: path.path, contents: nil) }
        let handles = try paths.enumerated().map { index, path in
            index == 0 ? try FileHandle(forReadingFrom: path) : try FileHandle(forWritingTo: path)
        }
        defer { for handle in handles { try? handle.close() } }
        process.standardInput = handles[0]
        process.standardOutput = standardOutput ?? handles[1]
        process.standardError = handles[2]
        try process.run()
        process.waitUntilExit()
        let signaled = process.terminationReason == .uncaughtSignal
        return CommandResult(
            stdout: String(decoding: try Data(contentsOf: paths[1]), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: paths[2]), as: UTF8.self),
            status: signaled ? -1 : process.terminationStatus,
            signal: signaled ? process.terminationStatus : nil)
    }

    /// Writes `text` to a new temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "rules.yaml") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
