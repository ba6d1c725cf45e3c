import DecisionTable
import JSONLines

/// Evaluates a line of JSON facts into its JSON result line, bytes to bytes: what
/// `switchboard evaluate` prints for each input line.
///
/// The common line (an object of plain keys, each a fact of the tables, with integers,
/// booleans and plain strings in their domains, every fact given once) is read in one pass
/// into the evaluator's slots, and its result line is assembled from pieces rendered once:
/// a table whose rule decides its outputs alone (every policy but the `collect`
/// aggregations) has the same outputs and rule list whenever that rule wins, so each
/// table's piece for a winner is rendered the first time it wins and copied after that.
/// Once every winner has been seen, a line allocates nothing, unless a table aggregates (its
/// sums are rendered on every line). The pieces are bounded: one per rule and one for the
/// defaults, per table. Every other line
/// (escapes, unknown or missing facts, values out of domain, invalid JSON, evaluation
/// errors) is left to the caller's general path: parse, name the facts, evaluate, render
/// ``Evaluation/json``. Both give the same bytes; the fast one is only faster.
///
/// Not safe to share between threads: it owns the evaluator and its scratch memory.
package final class JSONFactsEvaluator {
    let tables: DecisionTables
    let evaluator: Evaluator
    /// Whether lines may take this path at all: not when a table yields lists (collect,
    /// rule order, output order) or folds number outputs, which the general path renders.
    let fastOutputs: Bool

    // Reading (see JSONFactsEvaluator+Reading.swift).

    /// Each fact's name and domain, by slot, as plain values pointing into ``text``.
    let facts: [FactKey]
    /// `facts.count`, read on every line.
    let factCount: Int
    /// The fact names and the enumeration values, one after another.
    let text: UnsafeMutablePointer<UInt8>
    /// Where each enumeration value is in ``text``; a fact's values are consecutive.
    let valueRanges: [Range<Int>]
    /// Whether each enumeration value is plain (see `LineCursor.isPlain(_:)`): only those
    /// are compared with the line's bytes.
    let plainValues: [Bool]
    /// Facts by the fingerprint of their name, for a key that is not where it was expected.
    let factIndex: [UInt64: [Int]]
    /// The slot of each key position on the last line read: lines of one input give their
    /// keys in one order, so the next line's key is first compared with that fact's name.
    let expectedOrder: UnsafeMutablePointer<Int>
    /// The number of the line on which each slot was last given, to find a fact given twice.
    let givenOnLine: UnsafeMutablePointer<Int>
    /// The number of lines read so far.
    let linesRead: UnsafeMutablePointer<Int>

    // Writing (see JSONFactsEvaluator+Writing.swift).

    /// Every output, in table order then declared order, with what renders it.
    let outputs: [OutputRendering]
    /// Each table's outputs in ``outputs``.
    let tableOutputs: [Range<Int>]
    /// Per table, the rule ids rendered as JSON strings.
    let ruleIDs: [[[UInt8]]]
    /// Per table, what comes before its rule list: `}, "rules": {` for the first table, `, `
    /// for the others, then `"<table>": [`.
    let tableKeys: [[UInt8]]
    /// Whether the table's outputs and rule list are decided by its winner alone (or its
    /// defaults), so that its piece is rendered once per winner.
    let decidedByWinner: [Bool]
    /// Per table, the index of its first piece (its defaults'); then one per rule.
    let pieceBase: [Int]
    /// Per piece, three offsets in ``pieces``: the start of its outputs, the start of its
    /// rule list, its end; the start is -1 until the piece is rendered.
    let pieceBounds: UnsafeMutablePointer<Int>
    /// The rendered pieces, one after another, then this line's parts of the tables
    /// rendered per line.
    @exclusivity(unchecked) var pieces: [UInt8] = []
    /// For the line being written, each table's part as ``pieceBounds`` gives a piece's.
    let lineParts: UnsafeMutablePointer<Int>
    /// Where the line is assembled before it is appended to the output in one copy.
    @exclusivity(unchecked) var line: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var lineCapacity: Int

    /// A fact's name and domain, as plain values.
    struct FactKey {
        enum Kind { case integer, boolean, enumeration }
        var kind: Kind
        /// The name's bytes in ``JSONFactsEvaluator/text``.
        var name: Range<Int>
        /// Whether the name is plain, so that its key can be compared with the line's bytes.
        var plainName: Bool
        /// For an integer, its bounds (for a boolean or enumeration, the encoded range).
        var low: Int
        var high: Int
        /// For an enumeration, its values in ``JSONFactsEvaluator/valueRanges``, by encoded
        /// index.
        var values: Range<Int>
    }

    /// One output and the bytes that write it.
    struct OutputRendering {
        var slot: Int
        var definition: OutputDefinition
        /// `"name": `, with `, ` before all but the first output of the line, and
        /// `{"outputs": {` before that.
        var key: [UInt8]
        /// Rendered values by encoded index, for enumerations and booleans.
        var rendered: [[UInt8]]?
    }

    package init(_ tables: DecisionTables) {
        self.tables = tables
        evaluator = tables.makeEvaluator()
        fastOutputs =
            !tables.tables.isEmpty
            && !tables.tables.contains { table in
                if table.hitPolicy.yieldsLists { return true }
                guard case .collect(_?) = table.hitPolicy else { return false }
                return table.outputs.contains { $0.type == .number }
            }

        var text: [UInt8] = []
        var valueRanges: [Range<Int>] = []
        var facts: [FactKey] = []
        var index: [UInt64: [Int]] = [:]
        for (slot, input) in tables.facts.enumerated() {
            let nameStart = text.count
            text += input.name.utf8
            let name = nameStart..<text.count
            let bounds = input.domain.integerBounds
            let kind: FactKey.Kind
            let valuesStart = valueRanges.count
            switch input.domain {
            case .integer: kind = .integer
            case .boolean: kind = .boolean
            case .enumeration(let names):
                kind = .enumeration
                for value in names {
                    let start = text.count
                    text += value.utf8
                    valueRanges.append(start..<text.count)
                }
            }
            facts.append(
                FactKey(
                    kind: kind, name: name, plainName: input.name.utf8.allSatisfy(LineCursor.isPlain), low: bounds.lowerBound,
                    high: bounds.upperBound, values: valuesStart..<valueRanges.count))
            let fingerprint = text.withUnsafeBufferPointer { JSONParser.fingerprint(UnsafeBufferPointer(rebasing: $0[name])) }
            index[fingerprint, default: []].append(slot)
        }
        self.text = .allocate(capacity: max(1, text.count))
        self.text.initialize(from: text, count: text.count)
        self.valueRanges = valueRanges
        plainValues = valueRanges.map { range in text[range].allSatisfy(LineCursor.isPlain) }
        self.facts = facts
        factCount = facts.count
        factIndex = index
        expectedOrder = .allocate(capacity: max(1, facts.count))
        expectedOrder.initialize(from: Array(0..<max(1, facts.count)), count: max(1, facts.count))
        givenOnLine = .allocate(capacity: max(1, facts.count))
        givenOnLine.initialize(repeating: 0, count: max(1, facts.count))
        linesRead = .allocate(capacity: 1)
        linesRead.initialize(to: 0)

        var outputs: [OutputRendering] = []
        var tableOutputs: [Range<Int>] = []
        let slots = tables.outputSlots
        for (t, table) in tables.tables.enumerated() {
            let first = outputs.count
            for (o, output) in table.outputs.enumerated() {
                var key: [UInt8] = outputs.isEmpty ? Array(#"{"outputs": {"#.utf8) : Array(", ".utf8)
                JSONValue.appendQuoted(output.name, to: &key)
                key += Array(": ".utf8)
                let rendered: [[UInt8]]? =
                    switch output.type {
                    case .enumeration(let names): names.map { Array(JSONValue.string($0).rendered.utf8) }
                    case .boolean: [Array("false".utf8), Array("true".utf8)]
                    default: nil
                    }
                outputs.append(OutputRendering(slot: slots[t][o], definition: output, key: key, rendered: rendered))
            }
            tableOutputs.append(first..<outputs.count)
        }
        self.outputs = outputs
        self.tableOutputs = tableOutputs
        // Quoted straight into bytes: through `JSONValue.rendered`, each of a 10,000-rule
        // table's ids cost a string made and decoded again (1,200 instructions an id).
        ruleIDs = tables.tables.map { table in
            table.rules.map { rule in
                var id: [UInt8] = []
                JSONValue.appendQuoted(rule.id, to: &id)
                return id
            }
        }
        tableKeys = tables.tables.enumerated().map { t, table in
            // A line whose tables have no outputs still opens and closes its outputs.
            var key: [UInt8] = t == 0 ? Array((outputs.isEmpty ? #"{"outputs": {"# : "").utf8) + Array(#"}, "rules": {"#.utf8) : Array(", ".utf8)
            JSONValue.appendQuoted(table.name, to: &key)
            return key + Array(": [".utf8)
        }
        decidedByWinner = tables.tables.map { table in
            if case .collect = table.hitPolicy { return false }
            return !table.hitPolicy.yieldsLists
        }
        var base = 0
        pieceBase = tables.tables.map { table in
            defer { base += 1 + table.rules.count }
            return base
        }
        pieceBounds = .allocate(capacity: 3 * max(1, base))
        pieceBounds.initialize(repeating: -1, count: 3 * max(1, base))
        lineParts = .allocate(capacity: 3 * max(1, tables.tables.count))
        lineParts.initialize(repeating: 0, count: 3 * max(1, tables.tables.count))
        lineCapacity = 1 << 10
        line = .allocate(capacity: lineCapacity)
    }

    deinit {
        text.deallocate()
        expectedOrder.deallocate()
        givenOnLine.deallocate()
        linesRead.deallocate()
        pieceBounds.deallocate()
        lineParts.deallocate()
        line.deallocate()
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
}
