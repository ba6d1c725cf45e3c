import DecisionTable
import Diagnostics

/// One literal or test of an S-FEEL cell.
enum FEELItem: Hashable, Sendable {
    case number([NumberInterval])
    case string(String)
    case boolean(Bool)
}

/// A parsed input entry: `-`, or a list of tests, possibly under `not(...)`.
struct UnaryTests: Hashable, Sendable {
    var isWildcard: Bool
    var negated: Bool
    var items: [FEELItem]
}

/// Why an entry could not be read: the construct named for the user.
struct FEELUnsupported: Error {
    var construct: String
}

/// Reads S-FEEL simple unary tests (input entries) and simple literals (output entries):
/// number, string and boolean literals, lists of them, comparisons `< <= > >= = !=`, ranges
/// with open or closed ends, `not(...)` and `-`. Anything else is named as unsupported.
enum FEELReader {
    static func unaryTests(_ raw: String) throws(FEELUnsupported) -> UnaryTests {
        let text = raw.trimmingWhitespace
        if text == "-" || text.isEmpty { return UnaryTests(isWildcard: true, negated: false, items: []) }
        var body = Substring(text)
        var negated = false
        if body.hasPrefix("not(") || body.hasPrefix("not ("), body.hasSuffix(")") {
            negated = true
            body = body.drop { $0 != "(" }.dropFirst().dropLast()
        }
        let parts = try split(String(body))
        guard !parts.isEmpty else { throw FEELUnsupported(construct: "an empty list of tests") }
        return UnaryTests(isWildcard: false, negated: negated, items: try parts.map(test))
    }

    /// An output entry: one literal.
    static func literal(_ raw: String) throws(FEELUnsupported) -> FEELItem {
        let text = raw.trimmingWhitespace
        let item = try test(text)
        if case .number(let intervals) = item, intervals.count != 1 || intervals[0].lower != intervals[0].upper {
            throw FEELUnsupported(construct: "the expression '\(text)' (an output entry is a literal)")
        }
        return item
    }

    /// One test: a literal, a comparison or a range.
    private static func test(_ raw: String) throws(FEELUnsupported) -> FEELItem {
        let text = raw.trimmingWhitespace
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        if let string = stringLiteral(text) { return .string(string) }
        if let intervals = NumberCellSyntax.parse(text) { return .number(intervals) }
        throw FEELUnsupported(construct: describe(text))
    }

    /// Names the construct a cell uses that S-FEEL cells here do not take.
    static func describe(_ text: String) -> String {
        if text == "null" { return "null" }
        if text.hasPrefix("\"") { return "the string '\(text)' (a string literal must end with a quote)" }
        for keyword in ["date and time(", "date(", "time(", "duration("] where text.contains(keyword) {
            return "dates, times and durations ('\(text)')"
        }
        if text.contains("?") { return "the '?' expression '\(text)'" }
        if let paren = text.firstIndex(of: "("), text[..<paren].allSatisfy({ $0.isLetter || $0 == " " || $0 == "_" }) {
            return "the function call '\(text)'"
        }
        if [" and ", " or ", "if ", "for ", "some ", "every ", " in "].contains(where: text.contains) {
            return "the FEEL expression '\(text)'"
        }
        if text.contains(where: { "+*/".contains($0) }) { return "the arithmetic expression '\(text)'" }
        if let first = text.first, first.isLetter || first == "_" { return "the name reference '\(text)'" }
        return "the expression '\(text)'"
    }

    /// A FEEL string literal, with its escapes (`\"`, `\\`, `\n`, `\t`) resolved.
    static func stringLiteral(_ text: String) -> String? {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return nil }
        var out = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return nil
            } else {
                out.append(character)
            }
        }
        return escaped ? nil : out
    }

    /// Splits on commas outside string literals and brackets.
    private static func split(_ text: String) throws(FEELUnsupported) -> [String] {
        var parts: [String] = []
        var current = ""
        var inString = false
        var escaped = false
        var depth = 0
        for character in text {
            if inString {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "(":
                // Only a call's parentheses can hold commas; a range's `(1..5)` holds none.
                if let last = current.last, last.isLetter { depth += 1 }
            case ")": if depth > 0 { depth -= 1 }
            case ",":
                if depth == 0 {
                    parts.append(current)
                    current = ""
                    continue
                }
            default: break
            }
            current.append(character)
        }
        if inString { throw FEELUnsupported(construct: "the string '\(current.trimmingWhitespace)' (a string literal must end with a quote)") }
        parts.append(current)
        return parts.map(\.trimmingWhitespace)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
