import DecisionTable
import DecisionTableReports
import Diagnostics
import JSONLines
import DecisionTableDMN
import Testing

/// Information requirements between decisions chain the tables: a decision's value flows into
/// the tables that read it, with numbers and free strings coded alike on both sides.
@Suite struct DMNChainTests {
    static let model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="m" name="chain" namespace="x">
          <inputData id="score" name="Score"><variable name="Score" typeRef="number"/></inputData>
          <decision id="risk" name="Risk">
            <variable name="Risk" typeRef="string"/>
            <informationRequirement id="r1"><requiredInput href="#score"/></informationRequirement>
            <decisionTable id="t1">
              <input id="i1"><inputExpression typeRef="number"><text>Score</text></inputExpression></input>
              <output id="o1" typeRef="string"/>
              <rule id="low"><inputEntry><text>&lt; 600</text></inputEntry><outputEntry><text>"High"</text></outputEntry></rule>
              <rule id="mid"><inputEntry><text>[600..750)</text></inputEntry><outputEntry><text>"Medium"</text></outputEntry></rule>
              <rule id="top"><inputEntry><text>&gt;= 750</text></inputEntry><outputEntry><text>"Low"</text></outputEntry></rule>
            </decisionTable>
          </decision>
          <decision id="limit" name="Limit">
            <variable name="Limit" typeRef="number"/>
            <informationRequirement id="r2"><requiredDecision href="#risk"/></informationRequirement>
            <decisionTable id="t2">
              <input id="i2"><inputExpression typeRef="string"><text>Risk</text></inputExpression></input>
              <output id="o2" typeRef="number"/>
              <rule id="l1"><inputEntry><text>"Low"</text></inputEntry><outputEntry><text>10000.50</text></outputEntry></rule>
              <rule id="l2"><inputEntry><text>not("Low")</text></inputEntry><outputEntry><text>2500</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """

    @Test func decisionsReadEarlierDecisions() throws {
        let model = DMNReader.read(bytes: Array(Self.model.utf8), file: "chain.dmn")
        #expect(model.diagnostics.isEmpty, "\(model.diagnostics)")
        #expect(model.tables.map(\.name) == ["Risk", "Limit"])
        #expect(model.tables[1].inputs[0].producer == "Risk")
        let runtime = DMNRuntime(model)
        let results = try ["599.99", "600", "750", "1000"].map { score in
            runtime.evaluate(try JSONParser.parse(#"{"Score": \#(score)}"#)).decisions.rendered
        }
        #expect(
            results == [
                #"{"Risk": "High", "Limit": 2500}"#,
                #"{"Risk": "Medium", "Limit": 2500}"#,
                #"{"Risk": "Low", "Limit": 10000.5}"#,
                #"{"Risk": "Low", "Limit": 10000.5}"#,
            ])
        #expect(Validator.findings(for: model.tables).isEmpty, "\(Validator.findings(for: model.tables).map(\.diagnostic.message))")
    }

    @Test func aCycleIsReported() {
        let cyclic = Self.model.replacingOccurrences(of: "<text>Score</text>", with: "<text>Limit</text>")
        let model = DMNReader.read(bytes: Array(cyclic.utf8), file: "cycle.dmn")
        #expect(model.diagnostics.map(\.code).contains("dmn-cycle"), "\(model.diagnostics)")
    }
}
