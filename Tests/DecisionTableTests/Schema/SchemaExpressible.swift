/// Which of the loader's errors a JSON Schema can state, so that the tests know which hostile
/// fixtures the rules schema must reject, and which it must not.
///
/// Most codes are shapes: a key, a name, a kind of node. A few the loader also uses for values
/// checked against a domain, a type or another table — `unknown-value` for a misspelt cell,
/// `missing-key` for an input no table produces — so those are listed by the messages of their
/// structural uses only. Matching the message, not just the code, is what keeps a cell error
/// from passing for a schema error.
enum SchemaExpressible {
    /// The errors the schema states: a code, and a fragment of the message (nil: any message).
    static let errors: [(code: String, fragment: String?)] = [
        ("expected-mapping", nil),
        ("expected-list", nil),
        ("expected-text", nil),
        ("expected-integer", nil),
        ("invalid-name", nil),
        // Not "'min' applies only to integer inputs": that depends on the input's type.
        ("unknown-key", "unknown key '"),
        ("missing-key", "needs a '"),
        ("missing-key", "at least one"),
        ("missing-key", "needs 'values' or a 'type'"),
        ("unknown-value", "is not a hit policy"),
        ("unknown-value", "'hit' takes"),
        ("unknown-value", "is not an aggregation"),
        ("unknown-value", "'gaps' takes"),
        ("unknown-value", "is not an input type"),
        ("unknown-value", "is not an output type"),
        ("invalid-domain", "'values' is empty"),
        ("invalid-domain", "must be a plain name"),
        ("invalid-domain", "'-' means 'any value'"),
        ("duplicate-name", "is listed twice"),
        ("invalid-condition", "takes only 'not'"),
        ("invalid-condition", "not a mapping"),
        ("invalid-condition", "found a list"),
        ("invalid-condition", "found a mapping"),
        ("empty-condition", "an empty list matches nothing"),
        // An output value or default that is not a single value, whatever the output's type.
        ("type-mismatch", "found a list"),
        ("type-mismatch", "found a mapping"),
        ("type-mismatch", "found an empty value"),
    ]

    /// Whether the schema states the error with this code and message.
    static func covers(code: String, message: String) -> Bool {
        errors.contains { $0.code == code && ($0.fragment.map { message.contains($0) } ?? true) }
    }
}
