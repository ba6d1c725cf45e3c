import Diagnostics
import YAMLLoading

/// Parses an input cell of a rule (`when`) into a ``Condition`` over the input's domain.
///
/// The cell language: `-` or an omitted input matches anything; a scalar matches that value;
/// a list matches any of its items; `{not: X}` matches anything but X. Integer columns also
/// take `">= 2"`, `"> 1"`, `"<= 3"`, `"< 3"`, `"== 2"`, `"!= 2"` and ranges `"1..5"`.
/// Every literal is checked against the domain, with a "did you mean" for near misses.
///
/// One parser reads every cell of a column: a class, so that the rule decoder's per-column
/// parsers are shared rather than copied for each cell.
final class ConditionParser {
    let input: InputDefinition
    let sink: DiagnosticSink
    /// What every cell of the column shares, made once per column rather than once per cell.
    let finiteAll: [Int]?
    let integerAll: IntervalSet?
    let bounds: IntervalSet
    /// An enumeration's values by name, for columns too long to search linearly.
    private let valueIndex: [String: Int]?
    /// `[i]` for each value of a finite domain: what a one-value cell matches and mentions.
    let singletons: [[Int]]
    /// A finite domain's values by index, as written: the text of a one-value cell spelt the
    /// same, which then needs no string of its own.
    let valueNames: [String]
    /// An enumeration's values as exact ``KeyPrint``s, when every value is short enough to
    /// have one: comparing two integers costs less than comparing two strings.
    private let shortCodes: [UInt64]?

