import Foundation
import JSONLines
import Testing

/// `docs/switchboard.1`, the man page swift-argument-parser's `generate-manual` plugin writes
/// from the command's own help, is checked in: it must say what `--help` says today.
@Suite struct ManualPageTests {
    /// The page's text as a reader sees it: roff's escaped characters as themselves, and the
    /// words of each paragraph on one line so that wrapping does not matter.
    static func pageText() throws -> String {
        let page = try String(contentsOf: CommandRunner.packageRoot.appending(path: "docs/switchboard.1"), encoding: .utf8)
        return page.replacingOccurrences(of: "\\-", with: "-").replacingOccurrences(of: "\\(aq", with: "'")
            .replacingOccurrences(of: "\\e", with: "\\").replacingOccurrences(of: "\\&", with: "")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every subcommand in the command's help as swift-argument-parser dumps it.
    static func commands() throws -> [JSONValue] {
        let result = try CommandRunner.run(["--experimental-dump-help"])
        try #require(result.status == 0)
        var found: [JSONValue] = []
        var queue = [try #require(try JSONParser.parse(result.stdout)["command"])]
        while let command = queue.popLast() {
            found.append(command)
            if case .array(let subcommands)? = command["subcommands"] { queue += subcommands }
        }
        return found
    }

    @Test func everySubcommandItsAbstractDiscussionAndEveryOptionAndItsHelpAreOnThePage() throws {
        let page = try Self.pageText()
        let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let commands = try Self.commands()
        #expect(commands.count >= 10)
        for command in commands {
            guard case .string(let name)? = command["commandName"] else { continue }
            for key in ["abstract", "discussion"] {
                if case .string(let text)? = command[key] {
                    #expect(page.contains(words(text)), "\(name) \(key) is not on the page as --help says it: regenerate docs/switchboard.1")
                }
            }
            guard case .array(let arguments)? = command["arguments"] else { continue }
            for argument in arguments {
                if case .array(let names)? = argument["names"] {
                    for case .object(let pairs) in names where pairs.contains(where: { $0.0 == "kind" && $0.1 == .string("long") }) {
                        if case .string(let long)? = JSONValue.object(pairs)["name"] {
                            // mdoc writes `--rules` as `Fl -rules`, and `-o/--output` as `Fl o , -output`.
                            #expect(page.contains("Fl -\(long)") || page.contains(", -\(long)"), "\(name) --\(long) is not on the page")
                        }
                    }
                }
                if case .string(let help)? = argument["abstract"] {
                    #expect(page.contains(words(help)), "\(name): '\(help)' is not on the page")
                }
            }
        }
    }

    @Test func helpTextIsASCIIWhichThePageKeeps() throws {
        // generate-manual drops characters outside ASCII ("(old → new)" became "(old  new)").
        let help = try CommandRunner.run(["--experimental-dump-help"]).stdout
        let nonASCII = help.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty)
    }

    @Test func noHelpTextIsHandBrokenIntoRaggedLines() throws {
        // A discussion's paragraphs are one line each in the source strings (joined with a
        // trailing backslash), so that --help wraps them to the terminal.
        for command in try Self.commands() {
            guard case .string(let discussion)? = command["discussion"] else { continue }
            for paragraph in discussion.components(separatedBy: "\n\n") {
                #expect(!paragraph.contains("\n"), "a hand-broken line in \(command["commandName"] ?? .null): \(paragraph)")
            }
        }
    }
}
