import DecisionTable
import YAMLLoading
import JSONLines

extension JSONValue {
    /// A YAML tree as the JSON a schema validates, typed the way the loader reads scalars:
    /// plain `true` and `false` are booleans, plain decimal integers that fit in `Int` are
    /// integers, plain empty, `~` and `null` are null, and everything else — every quoted
    /// scalar too — is a string.
    ///
    /// An editor's YAML language server reads a few plain scalars differently (`1.5` and
    /// `0x1F` as numbers); the schema allows numbers wherever it allows text, so the two agree.
    /// Recursion is safe: the parser refuses documents nested deeper than 64.
    init(_ node: YAMLNode) {
        switch node.content {
        case .mapping(let pairs):
            self = .object(pairs.map { ($0.key, JSONValue($0.value)) })
        case .sequence(let items):
            self = .array(items.map(JSONValue.init))
        case .scalar(let text, quoted: true):
            self = .string(text)
        case .scalar(let text, quoted: false):
            if node.isNull {
                self = .null
            } else if text == "true" || text == "false" {
                self = .bool(text == "true")
            } else if let number = Self.plainInteger(text) {
                self = .integer(number)
            } else {
                self = .string(text)
            }
        }
    }

    /// `-?[0-9]+` that fits in `Int`, as the loader's integer cells and bounds are spelt.
    private static func plainInteger(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(text)
    }
}
