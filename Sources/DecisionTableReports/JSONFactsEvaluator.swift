import DecisionTable
import JSONLines

/// Evaluates a line of JSON facts into its JSON result line, bytes to bytes: what
/// `switchboard evaluate` prints for each input line.
///
/// The common line (an object of plain keys, each a fact of the tables, with integers,
/// booleans and plain strings in their domains, every fact given once) is read in one pass
/// into the evaluator's slots and its result written from pre-rendered pieces, with no
/// allocation. Every other line (escapes, unknown or missing facts, values out of domain,
/// invalid JSON, evaluation errors) is left to the caller's general path: parse, name the
/// facts, evaluate, render ``Evaluation/json``. Both give the same bytes; the fast one is only
/// faster.
package final class JSONFactsEvaluator {
    private let tables: DecisionTables
    private let evaluator: Evaluator
    /// Whether any table yields lists (collect, rule order): those lines take the general path.
    private let fastOutputs: Bool
    private let facts: [Fact]
    /// Facts by the fingerprint of their name, for finding a key's slot.
    private let factIndex: [UInt64: [Int]]
    private let outputs: [Output]
    /// Per table, the rule ids rendered as JSON strings.
    private let ruleIDs: [[[UInt8]]]
    /// `"<table>": [` per table, after the first with `, ` before it.
    private let tableKeys: [[UInt8]]
    /// Which slot each fact was given in, for this line; reset per line.
    private var seen: [Bool]

    private struct Fact {
        var name: [UInt8]
        var domain: Domain
        /// For an enumeration, each value's bytes, by encoded index.
        var values: [[UInt8]]
    }

    private struct Output {
        var table: Int
        var slot: Int
        var definition: OutputDefinition
        /// `"name": ` (with `, ` before all but the first).
        var key: [UInt8]
        /// Rendered values by encoded index, for enumerations and booleans.
        var rendered: [[UInt8]]?
    }

    package init(_ tables: DecisionTables) {
        self.tables = tables
        evaluator = tables.makeEvaluator()
        fastOutputs = !tables.tables.contains { $0.hitPolicy.yieldsLists }
        facts = tables.facts.map { input in
            let values: [[UInt8]] =
                switch input.domain {
                case .enumeration(let names): names.map { Array($0.utf8) }
                default: []
                }
            return Fact(name: Array(input.name.utf8), domain: input.domain, values: values)
        }
        var index: [UInt64: [Int]] = [:]
        for (slot, fact) in facts.enumerated() {
            index[fact.name.withUnsafeBufferPointer { JSONParser.fingerprint($0) }, default: []].append(slot)
        }
        factIndex = index
        var outputs: [Output] = []
        let slots = tables.outputSlots
        for (t, table) in tables.tables.enumerated() {
            for (o, output) in table.outputs.enumerated() {
                var key: [UInt8] = outputs.isEmpty ? [] : Array(", ".utf8)
                JSONValue.appendQuoted(output.name, to: &key)
                key += Array(": ".utf8)
                let rendered: [[UInt8]]? =
                    switch output.type {
                    case .enumeration(let names): names.map { Array(JSONValue.string($0).rendered.utf8) }
                    case .boolean: [Array("false".utf8), Array("true".utf8)]
                    default: nil
                    }
                outputs.append(Output(table: t, slot: slots[t][o], definition: output, key: key, rendered: rendered))
            }
        }
        self.outputs = outputs
        ruleIDs = tables.tables.map { table in table.rules.map { Array(JSONValue.string($0.id).rendered.utf8) } }
        tableKeys = tables.tables.enumerated().map { t, table in
            var key: [UInt8] = t == 0 ? [] : Array(", ".utf8)
            JSONValue.appendQuoted(table.name, to: &key)
            return key + Array(": [".utf8)
        }
        seen = Array(repeating: false, count: facts.count)
    }

    /// Appends the result line for one line of facts of the common form (with its newline)
    /// to `out`: what rendering ``Evaluation/json`` of the general path's evaluation writes.
    /// - Parameters:
    ///   - line: The facts, one JSON object, without its newline.
    ///   - out: Where the result line goes.
    /// - Returns: Whether the line was of the common form and evaluated; when false nothing
    ///   was appended, and the caller takes the general path, which reads, evaluates or
    ///   reports the line.
    package func appendResult(ofPlainLine line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard fastOutputs, read(line) else { return false }
        do throws(EvaluationError) {
            try evaluator.run(tables: 0..<tables.tables.count)
        } catch {
            return false
        }
        write(into: &out)
        return true
    }

    /// Reads a line of the common form into the evaluator's fact slots; false for anything
    /// else, which the general path then reads.
    private func read(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in seen.indices { seen[i] = false }
        var i = 0
        let count = line.count
        @inline(__always) func skipSpace() {
            while i < count, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D || line[i] == 0x0A { i += 1 }
        }
        skipSpace()
        guard i < count, line[i] == UInt8(ascii: "{") else { return false }
        i += 1
        skipSpace()
        var given = 0
        if i < count, line[i] == UInt8(ascii: "}") { return false }
        while true {
            guard let key = Self.plainString(line, &i),
                let candidates = factIndex[JSONParser.fingerprint(key)],
                let slot = candidates.first(where: { facts[$0].name.elementsEqual(key) }),
                !seen[slot]
            else { return false }
            skipSpace()
            guard i < count, line[i] == UInt8(ascii: ":") else { return false }
            i += 1
            skipSpace()
            guard i < count, let encoded = value(line, &i, facts[slot]) else { return false }
            evaluator.setFact(encoded, at: slot)
            seen[slot] = true
            given += 1
            skipSpace()
            guard i < count else { return false }
            if line[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                continue
            }
            guard line[i] == UInt8(ascii: "}") else { return false }
            i += 1
            skipSpace()
            return i == count && given == facts.count
        }
    }

    /// Reads a plain string at `i` (printable ASCII, no escape: its bytes are its text) and
    /// moves past it; nil for anything else.
    private static func plainString(_ line: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UnsafeBufferPointer<UInt8>? {
        guard i < line.count, line[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        var end = start
        while end < line.count, line[end] != UInt8(ascii: "\"") {
            guard line[end] >= 0x20, line[end] < 0x7F, line[end] != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        guard end < line.count else { return nil }
        i = end + 1
        return UnsafeBufferPointer(rebasing: line[start..<end])
    }

    /// Reads one value at `i` in `fact`'s domain, encoded; nil when it is not of the common
    /// form (or out of the domain, which the general path reports).
    private func value(_ line: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ fact: Fact) -> Int? {
        let count = line.count
        switch fact.domain {
        case .integer:
            // -?(0|[1-9][0-9]*), no fraction or exponent; "-0" and overflow take the general path.
            var negative = false
            if line[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            }
            guard i < count, line[i] >= 0x30, line[i] <= 0x39 else { return nil }
            if line[i] == 0x30 {
                i += 1
                if negative { return nil }
                if i < count,
                    line[i] == UInt8(ascii: ".") || line[i] == UInt8(ascii: "e") || line[i] == UInt8(ascii: "E")
                        || (line[i] >= 0x30 && line[i] <= 0x39)
                {
                    return nil
                }
                return fact.domain.integerBounds.contains(0) ? 0 : nil
            }
            // Accumulated negated, as Int.min has no positive counterpart; a number beyond Int
            // is left to the general path, which reports it.
            var number = 0
            while i < count, line[i] >= 0x30, line[i] <= 0x39 {
                let (times10, overflow) = number.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times10.subtractingReportingOverflow(Int(line[i] - 0x30))
                guard !overflow, !overflow2 else { return nil }
                number = next
                i += 1
            }
            if i < count, line[i] == UInt8(ascii: ".") || line[i] == UInt8(ascii: "e") || line[i] == UInt8(ascii: "E") { return nil }
            if !negative {
                guard number != Int.min else { return nil }
                number = -number
            }
            return fact.domain.integerBounds.contains(number) ? number : nil
        case .boolean:
            if line[i] == UInt8(ascii: "t"), i + 4 <= count, line[i + 1] == UInt8(ascii: "r"), line[i + 2] == UInt8(ascii: "u"),
                line[i + 3] == UInt8(ascii: "e")
            {
                i += 4
                return 1
            }
            if line[i] == UInt8(ascii: "f"), i + 5 <= count, line[i + 1] == UInt8(ascii: "a"), line[i + 2] == UInt8(ascii: "l"),
                line[i + 3] == UInt8(ascii: "s"), line[i + 4] == UInt8(ascii: "e")
            {
                i += 5
                return 0
            }
            return nil
        case .enumeration:
            guard let text = Self.plainString(line, &i) else { return nil }
            return fact.values.firstIndex { $0.elementsEqual(text) }
        @unknown default:
            // A kind of domain this reader does not know: the general path reads it.
            return nil
        }
    }

    /// Writes the evaluator's result as ``Evaluation/json`` renders it, and a newline.
    private func write(into out: inout [UInt8]) {
        JSONValue.append("{\"outputs\": {", to: &out)
        for output in outputs {
            out.append(contentsOf: output.key)
            let encoded = evaluator.encodedOutput(output.slot)
            if let rendered = output.rendered {
                out.append(contentsOf: rendered[encoded])
            } else if case .integer = output.definition.type {
                JSONValue.append(encoded, to: &out)
            } else {
                JSONValue(tables.decode(encoded, output: output.definition)).render(into: &out)
            }
        }
        JSONValue.append("}, \"rules\": {", to: &out)
        for t in tableKeys.indices {
            out.append(contentsOf: tableKeys[t])
            for (k, rule) in evaluator.winners(ofTable: t).enumerated() {
                if k > 0 { JSONValue.append(", ", to: &out) }
                out.append(contentsOf: ruleIDs[t][Int(rule)])
            }
            out.append(UInt8(ascii: "]"))
        }
        JSONValue.append("}}\n", to: &out)
    }
}
