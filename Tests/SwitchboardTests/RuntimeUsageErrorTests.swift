import Foundation
import Testing

/// Bad usage that only running a command shows (the events, the directory or the current
/// folder make an option wrong) prints as the usage errors argument-parser finds print:
/// `Error: ...`, the subcommand's `Usage:` line and where its help is, with exit status 64.
@Suite struct RuntimeUsageErrorTests {
    /// Standard error after its first line (the message) for bad usage argument-parser finds
    /// itself in `arguments`: the usage lines every usage error of that command must end with.
    static func usageLines(ofParserError arguments: [String]) throws -> String {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64)
        let newline = try #require(result.stderr.firstIndex(of: "\n"))
        return String(result.stderr[result.stderr.index(after: newline)...])
    }

    @Test(
        "A usage error found while running prints the message, then exactly the usage lines argument-parser prints for the same command",
        arguments: [
            (
                ["route", "--directory", "Examples/directory.yaml", "--assign-contact", "c-400", "Examples/events.jsonl"],
                "--assign-* choices are for one interaction, but the events hold 17 (812, 813, msg-c200-jane, 814, 815, ...);"
                    + " name it with --interaction ID, or give --assignments FILE",
                ["route", "--directory", "Examples/directory.yaml", "--threads", "0", "-"]
            ),
            (
                [
                    "route", "--directory", "Examples/directory.yaml", "--kind", "call", "--direction", "inbound", "--from", "604-555-0300", "--line",
                    "604-555-0188",
                ],
                "--user (or --no-user) is needed for a call: the email of the Aircall user who took or placed it, or none for a call no one took",
                ["route", "--directory", "Examples/directory.yaml", "--threads", "0", "-"]
            ),
            (
                ["route", "--directory", "Examples/directory.yaml", "--assign-contact", "c-40", "--interaction", "815", "Examples/events.jsonl"],
                "--assign-contact: no contact 'c-40' in the directory; did you mean 'c-400'?",
                ["route", "--directory", "Examples/directory.yaml", "--threads", "0", "-"]
            ),
            (
                ["serve", "--directory", "Examples/directory.yaml", "--tokens-file", "/nonexistent/tokens"],
                "cannot read the tokens file '/nonexistent/tokens' as UTF-8 text",
                ["serve", "--directory", "Examples/directory.yaml"]
            ),
        ])
    func runtimeUsageErrorsPrintAsArgumentParserPrints(arguments: [String], message: String, parserError: [String]) throws {
        let result = try CommandRunner.run(arguments)
        let usage = try Self.usageLines(ofParserError: parserError)
        #expect(usage.hasPrefix("Usage: switchboard \(arguments[0]) "))
        #expect(result.stderr == "Error: \(message)\n" + usage)
        #expect(result.stdout == "")
        #expect(result.status == 64)
    }

    @Test("'test' with no scenario files in the current folder is bad usage, printed with test's usage")
    func noScenarioFiles() throws {
        let result = try CommandRunner.shell(
            #"folder="$(mktemp -d)" && cd "$folder" && "$SWITCHBOARD" test; status=$?; rm -r "$folder"; exit $status"#)
        let usage = try Self.usageLines(ofParserError: ["test", "--no-such-option"])
        #expect(
            result.stderr == "Error: no scenario files: give FILES, or add *.scenarios.yaml files under rules/ or Examples/\n" + usage)
        #expect(result.status == 64)
    }

    @Test(
        "An --assign-* id the directory does not hold is bad usage naming the option, with the nearest id; nothing is routed",
        arguments: [
            (["--assign-contact", "c-40"], "--assign-contact: no contact 'c-40' in the directory; did you mean 'c-400'?"),
            (["--assign-team-member", "tm-jnae"], "--assign-team-member: no team member 'tm-jnae' in the directory; did you mean 'tm-jane'?"),
            (
                ["--assign-projects", "harbour-towr,the-pier,elsewhere"],
                "--assign-projects: no project 'harbour-towr' in the directory; did you mean 'harbour-tower'?\n"
                    + "--assign-projects: no project 'elsewhere' in the directory"
            ),
        ])
    func unknownAssignedID(options: [String], message: String) throws {
        let result = try CommandRunner.run(
            ["route", "--directory", "Examples/directory.yaml"] + options + ["--interaction", "815", "Examples/events.jsonl"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("Error: \(message)\nUsage: switchboard route "))
    }
}
