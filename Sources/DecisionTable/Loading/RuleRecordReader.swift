import Diagnostics
import YAMLLoading

/// Reads valid rules from the document's records, without making nodes or reporting.
///
/// A table's rules are most of a large file: read as nodes, each cell costs a node, a string
/// and a location, made and then freed. This reads a rule written the usual way (a mapping of
/// `id`, `description`, `when` and `then`; cells that are a value, `-` or a list of values)
/// straight from the records, and gives exactly what ``RuleDecoder`` gives for it from nodes.
/// Anything else (a problem to report, `{not: X}`, a number or free string column, a table
/// with a column already in error) gives nil, and the rule is read as nodes, which reports.
///
/// A class: its state is read for every cell, and a struct would be copied (and its arrays
/// retained) whenever a method both reads it and updates one of its lookups.
final class RuleRecordReader {
    let decoder: RuleDecoder
    let document: YAMLDocument
    private var ruleKeys = KeyLookup(RuleDecoder.ruleKeys)
    private var inputs: KeyLookup
    private var outputs: KeyLookup
    /// The cell of each input and output of the rule being read (its record, or -1), kept
    /// from rule to rule rather than made for each.
    private var inputCells: [Int]
    private var outputCells: [Int]
    /// Each input column's list cells read so far.
    private var lists: [ListCells]
    /// Each output's default, or nil.
    private let defaults: [Value?]

    init(_ decoder: RuleDecoder, document: YAMLDocument) {
        self.decoder = decoder
        self.document = document
        inputs = KeyLookup(decoder.inputNames)
        outputs = KeyLookup(decoder.outputNames)
        inputCells = decoder.inputNames.map { _ in -1 }
        outputCells = decoder.outputNames.map { _ in -1 }
        lists = decoder.inputNames.map { _ in ListCells() }
        defaults = decoder.table.outputs.map(\.defaultValue)
    }

    /// The rule at record `index`; nil when it is not valid or not written the usual way.
    func rule(at index: Int) -> RuleDefinition? {
        // A column in error changes what its cells mean (they are not checked): rare, and read
        // as nodes.
        guard decoder.unchecked.isEmpty, document.kind(index) == .mapping else { return nil }
        return document.bytes.withUnsafeBufferPointer { bytes in rule(at: index, bytes: bytes) }
    }

    private func rule(at index: Int, bytes: UnsafeBufferPointer<UInt8>) -> RuleDefinition? {
        var (id, description, when, then) = (-1, -1, -1, -1)
        var key = index + 1
        for _ in 0..<document.childCount(index) / 2 {
            let value = document.next(after: key)
            switch ruleKeys.index(ofUTF8: UnsafeBufferPointer(rebasing: bytes[document.range(key)])) {
            case 0: id = value
            case 1: description = value
            case 2: when = value
            case 3: then = value
            default: return nil
            }
            key = document.next(after: value)
        }
        guard id >= 0, document.kind(id) == .scalar, !document.isNull(id) else { return nil }
        let ruleID = document.text(id)
        guard Names.isValid(ruleID) else { return nil }
        var ruleDescription: String?
        if description >= 0 {
            guard document.kind(description) == .scalar, !document.isNull(description) else { return nil }
            ruleDescription = document.text(description)
        }
        let location = document.location(index)
        guard cells(when, &inputCells, lookup: &inputs, bytes: bytes),
            let conditions = conditions(at: location, bytes: bytes),
            cells(then, &outputCells, lookup: &outputs, bytes: bytes),
            let outputs = values(then, at: location, bytes: bytes)
        else { return nil }
        return RuleDefinition(
            id: ruleID, description: ruleDescription, location: location,
            conditions: conditions, outputs: outputs.written, values: outputs.values,
            outputLocations: outputs.locations)
    }

    /// Finds the cells of a `when` or `then` mapping (record `section`, or -1 when absent) by
    /// column; false when it is not a mapping or names no column.
    private func cells(
        _ section: Int, _ cells: inout [Int], lookup: inout KeyLookup, bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        for i in cells.indices { cells[i] = -1 }
        guard section >= 0, !document.isNull(section) else { return true }
        guard document.kind(section) == .mapping else { return false }
        var key = section + 1
        for _ in 0..<document.childCount(section) / 2 {
            guard let column = lookup.index(ofUTF8: UnsafeBufferPointer(rebasing: bytes[document.range(key)])) else {
                return false
            }
            cells[column] = document.next(after: key)
            key = document.next(after: cells[column])
        }
        return true
    }

    /// The rule's conditions from ``inputCells``; an omitted cell matches anything.
    private func conditions(at ruleLocation: SourceLocation, bytes: UnsafeBufferPointer<UInt8>) -> [Condition]? {
        // The class's arrays are taken for the rule and put back: each access to a class's
        // stored property is checked for exclusivity at run time, once per cell otherwise.
        // Nothing called below reaches the reader, so nothing sees `self.lists` empty.
        let inputCells = self.inputCells
        var lists: [ListCells] = []
        swap(&lists, &self.lists)
        defer { swap(&lists, &self.lists) }
        var conditions: [Condition] = []
        conditions.reserveCapacity(inputCells.count)
        for (column, parser) in decoder.conditionParsers.enumerated() {
            if inputCells[column] >= 0 {
                guard
                    parser.appendCondition(
                        atRecord: inputCells[column], in: document, bytes: bytes, to: &conditions,
                        lists: &lists[column])
                else { return nil }
            } else {
                conditions.append(parser.wildcard(at: ruleLocation))
            }
        }
        return conditions
    }

    /// The rule's outputs from ``outputCells``: the values written, each output's value (its
    /// default where none is written) and where each comes from.
    private func values(
        _ section: Int, at ruleLocation: SourceLocation, bytes: UnsafeBufferPointer<UInt8>
    ) -> (written: [Value?], values: [Value], locations: [SourceLocation])? {
        var written: [Value?] = []
        var values: [Value] = []
        var locations: [SourceLocation] = []
        written.reserveCapacity(outputCells.count)
        values.reserveCapacity(outputCells.count)
        locations.reserveCapacity(outputCells.count)
        for column in outputCells.indices {
            let cell = outputCells[column]
            if cell >= 0 {
                guard let value = decoder.outputParsers[column].value(atRecord: cell, in: document, bytes: bytes)
                else { return nil }
                written.append(value)
                values.append(value)
                locations.append(document.location(cell))
            } else if let value = defaults[column] {
                written.append(nil)
                values.append(value)
                // A default comes from the `then` mapping, or the rule when it has none.
                locations.append(section >= 0 ? document.location(section) : ruleLocation)
            } else {
                return nil
            }
        }
        return (written, values, locations)
    }
}
