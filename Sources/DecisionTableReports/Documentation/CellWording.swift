import DecisionTable

/// Cells and values in plain words, the way a help article writes them: `ON or OFF`,
/// `2 or more`, `call or message`, `not 2`.
enum CellWording {
    /// A condition in words; a wildcard is every value (`ON or OFF`) when the input labels
    /// its values, else `any`.
    static func words(_ condition: Condition, input: InputDefinition) -> String {
        if input.coding != nil {
            if condition.isWildcard { return "any" }
            return CellValues(condition, input: input).phrase
        }
        switch input.domain {
        case .integer:
            if condition.isWildcard { return "any" }
            return integerWords(condition.intervals ?? .empty, bounds: input.domain.integerBounds)
        case .boolean, .enumeration:
            // Booleans read true first: "ON or OFF", "yes or no".
            let all = input.domain == .boolean ? [1, 0] : Array(0..<(input.domain.finiteCount ?? 0))
            let values = condition.isWildcard ? all : all.filter { (condition.values ?? []).contains($0) }
            if condition.isWildcard, input.labels.isEmpty { return "any" }
            let complement = all.filter { !values.contains($0) }
            // `{not: X}` reads better as "not X" when X is the smaller side.
            if condition.text.hasPrefix("{not"), !complement.isEmpty, complement.count < values.count {
                return "not " + list(complement.map { name($0, input) })
            }
            return list(values.map { name($0, input) })
        }
    }

    /// A value's label, or its name; a boolean reads "yes" or "no" unless labelled, as
    /// boolean results do, so that one value reads the same in every table.
    static func name(_ value: Int, _ input: InputDefinition) -> String {
        let text = input.domain.valueName(value)
        if let label = input.labels[text] { return label }
        if input.domain == .boolean { return text == "true" ? "yes" : "no" }
        return text
    }

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "nothing" }
        return items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    private static func integerWords(_ set: IntervalSet, bounds: ClosedRange<Int>) -> String {
        // A set that is everything but one value reads as "not n".
        let complement = set.complement.intersection(IntervalSet([bounds]))
        if complement.ranges.count == 1, complement.ranges[0].count == 1, set.ranges.count == 2 {
            return "not \(complement.ranges[0].lowerBound)"
        }
        return list(
            set.ranges.map { range in
                let low = range.lowerBound
                let high = range.upperBound
                if low == high { return String(low) }
                if high == .max || high == bounds.upperBound && bounds.upperBound == .max { return "\(low) or more" }
                if low == .min || low == bounds.lowerBound && bounds.lowerBound == .min { return "\(high) or fewer" }
                if high == bounds.upperBound, bounds.upperBound != .max { return "\(low) or more" }
                return "\(low) to \(high)"
            })
    }
}
