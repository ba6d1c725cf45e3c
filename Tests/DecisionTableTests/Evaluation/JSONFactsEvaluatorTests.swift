import DecisionTable
import DecisionTableReports
import Foundation
import JSONLines
import Testing
import _DecisionTableTestSupport

/// The byte-to-byte evaluator of `switchboard evaluate` writes exactly what the general path
/// writes (parse, name the facts, evaluate, render), for lines of the common form and for
/// every variation that must leave it.
@Suite struct JSONFactsEvaluatorTests {
    /// What the general path writes for a line: the result, or the error record.
    static func reference(_ line: String, _ tables: DecisionTables) -> String {
        do {
            let json: JSONValue
            do { json = try JSONParser.parse(line) } catch {
                return JSONValue.object([("error", .string("invalid JSON at \(error)"))]).rendered + "\n"
            }
            return try tables.evaluate(tables.facts(fromJSON: json)).json.rendered + "\n"
        } catch {
            return JSONValue.object([("error", .string("\(error)"))]).rendered + "\n"
        }
    }

    /// What the fast path writes for a line, or the general path's record when it leaves it,
    /// and whether the fast path took it.
    static func fast(_ line: String, _ evaluator: JSONFactsEvaluator, _ tables: DecisionTables) -> (String, Bool) {
        var out: [UInt8] = []
        let handled = Array(line.utf8).withUnsafeBufferPointer { evaluator.appendResult(ofPlainLine: $0, into: &out) }
        #expect(handled || out.isEmpty, "a line left to the general path must leave nothing behind")
        return (handled ? String(decoding: out, as: UTF8.self) : reference(line, tables), handled)
    }

