import Foundation
import Testing

/// `switchboard evaluate` on a top-level JSON array of facts: one record per item, read an
/// item at a time, with the item's number and position in every error record.
@Suite struct EvaluateArrayCommandTests {
    static let rules = "Examples/contact.yaml"
    static let facts = [
        #"{"contact_matches": 1, "kind": "call", "contact_projects": 1, "log_on_all_projects": false}"#,
        #"{"contact_matches": 0, "kind": "message", "contact_projects": 0, "log_on_all_projects": true}"#,
        #"{"contact_matches": 2, "kind": "call", "contact_projects": 5, "log_on_all_projects": true}"#,
    ]

    /// What the command prints for each of `facts` alone.
    static func alone(_ facts: [String]) throws -> [String] {
        try facts.map { try CommandRunner.run(["evaluate", "--rules", rules, "--facts", $0]).lines.joined() }
    }

    @Test func anArrayOnOneLineGivesOneRecordPerItem() throws {
        let result = try CommandRunner.run(
            ["evaluate", "--rules", Self.rules, "-"], stdin: "[" + Self.facts.joined(separator: ", ") + "]\n")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.lines == (try Self.alone(Self.facts)))
    }

    @Test func aPrettyPrintedArrayGivesOneRecordPerItemAndTheLinesAfterItGoOn() throws {
        let input = "[\n  " + Self.facts.joined(separator: ",\n  ") + "\n]\n" + Self.facts[0] + "\n"
        let result = try CommandRunner.run(["evaluate", "--rules", Self.rules, "-"], stdin: input)
        #expect(result.status == 0)
        #expect(result.lines == (try Self.alone(Self.facts + [Self.facts[0]])))
    }

    @Test func aBadItemIsAnErrorRecordNamingItsItemLineAndColumnAndTheArrayGoesOn() throws {
        let file = try CommandRunner.temporaryFile(
            """
            [
              \(Self.facts[0]),
              {"contact_matches": 1, "kind": "fax", "contact_projects": 1, "log_on_all_projects": false},
                7, \(Self.facts[1]),
              {"contact_matches": 1}
            ]

            """)
        let result = try CommandRunner.run(["evaluate", "--rules", Self.rules, file])
        #expect(result.status == 1)
        let expected = try Self.alone([Self.facts[0]])
        #expect(
            result.lines == [
                expected[0],
                #"{"file": "\#(file)", "line": 3, "column": 3, "item": 2, "error": "fact 'kind': 'fax' is not one of call, message"}"#,
                #"{"file": "\#(file)", "line": 4, "column": 5, "item": 3, "error": "expected a JSON object of facts, found a number"}"#,
                try Self.alone([Self.facts[1]])[0],
                #"{"file": "\#(file)", "line": 5, "column": 3, "item": 5, "error": "missing fact 'kind' (one of call, message); missing fact 'contact_projects' (an integer >= 0); missing fact 'log_on_all_projects' (true or false)"}"#,
            ])
    }

    @Test func aSyntaxErrorInsideAnArrayEndsItAfterTheItemsBeforeIt() throws {
        let input = """
            [\(Self.facts[0]),
             \(Self.facts[1]),,
             \(Self.facts[2])]
            \(Self.facts[2])

            """
        let result = try CommandRunner.run(["evaluate", "--rules", Self.rules, "-"], stdin: input)
        #expect(result.status == 1)
        let column = Self.facts[1].utf8.count + 3
        #expect(
            result.lines == [
                try Self.alone([Self.facts[0]])[0],
                try Self.alone([Self.facts[1]])[0],
                #"{"file": "<stdin>", "line": 2, "column": \#(column), "error": "invalid JSON: expected a value, found ','"}"#,
                try Self.alone([Self.facts[2]])[0],
            ])
    }

    @Test func explainLabelsEachItem() throws {
        let result = try CommandRunner.run(
            ["evaluate", "--rules", Self.rules, "--explain", "-"], stdin: "[" + Self.facts[0] + ",\n 3]\n")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("<stdin>:1:2 (item 1):\n"))
        #expect(result.stdout.contains("\n<stdin>:2:2 (item 2):\nerror: expected a JSON object of facts, found a number\n"))
    }

    /// An array longer than the block the input is read in (1 MiB) is read across blocks:
    /// every item gives its record, in order.
    @Test func anArrayLongerThanABlockGivesEveryRecordInOrder() throws {
        let items = (0..<12_000).map { Self.facts[$0 % 3] }
        let result = try CommandRunner.run(
            ["evaluate", "--rules", Self.rules, "-"], stdin: "[" + items.joined(separator: ", ") + "]\n")
        #expect(result.status == 0)
        let records = try Self.alone(Self.facts)
        #expect(result.lines.count == items.count)
        #expect(result.lines == (0..<items.count).map { records[$0 % 3] })
    }
}
