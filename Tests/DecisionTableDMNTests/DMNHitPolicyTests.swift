import DecisionTable
import DecisionTableReports
import Diagnostics
import JSONLines
import DecisionTableDMN
import Testing

/// The hit policies as DMN 1.3 (section 8.2.11) defines them, on small tables written in DMN.
@Suite struct DMNHitPolicyTests {
    /// A model with one decision `D` reading the number `n`; each rule is (input entry,
    /// output entries).
    static func model(
        _ hit: String, outputs: [(name: String?, values: String?)], rules: [(String, [String])],
        aggregation: String? = nil, outputType: String = "string"
    ) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="m" name="m" namespace="x">
              <inputData id="n" name="n"><variable name="n" typeRef="number"/></inputData>
              <decision id="d" name="D">
                <decisionTable id="t" hitPolicy="\(hit)"\(aggregation.map { " aggregation=\"\($0)\"" } ?? "")>
                  <input id="i"><inputExpression typeRef="number"><text>n</text></inputExpression></input>

            """
        for (o, output) in outputs.enumerated() {
            xml += "      <output id=\"o\(o)\"\(output.name.map { " name=\"\($0)\"" } ?? "") typeRef=\"\(outputType)\">"
            if let values = output.values { xml += "<outputValues><text>\(values)</text></outputValues>" }
            xml += "</output>\n"
        }
        for (r, rule) in rules.enumerated() {
            xml += "      <rule id=\"r\(r)\"><inputEntry><text>\(rule.0)</text></inputEntry>"
            xml += rule.1.map { "<outputEntry><text>\($0)</text></outputEntry>" }.joined() + "</rule>\n"
        }
        return xml + "    </decisionTable>\n  </decision>\n</definitions>\n"
    }

    static func evaluate(_ xml: String, n: String) throws -> String {
        let model = DMNReader.read(bytes: Array(xml.utf8), file: "m.dmn")
        #expect(model.diagnostics.isEmpty, "\(model.diagnostics)")
        return DMNRuntime(model).evaluate(try JSONParser.parse(#"{"n": \#(n)}"#)).decisions.rendered
    }

    @Test func priorityRanksEachOutputInTurnThenRuleOrder() throws {
        let xml = Self.model(
            "PRIORITY", outputs: [("a", #""x","y""#), ("b", #""p","q""#)],
            rules: [
                ("&gt;= 0", [#""y""#, #""p""#]),
                ("&gt;= 1", [#""x""#, #""q""#]),
                ("&gt;= 2", [#""x""#, #""p""#]),
                ("&gt;= 3", [#""x""#, #""p""#]),
            ])
        #expect(try Self.evaluate(xml, n: "0") == #"{"D": {"a": "y", "b": "p"}}"#)
        #expect(try Self.evaluate(xml, n: "1") == #"{"D": {"a": "x", "b": "q"}}"#)
        #expect(try Self.evaluate(xml, n: "3") == #"{"D": {"a": "x", "b": "p"}}"#)
    }

    @Test func outputOrderAndRuleOrderAlwaysGiveLists() throws {
        let rules = [("&gt;= 0", [#""low""#]), ("&gt;= 1", [#""high""#]), ("&gt;= 2", [#""low""#])]
        let ordered = Self.model("OUTPUT ORDER", outputs: [(nil, #""high","low""#)], rules: rules)
        #expect(try Self.evaluate(ordered, n: "5") == #"{"D": ["high", "low", "low"]}"#)
        #expect(try Self.evaluate(ordered, n: "0") == #"{"D": ["low"]}"#)
        let ruleOrder = Self.model("RULE ORDER", outputs: [(nil, nil)], rules: rules)
        #expect(try Self.evaluate(ruleOrder, n: "5") == #"{"D": ["low", "high", "low"]}"#)
        #expect(try Self.evaluate(ruleOrder, n: "0.5") == #"{"D": ["low"]}"#)
        #expect(try Self.evaluate(ruleOrder, n: "-1") == #"{"D": null}"#)
    }

    @Test func collectAggregatesExactly() throws {
        let rules = [("&gt; 0", ["0.1"]), ("&gt; 1", ["0.2"]), ("&gt; 2", ["98.83"])]
        let sum = Self.model("COLLECT", outputs: [(nil, nil)], rules: rules, aggregation: "SUM", outputType: "number")
        #expect(try Self.evaluate(sum, n: "3") == #"{"D": 99.13}"#)
        #expect(try Self.evaluate(sum, n: "1.5") == #"{"D": 0.3}"#)
        let count = Self.model("COLLECT", outputs: [(nil, nil)], rules: rules, aggregation: "COUNT", outputType: "number")
        #expect(try Self.evaluate(count, n: "3") == #"{"D": 3}"#)
        #expect(try Self.evaluate(count, n: "0") == #"{"D": 0}"#)
        let max = Self.model("COLLECT", outputs: [(nil, nil)], rules: rules, aggregation: "MAX", outputType: "number")
        #expect(try Self.evaluate(max, n: "1.5") == #"{"D": 0.2}"#)
        let list = Self.model("COLLECT", outputs: [(nil, nil)], rules: rules, outputType: "number")
        #expect(try Self.evaluate(list, n: "3") == #"{"D": [0.1, 0.2, 98.83]}"#)
    }

    @Test func anyWithAgreeingRulesGivesTheResultAndUniqueViolationsGiveNull() throws {
        let rules = [("&gt;= 0", [#""yes""#]), ("&gt;= 1", [#""yes""#]), ("&gt;= 2", [#""no""#])]
        let any = Self.model("ANY", outputs: [(nil, nil)], rules: rules)
        #expect(try Self.evaluate(any, n: "1") == #"{"D": "yes"}"#)
        #expect(try Self.evaluate(any, n: "2") == #"{"D": null}"#)
        let unique = Self.model("UNIQUE", outputs: [(nil, nil)], rules: rules)
        #expect(try Self.evaluate(unique, n: "0") == #"{"D": "yes"}"#)
        #expect(try Self.evaluate(unique, n: "1") == #"{"D": null}"#)
    }
}
