import Diagnostics
import YAMLLoading

/// Parses an input cell of a rule (`when`) into a ``Condition`` over the input's domain.
///
/// The cell language: `-` or an omitted input matches anything; a scalar matches that value;
/// a list matches any of its items; `{not: X}` matches anything but X. Integer columns also
/// take `">= 2"`, `"> 1"`, `"<= 3"`, `"< 3"`, `"== 2"`, `"!= 2"` and ranges `"1..5"`.
/// Every literal is checked against the domain, with a "did you mean" for near misses.
struct ConditionParser {
    let input: InputDefinition
    let sink: DiagnosticSink

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
        let items: [YAMLNode]
        if case .sequence(let list) = body.content {
            guard !list.isEmpty else {
                sink.error(
                    .emptyCondition, "an empty list matches nothing; write '-' to match anything",
                    at: body.location)
                return nil
            }
            items = list
        } else {
            items = [body]
        }
        if let coding = input.coding { return codedCondition(items, negated: negated, coding: coding, text: text, node: node) }
        switch input.domain {
        case .integer:
            var union = IntervalSet.empty
            var valid = true
            for item in items {
                if let set = integerItem(item) { union = union.union(set) } else { valid = false }
            }
            guard valid else { return nil }
            let bounds = IntervalSet([input.domain.integerBounds])
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
            var chosen = Set<Int>()
            var valid = true
            for item in items {
                if let index = finiteItem(item) { chosen.insert(index) } else { valid = false }
            }
            guard valid else { return nil }
            let all = Set(0..<(input.domain.finiteCount ?? 0))
            let matched = negated ? all.subtracting(chosen) : chosen
            guard !matched.isEmpty else {
                sink.error(
                    .emptyCondition,
                    "'\(text)' matches no value of '\(input.name)' (\(input.domain.summary))",
                    at: node.location)
                return nil
            }
            return Condition(
                values: matched.sorted(), intervals: nil, isWildcard: false,
                mentioned: chosen.sorted(), text: text, location: node.location)
        }
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
            let bounds = IntervalSet([input.domain.integerBounds])
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

    private var finiteAll: [Int]? { input.domain.finiteCount.map { Array(0..<$0) } }
    private var integerAll: IntervalSet? {
        if case .integer = input.domain { return IntervalSet([input.domain.integerBounds]) }
        return nil
    }

    private func isDash(_ node: YAMLNode) -> Bool {
        if case .scalar(let text, _) = node.content { return text.trimmingSpaces == "-" }
        return false
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
            if let index = values.firstIndex(of: text) { return index }
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

    /// One item of an integer column: a number, a comparison or a range.
    private func integerItem(_ node: YAMLNode) -> IntervalSet? {
        guard case .scalar(let raw, _) = node.content else {
            sink.error(
                .invalidCondition,
                "expected an integer, a comparison or a range for '\(input.name)', found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        let bounds = input.domain.integerBounds
        let text = raw.trimmingSpaces
        func outside(_ what: String) -> IntervalSet? {
            sink.error(
                .outOfRange, "\(what) is outside the domain of '\(input.name)' (\(input.domain.summary))",
                at: node.location)
            return nil
        }
        if let value = Literals.integer(text) {
            return bounds.contains(value) ? IntervalSet([value...value]) : outside(String(value))
        }
        if let range = IntegerCellSyntax.range(text) {
            guard range.low <= range.high else {
                sink.error(
                    .invalidCondition,
                    "the range '\(text)' is empty: its start is above its end", at: node.location)
                return nil
            }
            guard bounds.contains(range.low), bounds.contains(range.high) else { return outside("'\(text)'") }
            return IntervalSet([range.low...range.high])
        }
        if let comparison = IntegerCellSyntax.comparison(text) {
            if comparison.op == "==" || comparison.op == "!=", !bounds.contains(comparison.value) {
                return outside(String(comparison.value))
            }
            return comparison.set
        }
        // Digits too many for Int are still a number: calling them "not a number" would mislead.
        let digits = text.hasPrefix("-") ? text.dropFirst() : text[...]
        if !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) { return outside(text) }
        sink.error(
            .typeMismatch,
            "'\(input.name)' is an integer: expected a number, a comparison like \">= 2\" or a range"
                + " like \"1..5\", found '\(text)'",
            at: node.location)
        return nil
    }
}

/// The textual forms of integer cells.
enum IntegerCellSyntax {
    /// `a..b` with optional spaces.
    static func range(_ text: String) -> (low: Int, high: Int)? {
        let bytes = text.utf8
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")),
            bytes.index(after: dot) < bytes.endIndex, bytes[bytes.index(after: dot)] == UInt8(ascii: ".")
        else {
            return nil
        }
        let low = text[..<dot].trimmingSpaces
        let high = text[bytes.index(dot, offsetBy: 2)...].trimmingSpaces
        guard let a = Literals.integer(low), let b = Literals.integer(high) else { return nil }
        return (a, b)
    }

    /// `>= n`, `> n`, `<= n`, `< n`, `== n`, `!= n`, as a set of integers.
    static func comparison(_ text: String) -> (op: String, value: Int, set: IntervalSet)? {
        for op in [">=", "<=", "==", "!=", ">", "<"] where text.hasPrefix(op) {
            guard let value = Literals.integer(text.dropFirst(op.count).trimmingSpaces) else { return nil }
            let set: IntervalSet
            switch op {
            case ">=": set = IntervalSet([value...Int.max])
            case "<=": set = IntervalSet([Int.min...value])
            case "==": set = IntervalSet([value...value])
            case "!=": set = IntervalSet([value...value]).complement
            case ">": set = value == .max ? .empty : IntervalSet([(value + 1)...Int.max])
            default: set = value == .min ? .empty : IntervalSet([Int.min...(value - 1)])
            }
            return (op, value, set)
        }
        return nil
    }
}

/// Cells written back as a rules file spells them, for explanations and reports.
enum CellText {
    static func render(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let text, _): text
        case .sequence(let items): "[" + items.map(render).joined(separator: ", ") + "]"
        case .mapping(let pairs): "{" + pairs.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let text = String(self)
        guard let first = text.utf8.firstIndex(where: { !isSpace($0) }),
            let last = text.utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
