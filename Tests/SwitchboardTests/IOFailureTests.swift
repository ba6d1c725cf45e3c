import Foundation
import Testing

/// What a user sees when reading or writing fails: a message and exit status 1 (or, when
/// standard output's reader goes away, a quiet stop by SIGPIPE), never a trap; and a batch
/// that keeps the records it already computed.
@Suite struct IOFailureTests {
    /// One command per subcommand that writes to standard output.
    static let commands: [[String]] = [
        ["evaluate", "--rules", "Examples/contact.yaml", "Examples/facts.jsonl"],
        ["validate", "Examples/contact.yaml"],
        ["route", "--directory", "Examples/directory.yaml", "Examples/events.jsonl"],
        ["table", "--rules", "Examples/contact.yaml"],
        ["diff", "Examples/contact.yaml", "rules/interaction-logging.yaml"],
        ["test", "rules/interaction-logging.scenarios.yaml"],
        ["replay", "--baseline", "rules/interaction-logging.yaml", "--directory", "Examples/directory.yaml", "Examples/events.jsonl"],
        ["explain"],
    ]

    @Test("A full disk is an error message and exit status 1", arguments: commands)
    func fullDisk(arguments: [String]) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try CommandRunner.run(arguments, standardOutput: full)
        #expect(result.stderr.hasSuffix("error: cannot write standard output: No space left on device\n"))
        #expect(result.status == 1)
    }

    @Test("A closed standard output stops the command quietly, by SIGPIPE", arguments: commands)
    func closedStandardOutput(arguments: [String]) throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let result = try CommandRunner.run(arguments, standardOutput: pipe.fileHandleForWriting)
        #expect(result.signal == SIGPIPE)
        #expect(!result.stderr.contains("error: cannot write"))
    }

    @Test("evaluate - with standard input closed reports it as the input's record and exits 1")
    func closedStandardInput() throws {
        let result = try CommandRunner.shell(#"exec "$SWITCHBOARD" evaluate --rules Examples/contact.yaml - <&-"#)
        #expect(result.stdout == #"{"file": "-", "error": "cannot read standard input: Bad file descriptor"}"# + "\n")
        #expect(result.stderr == "-:1:1: error: cannot read the file: Bad file descriptor\n")
        #expect(result.status == 1)
    }

    @Test("evaluate A B with B unreadable keeps A's records, reports B as a record, and exits 1")
    func evaluateGoesOnPastAnUnreadableInput() throws {
        let result = try CommandRunner.run([
            "evaluate", "--rules", "Examples/contact.yaml", "Examples/facts.jsonl",
            "Examples/no-such-facts.jsonl", "Examples/facts.jsonl",
        ])
        let lines = result.lines
        #expect(lines.count == 13)
        #expect(lines.prefix(6).allSatisfy { $0.hasPrefix(#"{"outputs": "#) })
        #expect(
            lines[6] == #"{"file": "Examples/no-such-facts.jsonl", "error": "cannot read 'Examples/no-such-facts.jsonl': No such file or directory"}"#
        )
        #expect(lines.suffix(6).allSatisfy { $0.hasPrefix(#"{"outputs": "#) })
        #expect(result.stderr == "Examples/no-such-facts.jsonl:1:1: error: cannot read the file: No such file or directory\n")
        #expect(result.status == 1)
    }

    @Test("route A B with B unreadable keeps A's routes, gives B an error route, and exits 1")
    func routeGoesOnPastAnUnreadableInput() throws {
        let result = try CommandRunner.run([
            "route", "--directory", "Examples/directory.yaml", "Examples/events.jsonl",
            "Examples",
        ])
        let lines = result.lines
        #expect(lines.count == 25)
        #expect(lines.last == #"{"file": "Examples", "status": "error", "error": "cannot read 'Examples': Is a directory"}"#)
        #expect(result.stderr == "Examples:1:1: error: cannot read the file: Is a directory\n")
        #expect(result.status == 1)
    }

    @Test("--threads above the cap is bad usage")
    func threadsCapped() throws {
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "--threads", "100000", "-"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --threads must be at most 64\n"))
        #expect(result.stderr.contains("Usage: switchboard route"))
    }
}
