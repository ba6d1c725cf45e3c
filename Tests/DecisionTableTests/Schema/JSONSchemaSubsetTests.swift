import DecisionTable
import Testing
import YAMLLoading
import JSONLines

/// The schema validator is test code that decides whether the rules schema works, so it is
/// tested too: each keyword must reject something, or the schema tests would prove nothing.
@Suite struct JSONSchemaSubsetTests {
    /// A schema, a value, and whether the value conforms: each keyword accepts and rejects.
    static let cases: [(schema: String, instance: String, valid: Bool)] = [
        (#"{"type": "integer"}"#, "3", true),
        (#"{"type": "integer"}"#, "3.0", true),
        (#"{"type": "integer"}"#, #""3""#, false),
        (#"{"type": ["string", "null"]}"#, "null", true),
        (#"{"type": ["string", "null"]}"#, "false", false),
        (#"{"enum": ["sum", "min"]}"#, #""min""#, true),
        (#"{"enum": ["sum", "min"]}"#, #""avg""#, false),
        (#"{"const": "-"}"#, #""-""#, true),
        (#"{"const": "-"}"#, #""x""#, false),
        (#"{"pattern": "^[a-z]+$"}"#, #""abc""#, true),
        (#"{"pattern": "^[a-z]+$"}"#, #""a c""#, false),
        (#"{"pattern": "^[a-z]+$"}"#, "12", true),
        (#"{"minLength": 1}"#, #""""#, false),
        (#"{"minItems": 1}"#, "[]", false),
        (#"{"uniqueItems": true}"#, #"[1, "1"]"#, true),
        (#"{"uniqueItems": true}"#, "[1, 1.0]", false),
        (#"{"items": {"type": "string"}}"#, #"["a", 1]"#, false),
        (#"{"properties": {"a": {"type": "string"}}, "additionalProperties": false}"#, #"{"a": "x"}"#, true),
        (#"{"properties": {"a": {"type": "string"}}, "additionalProperties": false}"#, #"{"a": 1}"#, false),
        (#"{"properties": {"a": {"type": "string"}}, "additionalProperties": false}"#, #"{"b": "x"}"#, false),
        (#"{"additionalProperties": {"type": "integer"}}"#, #"{"x": "y"}"#, false),
        (#"{"required": ["id"]}"#, #"{"name": "x"}"#, false),
        (#"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, #"{"Kind": 1}"#, false),
        (#"{"anyOf": [{"type": "string"}, {"type": "array"}]}"#, "[]", true),
        (#"{"anyOf": [{"type": "string"}, {"type": "array"}]}"#, "{}", false),
        (#"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#, "1.5", true),
        (#"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#, "1", false),
        (#"{"not": {"const": "-"}}"#, #""-""#, false),
        (##"{"$defs": {"n": {"type": "integer"}}, "$ref": "#/$defs/n"}"##, "2", true),
        (##"{"$defs": {"n": {"type": "integer"}}, "$ref": "#/$defs/n"}"##, #""two""#, false),
        (##"{"$defs": {"n": {"type": "integer"}}, "$ref": "#/$defs/n", "const": 3}"##, "2", false),
    ]

    @Test(arguments: cases)
    func validates(schema: String, instance: String, valid: Bool) throws {
        let failures = try JSONSchemaSubset(JSONParser.parse(schema)).validate(JSONParser.parse(instance))
        #expect(failures.isEmpty == valid, "\(instance) against \(schema): \(failures)")
    }

    @Test func failuresPointAtTheValue() throws {
        let schema = try JSONSchemaSubset(JSONParser.parse(#"{"properties": {"a/b": {"items": {"type": "string"}}}}"#))
        let failures = schema.validate(try JSONParser.parse(#"{"a/b": ["x", 2]}"#))
        #expect(failures.map(\.path) == ["/a~1b/1"])
    }

    @Test(arguments: [
        #"{"maxLength": 3}"#,
        #"{"properties": {"email": {"format": "email"}}}"#,
        #"{"type": "text"}"#,
        ##"{"$ref": "#/definitions/name"}"##,
        ##"{"$ref": "#/$defs/missing"}"##,
        #"{"pattern": "["}"#,
    ])
    func refusesWhatItCannotApply(_ schema: String) throws {
        let json = try JSONParser.parse(schema)
        #expect(throws: JSONSchemaSubset.UnsupportedSchema.self) { try JSONSchemaSubset(json) }
    }
}
