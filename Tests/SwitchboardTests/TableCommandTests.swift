import Foundation
import Testing

/// `switchboard table`: the rules as documentation, and the README's copy of it.
@Suite struct TableCommandTests {
    @Test func theReadmeCarriesTheCurrentTableOfTheShippedRules() throws {
        let result = try CommandRunner.run(["table", "--rules", "rules/interaction-logging.yaml"])
        #expect(result.status == 0)
        let readme = try String(contentsOf: CommandRunner.packageRoot.appending(path: "README.md"), encoding: .utf8)
        let begin = "<!-- switchboard table --rules rules/interaction-logging.yaml: begin -->\n"
        let end = "<!-- switchboard table --rules rules/interaction-logging.yaml: end -->"
        let start = try #require(readme.range(of: begin), "the README has no generated table")
        let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
        let copy = String(readme[start.upperBound..<stop.lowerBound])
        #expect(
            copy == result.stdout,
            "README.md is out of date: paste the output of `swift run switchboard table --rules rules/interaction-logging.yaml` between the markers")
    }

    @Test func rowsReadLikeTheArticle() throws {
        let result = try CommandRunner.run(["table", "--rules", "rules/interaction-logging.yaml"])
        #expect(result.stdout.contains("| matched | any | no | 2 or more | OFF | any | choose | `multiple-projects-off` | Table, row 5:"))
        #expect(result.stdout.contains("| 2 or more | choose | `shared-number` |"))
    }

    @Test func htmlIsAStandalonePage() throws {
        let result = try CommandRunner.run(["table", "--format", "html", "--rules", "Examples/contact.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(result.stdout.contains("<title>contact.yaml</title>"))
        #expect(result.stdout.contains("<td class=\"rule\"><code>shared-number</code></td>"))
        #expect(result.stdout.hasSuffix("</html>\n"))
    }

    @Test func invalidRulesExit1() throws {
        let rules = try CommandRunner.temporaryFile("tables: []\n")
        let result = try CommandRunner.run(["table", "--rules", rules])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error:"))
    }
}
