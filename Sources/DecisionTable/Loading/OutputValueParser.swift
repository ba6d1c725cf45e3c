import Diagnostics
import YAMLLoading

/// Parses an output cell (`then`) or an output's `default` against the output's type.
struct OutputValueParser {
    let output: OutputDefinition
    let sink: DiagnosticSink

    /// The typed value; nil after reporting when the cell does not fit the type.
    func parse(_ node: YAMLNode) -> Value? {
        guard case .scalar(let text, let quoted) = node.content, !node.isNull else {
            sink.error(
                .typeMismatch,
                "output '\(output.name)' expects \(output.type.summary), found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        switch output.type {
        case .string:
            return .string(text)
        case .integer:
            if let value = Literals.integer(node) { return .integer(value) }
            sink.error(
                .typeMismatch,
                "output '\(output.name)' is an integer, found " + (quoted ? "the string \"\(text)\"" : "'\(text)'"),
                at: node.location)
            return nil
        case .boolean:
            if let value = Literals.boolean(node) { return .boolean(value) }
            let hint = Literals.booleanSuggestion(text).map { "; did you mean \($0)?" } ?? ""
            sink.error(
                .typeMismatch,
                "output '\(output.name)' is a boolean: expected true or false, found "
                    + (quoted ? "the string \"\(text)\"" : "'\(text)'") + hint,
                at: node.location)
            return nil
        case .number:
            if let value = DecimalNumber(exactly: text.trimmingSpaces) { return .number(value) }
            sink.error(
                .typeMismatch,
                "output '\(output.name)' is a number: expected digits with an optional fraction like 2.5, found "
                    + (quoted ? "the string \"\(text)\"" : "'\(text)'"),
                at: node.location)
            return nil
        case .enumeration(let values):
            if values.contains(text) { return .string(text) }
            sink.error(
                .unknownValue,
                "'\(text)' is not a value of output '\(output.name)' (\(output.type.summary))"
                    + Suggestion.clause(for: text, in: values),
                at: node.location)
            return nil
        }
    }
}
