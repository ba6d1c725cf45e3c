import DecisionTable
import JSONLines

extension Evaluation {
    /// `{"outputs": {...}, "rules": {"<table>": ["<winning rule id>", ...]}}`: outputs in
    /// declared order, lists for collect and rule-order tables.
    public var json: JSONValue {
        .object([
            ("outputs", .object(outputs.map { ($0.name, $0.value.json) })),
            ("rules", .object(tables.map { ($0.name, .array($0.winners.map(JSONValue.string))) })),
        ])
    }
}

extension OutputValue {
    /// The value, or an array of values.
    public var json: JSONValue {
        switch self {
        case .single(let value): JSONValue(value)
        case .list(let values): .array(values.map(JSONValue.init))
        }
    }
}

extension DecisionTables {
    /// Reads facts from a JSON object: numbers as integers, booleans, strings.
    /// - Throws: `EvaluationError.invalidFacts(_:)` when the JSON is not an object or a
    ///   value is null, fractional, an array or an object.
    public func facts(fromJSON json: JSONValue) throws(EvaluationError) -> [String: Value] {
        guard case .object(let pairs) = json else {
            throw .invalidFacts([FactProblem(name: "", message: "expected a JSON object of facts, found \(json.kindDescription)")])
        }
        var facts: [String: Value] = [:]
        var problems: [FactProblem] = []
        for (name, value) in pairs {
            if let fact = value.value {
                facts[name] = fact
            } else {
                problems.append(
                    FactProblem(
                        name: name, message: "fact '\(name)' must be an integer, a boolean or a string, not \(value.kindDescription)"))
            }
        }
        guard problems.isEmpty else { throw .invalidFacts(problems) }
        return facts
    }
}
