import Diagnostics
import YAMLLoading

/// Parses an output cell (`then`) or an output's `default` against the output's type.
///
/// A class, as ``ConditionParser``: one parser reads every cell of a column, and a struct
/// would be copied (its definition retained) for each.
final class OutputValueParser {
    let output: OutputDefinition
    let sink: DiagnosticSink

    init(output: OutputDefinition, sink: DiagnosticSink) {
        self.output = output
        self.sink = sink
    }

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

extension OutputValueParser {
    /// The value of the output cell at record `cell`, read without making a node; nil when the
    /// cell has a problem, which ``parse(_:)`` then reports. Gives what ``parse(_:)`` gives.
    func value(atRecord cell: Int, in document: YAMLDocument, bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard document.kind(cell) == .scalar, !document.isNull(cell) else { return nil }
        let utf8 = UnsafeBufferPointer(rebasing: bytes[document.range(cell)])
        let quoted = document.isQuoted(cell)
        switch output.type {
        case .string:
            return .string(String(decoding: utf8, as: UTF8.self))
        case .integer:
            return quoted ? nil : Literals.integer(utf8: utf8).map(Value.integer)
        case .boolean:
            guard !quoted else { return nil }
            if utf8.elementsEqual("true".utf8) { return .boolean(true) }
            if utf8.elementsEqual("false".utf8) { return .boolean(false) }
            return nil
        case .number:
            return DecimalNumber(exactly: String(decoding: utf8, as: UTF8.self).trimmingSpaces).map(Value.number)
        case .enumeration(let values):
            let text = String(decoding: utf8, as: UTF8.self)
            return values.contains(text) ? .string(text) : nil
        }
    }
}
