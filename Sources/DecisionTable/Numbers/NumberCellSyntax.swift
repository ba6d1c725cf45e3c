/// The textual forms of one item of a number cell, shared by the YAML and DMN readers:
/// `7`, `-2.5`, `>= 18`, `> 1`, `<= 3`, `< 2.5`, `= 4`, `!= 4`, ranges `[1..5]`, `(1..5)`,
/// `]1..5[`, `[1..5)` and `1..5` (both ends closed).
public enum NumberCellSyntax {
    /// The numbers one item matches, or nil when the text is not a number item.
    public static func parse(_ raw: String) -> [NumberInterval]? {
        let text = raw.trimmingSpaces
        if let value = DecimalNumber(exactly: text) { return [.point(value)] }
        for op in [">=", "<=", "!=", "=", ">", "<"] where text.hasPrefix(op) {
            guard let value = DecimalNumber(exactly: String(text.dropFirst(op.count)).trimmingSpaces) else { return nil }
            switch op {
            case ">=": return [NumberInterval(lower: value, lowerClosed: true, upper: nil, upperClosed: false)]
            case ">": return [NumberInterval(lower: value, lowerClosed: false, upper: nil, upperClosed: false)]
            case "<=": return [NumberInterval(lower: nil, lowerClosed: false, upper: value, upperClosed: true)]
            case "<": return [NumberInterval(lower: nil, lowerClosed: false, upper: value, upperClosed: false)]
            case "=": return [.point(value)]
            default:
                return [
                    NumberInterval(lower: nil, lowerClosed: false, upper: value, upperClosed: false),
                    NumberInterval(lower: value, lowerClosed: false, upper: nil, upperClosed: false),
                ]
            }
        }
        return range(text).map { [$0] }
    }

    /// `[a..b]`, `(a..b)`, `]a..b[`, `[a..b)`, or `a..b` (closed), with optional spaces.
    static func range(_ text: String) -> NumberInterval? {
        var body = Substring(text)
        var lowerClosed = true
        var upperClosed = true
        if let first = body.first, "[(]".contains(first) {
            lowerClosed = first == "["
            body = body.dropFirst()
            guard let last = body.last, "])[".contains(last) else { return nil }
            upperClosed = last == "]"
            body = body.dropLast()
        }
        guard let dots = body.range(of: "..") else { return nil }
        guard let low = DecimalNumber(exactly: String(body[..<dots.lowerBound]).trimmingSpaces),
            let high = DecimalNumber(exactly: String(body[dots.upperBound...]).trimmingSpaces)
        else { return nil }
        return NumberInterval(lower: low, lowerClosed: lowerClosed, upper: high, upperClosed: upperClosed)
    }
}