    /// A parser for the cells of one input column.
    init(input: InputDefinition, sink: DiagnosticSink) {
        self.input = input
        self.sink = sink
        finiteAll = input.domain.finiteCount.map { Array(0..<$0) }
        singletons = (0..<min(input.domain.finiteCount ?? 0, 256)).map { [$0] }
        valueNames = (0..<(input.domain.finiteCount ?? 0)).map { input.domain.valueName($0) }
        // Bounds above one another are reported with the column; its cells then match nothing.
        if case .integer(let low, let high) = input.domain {
            bounds = (low ?? .min) <= (high ?? .max) ? IntervalSet([input.domain.integerBounds]) : .empty
            integerAll = bounds
        } else {
            bounds = .empty
            integerAll = nil
        }
        if case .enumeration(let values) = input.domain, values.count > 16 {
            valueIndex = Dictionary(values.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        } else {
            valueIndex = nil
        }
        if case .enumeration(let values) = input.domain, values.count <= 16 {
            let codes = values.compactMap(KeyPrint.exact)
            shortCodes = codes.count == values.count ? codes : nil
        } else {
            shortCodes = nil
        }
    }

    /// The condition of an omitted cell: the whole domain.
    func wildcard(at location: SourceLocation) -> Condition {
        Condition(values: finiteAll, intervals: integerAll, isWildcard: true, text: "-", location: location)
    }

    /// Parses a written cell; returns nil after reporting when it is invalid.
    func parse(_ node: YAMLNode) -> Condition? {
        if isDash(node) || node.isNull { return wildcard(at: node.location) }
        let text = CellText.render(node)
        var negated = false
        var body = node
        if case .mapping(let pairs) = node.content {
            guard pairs.count == 1, pairs[0].key == "not" else {
                let key = pairs.first(where: { $0.key != "not" })?.key ?? ""
                sink.error(
                    .invalidCondition,
                    "a condition mapping takes only 'not' (as in {not: X})"
                        + (key.isEmpty ? "" : Suggestion.clause(for: key, in: ["not"])),
                    at: pairs.first(where: { $0.key != "not" })?.keyLocation ?? node.location)
                return nil
            }
            negated = true
            body = pairs[0].value
            if case .mapping = body.content {
                sink.error(
                    .invalidCondition, "'not' takes a value or a list of values, not a mapping",
                    at: body.location)
                return nil
            }
        }
        // A cell of one value (most cells) is read as it is, without a list made around it.
        var list: [YAMLNode] = []
        if case .sequence(let items) = body.content {
            guard !items.isEmpty else {
                sink.error(
                    .emptyCondition, "an empty list matches nothing; write '-' to match anything",
                    at: body.location)
                return nil
            }
            list = items
        }
        let single = list.isEmpty ? body : nil
        if let coding = input.coding {
            return codedCondition(
                single.map { [$0] } ?? list, negated: negated, coding: coding, text: text, node: node)
        }
        switch input.domain {
        case .integer:
            var union: IntervalSet?
            var valid = true
            if let single {
                union = integerItem(single)
                valid = union != nil
            }
            for item in list {
                if let set = integerItem(item) { union = union?.union(set) ?? set } else { valid = false }
            }
            guard valid, let union else { return nil }
            let matched = (negated ? union.complement : union).intersection(bounds)
            guard !matched.isEmpty else {
                sink.error(
                    .emptyCondition,
                    "'\(text)' matches no value of '\(input.name)' (\(input.domain.summary))",
                    at: node.location)
                return nil
            }
            return Condition(values: nil, intervals: matched, isWildcard: false, text: text, location: node.location)
        case .boolean, .enumeration:
            guard let mentioned = single.map({ mentionedValue($0) }) ?? mentionedValues(list) else { return nil }
            let matched = negated ? Self.complement(of: mentioned, count: input.domain.finiteCount ?? 0) : mentioned
            guard !matched.isEmpty else {
                sink.error(
                    .emptyCondition,
                    "'\(text)' matches no value of '\(input.name)' (\(input.domain.summary))",
                    at: node.location)
                return nil
            }
            return Condition(
                values: matched, intervals: nil, isWildcard: false,
                mentioned: mentioned, text: text, location: node.location)
        }
    }

    /// The value a one-value cell of a finite column names; nil after reporting it when it is
    /// not a value of the column.
    private func mentionedValue(_ item: YAMLNode) -> [Int]? {
        guard let index = finiteItem(item) else { return nil }
        return singleton(index)
    }

    /// What a one-value cell naming value `index` matches and mentions: shared by every such
    /// cell of the column for the first 256 values.
    func singleton(_ index: Int) -> [Int] {
        index < singletons.count ? singletons[index] : [index]
    }

    /// The values a cell of a finite column names, sorted, each once; nil after reporting
    /// any that is not a value of the column.
    private func mentionedValues(_ items: [YAMLNode]) -> [Int]? {
        if items.count == 1 { return mentionedValue(items[0]) }
        var chosen: [Int] = []
        chosen.reserveCapacity(items.count)
        var valid = true
        for item in items {
            if let index = finiteItem(item) { chosen.append(index) } else { valid = false }
        }
        return valid ? Self.sortedUnique(chosen) : nil
    }

    /// The indices sorted, each once (a cell names one to a few values: those are sorted by
    /// insertion, in place).
    static func sortedUnique(_ indices: consuming [Int]) -> [Int] {
        var sorted = indices
        sortUnique(&sorted)
        return sorted
    }

    /// Sorts the indices in place and keeps each once. In place: a cell's own list is
    /// uniquely held, and a copy of it would be an allocation per cell.
    static func sortUnique(_ sorted: inout [Int]) {
        guard sorted.count > 1 else { return }
        if sorted.count > 16 { sorted.sort() }
        for i in 1..<sorted.count {
            let index = sorted[i]
            var j = i
            while j > 0, sorted[j - 1] > index {
                sorted[j] = sorted[j - 1]
                j -= 1
            }
            sorted[j] = index
        }
        var kept = 1
        for i in 1..<sorted.count where sorted[i] != sorted[kept - 1] {
            sorted[kept] = sorted[i]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
    }

    /// The indices below `count` that are not in `sorted`.
    private static func complement(of sorted: [Int], count: Int) -> [Int] {
        var result: [Int] = []
        var next = 0
        for index in 0..<count {
            while next < sorted.count, sorted[next] < index { next += 1 }
            if next < sorted.count, sorted[next] == index { continue }
            result.append(index)
        }
        return result
    }

    /// A cell of a number or free string column, over the column's codes.
    private func codedCondition(
        _ items: [YAMLNode], negated: Bool, coding: ColumnCoding, text: String, node: YAMLNode
    ) -> Condition? {
        var texts: [String] = []
        for item in items {
            guard case .scalar(let raw, _) = item.content, !item.isNull else {
                sink.error(
                    .invalidCondition,
                    "expected a value of '\(input.name)' (\(input.domainSummary)), found \(item.kindDescription)",
                    at: item.location)
                return nil
            }
            texts.append(raw)
        }
        switch coding {
        case .numbers(let line):
            var union = IntervalSet.empty
            for (item, raw) in zip(items, texts) {
                guard let intervals = NumberCellSyntax.parse(raw) else {
                    sink.error(
                        .typeMismatch,
                        "'\(input.name)' is a number: expected a number, a comparison like \">= 18\" or a range"
                            + " like \"[1..5]\" or \"(1..5)\", found '\(raw.trimmingSpaces)'",
                        at: item.location)
                    return nil
                }
                if intervals.allSatisfy(\.isEmpty) {
                    sink.error(.invalidCondition, "the range '\(raw.trimmingSpaces)' is empty", at: item.location)
                    return nil
                }
                union = union.union(line.codes(of: intervals))
            }
            let matched = (negated ? union.complement : union).intersection(bounds)
            guard !matched.isEmpty else {
                sink.error(
                    .emptyCondition, "'\(text)' matches no value of '\(input.name)' (\(input.domainSummary))",
                    at: node.location)
                return nil
            }
            return Condition(values: nil, intervals: matched, isWildcard: false, text: text, location: node.location)
        case .strings(let strings):
            let chosen = Set(texts.map { strings.index(of: $0) })
            let all = Set(0..<strings.values.count)
            let matched = negated ? all.subtracting(chosen) : chosen
            return Condition(
                values: matched.sorted(), intervals: nil, isWildcard: false,
                mentioned: chosen.sorted(), text: text, location: node.location)
        }
    }

    /// Whether a cell is `-`, spaces around it or not.
    private func isDash(_ node: YAMLNode) -> Bool {
        guard case .scalar(var text, _) = node.content else { return false }
        return text.withUTF8 { Self.isDash($0) }
    }

    /// Whether a scalar's text is `-`, spaces around it or not.
    static func isDash(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var dashes = 0
        for byte in text {
            if byte == UInt8(ascii: "-") {
                dashes += 1
            } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") {
                return false
            }
        }
        return dashes == 1
    }

    /// One value of an enumeration or boolean column, as its interned index.
    private func finiteItem(_ node: YAMLNode) -> Int? {
        guard case .scalar(let text, let quoted) = node.content else {
            sink.error(
                .invalidCondition,
                "expected a value of '\(input.name)' (\(input.domain.summary)), found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        switch input.domain {
        case .boolean:
            if let value = Literals.boolean(node) { return value ? 1 : 0 }
            let hint = Literals.booleanSuggestion(text).map { "; did you mean \($0)?" } ?? ""
            sink.error(
                .typeMismatch,
                "'\(input.name)' is a boolean: expected true or false, found "
                    + (quoted ? "the string \"\(text)\"" : "'\(text)'") + hint,
                at: node.location)
            return nil
        case .enumeration(let values):
            if let index = enumerationIndex(of: text) { return index }
            sink.error(
                .unknownValue,
                "'\(text)' is not a value of '\(input.name)' (\(input.domain.summary))"
                    + Suggestion.clause(for: text, in: values),
                at: node.location)
            return nil
        case .integer:
            return nil
        }
    }

    /// The index of an enumeration column's value, or nil.
    func enumerationIndex(of text: String) -> Int? {
        if let shortCodes, let code = KeyPrint.exact(text), let index = shortCodes.firstIndex(of: code) { return index }
        guard case .enumeration(let values) = input.domain else { return nil }
        return valueIndex?[text] ?? values.firstIndex(of: text)
    }

    /// The index of an enumeration column's value, from its UTF-8 bytes, and whether the bytes
    /// are the value's own; nil when they spell no value.
    func enumerationValue(utf8 text: UnsafeBufferPointer<UInt8>) -> (index: Int, exact: Bool)? {
        // A short value is found by its print alone, which is its bytes; the string is made
        // only for the others.
        if let shortCodes, let code = KeyPrint.exact(text), let index = shortCodes.firstIndex(of: code) {
            return (index, true)
        }
        // Other bytes can still spell an equal string (a letter and its accent, or the two
        // in one character).
        guard let index = enumerationIndex(of: String(decoding: text, as: UTF8.self)) else { return nil }
        return (index, valueNames[index].utf8.elementsEqual(text))
    }

    /// What an item of an integer column says, read from its UTF-8 bytes.
    enum IntegerCell {
        /// The integers it matches, within the domain.
        case matches(IntervalSet)
        /// A number, range or comparison outside the domain, and how to name it in a message.
        case outside(String)
        /// A range whose start is above its end.
        case backwards
        /// Neither a number, nor a comparison, nor a range.
        case unreadable
    }

    /// Reads an item of an integer column: a number, a comparison or a range.
    func integerCell(_ raw: UnsafeBufferPointer<UInt8>) -> IntegerCell {
        let text = IntegerCellSyntax.trimmingSpaces(raw[...])
        if let value = Literals.integer(utf8: text) {
            return bounds.contains(value) ? .matches(IntervalSet([value...value])) : .outside(String(value))
        }
        if let range = IntegerCellSyntax.range(text) {
            guard range.low <= range.high else { return .backwards }
            guard bounds.contains(range.low), bounds.contains(range.high) else {
                return .outside("'\(String(decoding: text, as: UTF8.self))'")
            }
            return .matches(IntervalSet([range.low...range.high]))
        }
        if let comparison = IntegerCellSyntax.comparison(text) {
            if comparison.op == .equal || comparison.op == .notEqual, !bounds.contains(comparison.value) {
                return .outside(String(comparison.value))
            }
            return .matches(comparison.set)
        }
        // Digits too many for Int are still a number: calling them "not a number" would mislead.
        let digits = text.first == UInt8(ascii: "-") ? text.dropFirst() : text[...]
        if !digits.isEmpty, digits.allSatisfy({ (48...57).contains($0) }) {
            return .outside(String(decoding: text, as: UTF8.self))
        }
        return .unreadable
    }

    /// One item of an integer column: a number, a comparison or a range.
    private func integerItem(_ node: YAMLNode) -> IntervalSet? {
        guard case .scalar(let raw, _) = node.content else {
            sink.error(
                .invalidCondition,
                "expected an integer, a comparison or a range for '\(input.name)', found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        var bytes = raw
        let cell = bytes.withUTF8 { integerCell($0) }
        let text = raw.trimmingSpaces
        switch cell {
        case .matches(let set):
            return set
        case .outside(let what):
            sink.error(
                .outOfRange, "\(what) is outside the domain of '\(input.name)' (\(input.domain.summary))",
                at: node.location)
        case .backwards:
            sink.error(
                .invalidCondition, "the range '\(text)' is empty: its start is above its end", at: node.location)
        case .unreadable:
            sink.error(
                .typeMismatch,
                "'\(input.name)' is an integer: expected a number, a comparison like \">= 2\" or a range"
                    + " like \"1..5\", found '\(text)'",
                at: node.location)
        }
        return nil
    }
}

/// The textual forms of integer cells, read from their UTF-8 bytes: a cell that is not
/// ASCII is never one of them (its digits and operators are ASCII).
enum IntegerCellSyntax {
    /// `a..b` with optional spaces.
    static func range(_ bytes: UnsafeBufferPointer<UInt8>) -> (low: Int, high: Int)? {
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot + 1 < bytes.count,
            bytes[dot + 1] == UInt8(ascii: "."),
            let low = Literals.integer(utf8: trimmingSpaces(bytes[..<dot])),
            let high = Literals.integer(utf8: trimmingSpaces(bytes[(dot + 2)...]))
        else { return nil }
        return (low, high)
    }

    /// A comparison's operator.
    enum Operator {
        case atLeast, atMost, equal, notEqual, above, below
    }

    /// The comparison operators and their spelling, two-character ones first. Plain values, not
    /// strings: every integer cell is tried against them.
    private static let operators: [(op: Operator, first: UInt8, second: UInt8?)] = [
        (.atLeast, UInt8(ascii: ">"), UInt8(ascii: "=")), (.atMost, UInt8(ascii: "<"), UInt8(ascii: "=")),
        (.equal, UInt8(ascii: "="), UInt8(ascii: "=")), (.notEqual, UInt8(ascii: "!"), UInt8(ascii: "=")),
        (.above, UInt8(ascii: ">"), nil), (.below, UInt8(ascii: "<"), nil),
    ]

    /// `>= n`, `> n`, `<= n`, `< n`, `== n`, `!= n`, as a set of integers.
    static func comparison(_ bytes: UnsafeBufferPointer<UInt8>) -> (op: Operator, value: Int, set: IntervalSet)? {
        var parsed: (op: Operator, value: Int)?
        for op in operators {
            let length = op.second == nil ? 1 : 2
            guard bytes.count >= length, bytes[0] == op.first, op.second.map({ bytes[1] == $0 }) ?? true else {
                continue
            }
            // The first operator the text starts with decides, as `>=` before `>`.
            parsed = Literals.integer(utf8: trimmingSpaces(bytes[length...])).map { (op.op, $0) }
            break
        }
        guard let (op, value) = parsed else { return nil }
        let set: IntervalSet
        switch op {
        case .atLeast: set = IntervalSet([value...Int.max])
        case .atMost: set = IntervalSet([Int.min...value])
        case .equal: set = IntervalSet([value...value])
        case .notEqual: set = IntervalSet([value...value]).complement
        case .above: set = value == .max ? .empty : IntervalSet([(value + 1)...Int.max])
        case .below: set = value == .min ? .empty : IntervalSet([Int.min...(value - 1)])
        }
        return (op, value, set)
    }

    /// The bytes without leading and trailing spaces and tabs.
    static func trimmingSpaces(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UnsafeBufferPointer<UInt8> {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return UnsafeBufferPointer(rebasing: bytes[bytes.startIndex..<bytes.startIndex]) }
        return UnsafeBufferPointer(rebasing: bytes[first...last])
    }
}

/// Cells written back as a rules file spells them, for explanations and reports.
enum CellText {
    static func render(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let text, _):
            return text
        case .sequence(let items):
            if let scalars = scalarList(items) { return scalars }
            var text = "["
            for (i, item) in items.enumerated() {
                if i > 0 { text += ", " }
                text += render(item)
            }
            return text + "]"
        case .mapping(let pairs):
            var text = "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { text += ", " }
                text += pair.key + ": " + render(pair.value)
            }
            return text + "}"
        }
    }

    /// `[a, b, c]` for a list of scalars (the usual list cell); nil when an item is a collection.
    private static func scalarList(_ items: [YAMLNode]) -> String? {
        var texts: [String.UTF8View] = []
        texts.reserveCapacity(items.count)
        for item in items {
            guard case .scalar(let text, _) = item.content else { return nil }
            texts.append(text.utf8)
        }
        return list(texts)
    }

    /// `[a, b, c]` from the items' UTF-8 texts, written in one pass into a string of the
    /// right size.
    static func list<Texts: Collection>(_ texts: Texts) -> String where Texts.Element: Collection<UInt8> {
        var length = 2 + 2 * max(texts.count - 1, 0)
        for text in texts { length += text.count }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = 0
            func put(_ byte: UInt8) {
                buffer[end] = byte
                end += 1
            }
            put(UInt8(ascii: "["))
            for (i, text) in texts.enumerated() {
                if i > 0 {
                    put(UInt8(ascii: ","))
                    put(UInt8(ascii: " "))
                }
                for byte in text { put(byte) }
            }
            put(UInt8(ascii: "]"))
            return end
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let text = String(self)
        // Most cells have no spaces around them: the text as it is, without searching twice.
        if let first = text.utf8.first, let last = text.utf8.last, !isSpace(first), !isSpace(last) { return text }
        guard let first = text.utf8.firstIndex(where: { !isSpace($0) }),
            let last = text.utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