    /// Lines for `facts`: the plain form, its keys shuffled, and variations that the fast
    /// reader must hand to the general path (or read alike).
    static func lines(_ facts: [String: Value], using generator: inout SeededGenerator) -> [String] {
        var pairs = facts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }
        let plain = JSONValue.object(pairs).rendered
        pairs.shuffle(using: &generator)
        let shuffled = JSONValue.object(pairs).rendered
        var lines = [
            plain, shuffled, " \t" + shuffled + " \r",
            shuffled.replacingOccurrences(of: ", ", with: ",")
                .replacingOccurrences(of: ": ", with: ":"),
        ]
        if let (name, value) = pairs.first {
            lines.append(JSONValue.object(Array(pairs.dropFirst())).rendered)  // missing
            lines.append(JSONValue.object(pairs + [(name, value)]).rendered)  // given twice
            lines.append(JSONValue.object(pairs + [("unknown_fact", .integer(1))]).rendered)
            lines.append(JSONValue.object([(name, .null)] + pairs.dropFirst()).rendered)
            lines.append(JSONValue.object([(name, .string("no-such-value"))] + pairs.dropFirst()).rendered)
            let escaped = name.unicodeScalars.first.map { String(format: "\\u%04x", $0.value) + name.dropFirst() } ?? name
            lines.append(shuffled.replacingOccurrences(of: "\"\(name)\"", with: "\"\(escaped)\""))
            switch value {
            case .integer(let number):
                for text in ["\(number).0", "\(number)e0", "-0", "01", "99999999999999999999", "\(Int.max)", "\(Int.min)"] {
                    lines.append(plain.replacingOccurrences(of: "\"\(name)\": \(number)", with: "\"\(name)\": \(text)"))
                }
            case .bool(let flag):
                lines.append(plain.replacingOccurrences(of: "\"\(name)\": \(flag)", with: "\"\(name)\": \(flag)x"))
                lines.append(plain.replacingOccurrences(of: "\"\(name)\": \(flag)", with: "\"\(name)\": \"\(flag)\""))
            default:
                break
            }
        }
        lines += ["", "{}", "[]", "{", shuffled + "}", shuffled + " x", "null"]
        return lines
    }

    @Test("The fast path writes what the general path writes, on random tables and facts")
    func agreesWithTheGeneralPath() throws {
        var generator = SeededGenerator(seed: 14)
        var fastLines = 0
        for seed in UInt64(0)..<150 {
            let tables = try RandomTables.rulesFile(seed: seed, maximumRules: 20).load()
            let evaluator = JSONFactsEvaluator(tables)
            let random = RandomFacts(tables)
            let lists = tables.tables.contains { $0.hitPolicy.yieldsLists }
            for _ in 0..<10 {
                for (k, line) in Self.lines(random.next(using: &generator), using: &generator).enumerated() {
                    let (written, handled) = Self.fast(line, evaluator, tables)
                    let expected = Self.reference(line, tables)
                    #expect(written == expected, "seed \(seed): \(line)")
                    // The plain line and its reorderings are the fast path's own, unless the
                    // evaluation fails or a table yields lists.
                    if k < 4, !lists, !tables.facts.isEmpty, !expected.hasPrefix(#"{"error""#) { #expect(handled, "seed \(seed): \(line)") }
                    if handled { fastLines += 1 }
                }
            }
        }
        #expect(fastLines > 1_000)
    }

    @Test("The examples' facts", arguments: ["Examples/contact.yaml"])
    func examples(path: String) throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let tables = try DecisionTables(contentsOf: root.appending(path: path))
        let evaluator = JSONFactsEvaluator(tables)
        let facts = try String(contentsOf: root.appending(path: "Examples/facts.jsonl"), encoding: .utf8)
        for line in facts.split(separator: "\n").map(String.init) {
            let (written, handled) = Self.fast(line, evaluator, tables)
            #expect(written == Self.reference(line, tables))
            #expect(handled == !written.hasPrefix(#"{"error""#), "\(line)")
        }
    }

    /// Tables whose values need escapes or are not ASCII (names are always plain), with a
    /// `collect` sum.
    static let unusual = #"""
        tables:
          - name: cafe
            hit: first
            inputs:
              - { name: kind, values: ["cr\u00e8me", plain, "a\\b", "q\"uote"] }
              - { name: n, type: integer, min: -5, max: 5 }
            outputs:
              - { name: label, values: ["d\u00e9j\u00e0", "q\"uote", plain] }
              - { name: note, type: string, default: "\u00e0 \"the\" end" }
            rules:
              - { id: regle, when: { kind: "cr\u00e8me" }, then: { label: "d\u00e9j\u00e0", note: "tab\there" } }
              - { id: r2, when: { n: "> 2" }, then: { label: "q\"uote" } }
              - { id: r3, when: { n: "< 3" }, then: { label: plain } }
          - name: total
            hit: {collect: sum}
            inputs:
              - { name: n, type: integer, min: -5, max: 5 }
            outputs:
              - { name: sum, type: integer, default: 0 }
            rules:
              - { id: low, when: { n: "< 0" }, then: { sum: 1 } }
              - { id: every, when: { n: "<= 5" }, then: { sum: 10 } }
              - { id: high, when: { n: "> 1" }, then: { sum: 100 } }
        """#

    /// A value with a character that JSON escapes, or outside ASCII, is never compared with
    /// a line's bytes: those lines take the general path. A `collect` sum is rendered per
    /// line, and a winner's piece, rendered once, is the same on every later line.
    @Test("Values that are not plain, sums, and repeated winners")
    func valuesSumsAndRepeatedWinners() throws {
        let tables = try DecisionTables(yaml: Self.unusual)
        let evaluator = JSONFactsEvaluator(tables)
        var handledLines = 0
        let values = [#""cr\u00e8me""#, #""crème""#, #""plain""#, #""a\\b""#, #""q\"uote""#, #""pla\u0069n""#, #""plai""#, #""plainx""#]
        for round in 0..<2 {
            for value in values {
                for n in -6...6 {
                    for key in [#""kind""#, #""\u006bind""#] {
                        let line = "{\(key): \(value), \"n\": \(n)}"
                        let (written, handled) = Self.fast(line, evaluator, tables)
                        #expect(written == Self.reference(line, tables), "round \(round): \(line)")
                        if handled { handledLines += 1 }
                    }
                }
            }
        }
        // Only the plain key with the value `plain` and `n` in its range is read byte to byte.
        #expect(handledLines == 2 * 11)
    }
}
