import DecisionTable
import YAMLLoading
import JSONLines

extension JSONValue {
    /// A YAML tree as JSON, typed the way the loader reads scalars: plain `true` and `false`
    /// are booleans, plain decimal integers are integers, plain empty, `~` and `null` are
    /// null, and everything else (every quoted scalar too) is a string.
    init(yaml node: YAMLNode) {
        switch node.content {
        case .mapping(let pairs):
            self = .object(pairs.map { ($0.key, JSONValue(yaml: $0.value)) })
        case .sequence(let items):
            self = .array(items.map { JSONValue(yaml: $0) })
        case .scalar(let text, let quoted):
            if quoted {
                self = .string(text)
            } else if node.isNull {
                self = .null
            } else if text == "true" || text == "false" {
                self = .bool(text == "true")
            } else if let number = ScenarioDecoder.integer(node) {
                self = .integer(number)
            } else {
                self = .string(text)
            }
        }
    }
}
