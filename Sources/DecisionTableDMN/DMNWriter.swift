import DecisionTable
import DecisionTableReports
import Diagnostics

/// Writes checked tables as a DMN 1.3 model that Camunda Modeler opens: one decision per
/// table (chained tables as information requirements between decisions), one input data
/// per fact, cells as S-FEEL unary tests regenerated exactly from the tables' value sets, and
/// DMNDI shapes and edges so that every element is drawn. Reading the result back with
/// ``DMNReader`` gives tables that decide exactly as the originals.
public enum DMNWriter {
    /// The DMN 1.3 model namespace.
    public static let namespace = "https://www.omg.org/spec/DMN/20191111/MODEL/"

    /// The model as XML text.
    /// - Parameters:
    ///   - tables: Checked tables in evaluation order (as `DecisionTables.tables` holds them).
    ///   - name: The model's name.
    public static func xml(_ tables: [TableDefinition], name: String) -> String {
        var ids = IDs()
        let produced = Dictionary(tables.flatMap { table in table.outputs.map { ($0.name, table) } }, uniquingKeysWith: { a, _ in a })
        var facts: [InputDefinition] = []
        for table in tables {
            for input in table.inputs where produced[input.name] == nil && !facts.contains(where: { $0.name == input.name }) {
                facts.append(input)
            }
        }
        var out = XMLText()
        out.line(0, #"<?xml version="1.0" encoding="UTF-8"?>"#)
        out.line(
            0,
            "<definitions xmlns=\"\(namespace)\" xmlns:dmndi=\"https://www.omg.org/spec/DMN/20191111/DMNDI/\" "
                + "xmlns:dc=\"http://www.omg.org/spec/DMN/20180521/DC/\" xmlns:di=\"http://www.omg.org/spec/DMN/20180521/DI/\" "
                + "id=\"\(ids.make("definitions", name))\" name=\(quote(name)) namespace=\"https://switchboard.invalid/dmn/\(ids.slug(name))\">")
        var edges: [(id: String, from: String, to: String)] = []
        for fact in facts {
            let id = ids.element("input", fact.name)
            out.line(1, "<inputData id=\"\(id)\" name=\(quote(fact.name))>")
            if let description = fact.description { out.line(2, "<description>\(escape(description))</description>") }
            out.line(2, "<variable id=\"\(ids.make("variable", fact.name))\" name=\(quote(fact.name)) typeRef=\"\(typeRef(fact))\"/>")
            out.line(1, "</inputData>")
        }
        for table in tables {
            let decisionID = ids.element("decision", table.name)
            out.line(1, "<decision id=\"\(decisionID)\" name=\(quote(table.name))>")
            if let description = table.description { out.line(2, "<description>\(escape(description))</description>") }
            let variableType = table.outputs.count == 1 && !table.hitPolicy.yieldsLists ? " typeRef=\"\(typeRef(table.outputs[0].type))\"" : ""
            out.line(2, "<variable id=\"\(ids.make("variable", table.name))\" name=\(quote(table.name))\(variableType)/>")
            var required: [String] = []
            for input in table.inputs {
                let source = produced[input.name].map { ids.element("decision", $0.name) } ?? ids.element("input", input.name)
                if required.contains(source) { continue }
                required.append(source)
                let requirement = ids.make("requirement", table.name + "-" + input.name)
                let kind = produced[input.name] == nil ? "requiredInput" : "requiredDecision"
                out.line(2, "<informationRequirement id=\"\(requirement)\"><\(kind) href=\"#\(source)\"/></informationRequirement>")
                edges.append((requirement, source, decisionID))
            }
            out.line(2, "<decisionTable id=\"\(ids.make("table", table.name))\"\(hitAttributes(table.hitPolicy))>")
            for input in table.inputs {
                out.line(3, "<input id=\"\(ids.make("in", table.name + "-" + input.name))\" label=\(quote(input.name))>")
                if let description = input.description { out.line(4, "<description>\(escape(description))</description>") }
                let expression =
                    produced[input.name].map { producer in
                        producer.outputs.count == 1 ? producer.name : producer.name + "." + input.name
                    } ?? input.name
                out.line(
                    4,
                    "<inputExpression id=\"\(ids.make("expr", table.name + "-" + input.name))\" typeRef=\"\(typeRef(input))\">"
                        + "<text>\(escape(expression))</text></inputExpression>")
                if let values = inputValues(input) {
                    out.line(
                        4, "<inputValues id=\"\(ids.make("values", table.name + "-" + input.name))\"><text>\(escape(values))</text></inputValues>")
                }
                out.line(3, "</input>")
            }
            for output in table.outputs {
                out.line(
                    3,
                    "<output id=\"\(ids.make("out", table.name + "-" + output.name))\" name=\(quote(output.name)) typeRef=\"\(typeRef(output.type))\">"
                )
                if let description = output.description { out.line(4, "<description>\(escape(description))</description>") }
                if case .enumeration(let values) = output.type {
                    out.line(
                        4,
                        "<outputValues id=\"\(ids.make("values", table.name + "-" + output.name))\"><text>\(escape(values.map(feelString).joined(separator: ",")))</text></outputValues>"
                    )
                }
                if let value = output.defaultValue {
                    out.line(
                        4,
                        "<defaultOutputEntry id=\"\(ids.make("default", table.name + "-" + output.name))\"><text>\(escape(literal(value)))</text></defaultOutputEntry>"
                    )
                }
                out.line(3, "</output>")
            }
            for rule in table.rules {
                out.line(3, "<rule id=\"\(ids.rule(rule.id, table: table.name))\">")
                if let description = rule.description { out.line(4, "<description>\(escape(description))</description>") }
                for (i, condition) in rule.conditions.enumerated() {
                    out.line(
                        4,
                        "<inputEntry id=\"\(ids.make("entry", "\(table.name)-\(rule.id)-\(i)"))\"><text>\(escape(unaryTests(condition, input: table.inputs[i])))</text></inputEntry>"
                    )
                }
                for (o, output) in table.outputs.enumerated() {
                    let value = rule.outputs[o] ?? output.defaultValue!
                    out.line(
                        4,
                        "<outputEntry id=\"\(ids.make("entry", "\(table.name)-\(rule.id)-out-\(o)"))\"><text>\(escape(literal(value)))</text></outputEntry>"
                    )
                }
                out.line(3, "</rule>")
            }
            out.line(2, "</decisionTable>")
            out.line(1, "</decision>")
        }
        diagram(
            &out, ids: &ids, decisions: tables.map { ids.element("decision", $0.name) },
            inputs: facts.map { ids.element("input", $0.name) }, edges: edges)
        out.line(0, "</definitions>")
        return out.text
    }

    // MARK: Diagram

    private static func diagram(
        _ out: inout XMLText, ids: inout IDs, decisions: [String], inputs: [String],
        edges: [(id: String, from: String, to: String)]
    ) {
        // Decisions in rows of four, input data in rows of six beneath them.
        var centers: [String: (x: Int, top: Int, bottom: Int)] = [:]
        out.line(1, "<dmndi:DMNDI>")
        out.line(2, "<dmndi:DMNDiagram id=\"\(ids.make("diagram", "main"))\">")
        let decisionRows = (decisions.count + 3) / 4
        for (i, id) in decisions.enumerated() {
            let x = 160 + (i % 4) * 260
            let y = 80 + (i / 4) * 160
            centers[id] = (x + 90, y, y + 80)
            out.line(
                3,
                "<dmndi:DMNShape id=\"\(ids.make("shape", id))\" dmnElementRef=\"\(id)\"><dc:Bounds height=\"80\" width=\"180\" x=\"\(x)\" y=\"\(y)\"/></dmndi:DMNShape>"
            )
        }
        for (i, id) in inputs.enumerated() {
            let x = 160 + (i % 6) * 180
            let y = 80 + decisionRows * 160 + (i / 6) * 100
            centers[id] = (x + 62, y, y + 45)
            out.line(
                3,
                "<dmndi:DMNShape id=\"\(ids.make("shape", id))\" dmnElementRef=\"\(id)\"><dc:Bounds height=\"45\" width=\"125\" x=\"\(x)\" y=\"\(y)\"/></dmndi:DMNShape>"
            )
        }
        for edge in edges {
            guard let from = centers[edge.from], let to = centers[edge.to] else { continue }
            let (fromY, toY) = from.top > to.top ? (from.top, to.bottom) : (from.bottom, to.top)
            out.line(
                3,
                "<dmndi:DMNEdge id=\"\(ids.make("edge", edge.id))\" dmnElementRef=\"\(edge.id)\">"
                    + "<di:waypoint x=\"\(from.x)\" y=\"\(fromY)\"/><di:waypoint x=\"\(to.x)\" y=\"\(toY)\"/></dmndi:DMNEdge>")
        }
        out.line(2, "</dmndi:DMNDiagram>")
        out.line(1, "</dmndi:DMNDI>")
    }

    // MARK: Types and values

    static func typeRef(_ input: InputDefinition) -> String {
        switch (input.coding, input.domain) {
        case (.numbers?, _): "number"
        case (.strings?, _), (nil, .enumeration): "string"
        case (nil, .integer): "integer"
        case (nil, .boolean): "boolean"
        }
    }

    static func typeRef(_ type: OutputType) -> String {
        switch type {
        case .enumeration, .string: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        }
    }

    private static func hitAttributes(_ hit: HitPolicy) -> String {
        switch hit {
        case .unique: " hitPolicy=\"UNIQUE\""
        case .first: " hitPolicy=\"FIRST\""
        case .priority: " hitPolicy=\"PRIORITY\""
        case .any: " hitPolicy=\"ANY\""
        case .ruleOrder: " hitPolicy=\"RULE ORDER\""
        case .outputOrder: " hitPolicy=\"OUTPUT ORDER\""
        case .collect(nil): " hitPolicy=\"COLLECT\""
        case .collect(let aggregation?): " hitPolicy=\"COLLECT\" aggregation=\"\(aggregation.rawValue.uppercased())\""
        }
    }

    /// An input's allowed values: an enumeration's names, or an integer or number column's bounds.
    static func inputValues(_ input: InputDefinition) -> String? {
        switch (input.coding, input.domain) {
        case (nil, .enumeration(let values)): return values.map(feelString).joined(separator: ",")
        case (nil, .integer(let low, let high)):
            switch (low, high) {
            case (nil, nil): return nil
            case (let low?, nil): return ">= \(low)"
            case (nil, let high?): return "<= \(high)"
            case (let low?, let high?): return "[\(low)..\(high)]"
            }
        case (.numbers(let line)?, _):
            let bounds = input.domain.integerBounds
            guard bounds != 0...line.maxCode else { return nil }
            return line.interval(of: bounds).description
        default:
            return nil
        }
    }

    /// A cell as S-FEEL unary tests over exactly the cell's values.
    static func unaryTests(_ condition: Condition, input: InputDefinition) -> String {
        if condition.isWildcard { return "-" }
        switch (input.coding, input.domain) {
        case (.numbers(let line)?, _):
            return (condition.intervals ?? .empty).ranges.map { line.interval(of: $0).description }.joined(separator: ",")
        case (.strings(let strings)?, _):
            let values = condition.values ?? []
            if values.contains(strings.mentioned.count) {
                let excluded = strings.mentioned.indices.filter { !values.contains($0) }.map { feelString(strings.mentioned[$0]) }
                return excluded.isEmpty ? "-" : "not(" + excluded.joined(separator: ",") + ")"
            }
            return values.map { feelString(strings.mentioned[$0]) }.joined(separator: ",")
        case (nil, .boolean):
            return (condition.values ?? []).map { $0 == 1 ? "true" : "false" }.joined(separator: ",")
        case (nil, .enumeration(let names)):
            return (condition.values ?? []).map { feelString(names[$0]) }.joined(separator: ",")
        case (nil, .integer):
            return (condition.intervals ?? .empty).ranges.map { range -> String in
                switch (range.lowerBound == .min, range.upperBound == .max) {
                case (true, true): return "-"
                case (false, true): return ">= \(range.lowerBound)"
                case (true, false): return "<= \(range.upperBound)"
                case (false, false): return range.count == 1 ? "\(range.lowerBound)" : "[\(range.lowerBound)..\(range.upperBound)]"
                }
            }.joined(separator: ",")
        }
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .string(let text): feelString(text)
        case .integer(let number): String(number)
        case .number(let number): number.description
        case .boolean(let flag): String(flag)
        }
    }

    /// A FEEL string literal.
    static func feelString(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    static func escape(_ text: String) -> String { text.markupEscaped }

    static func quote(_ text: String) -> String { "\"" + escape(text) + "\"" }
}

/// Lines of XML with two-space indentation.
private struct XMLText {
    var text = ""
    mutating func line(_ depth: Int, _ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }
}

/// Unique XML ids (NCNames) derived from names.
private struct IDs {
    private var used: Set<String> = []
    private var elements: [String: String] = [:]

    /// A name as id characters: letters, digits, `-`, `_`, `.`; others become `_`.
    func slug(_ name: String) -> String {
        let mapped = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        return mapped.isEmpty ? "_" : mapped
    }

    /// A fresh id `prefix-slug`, numbered when taken.
    mutating func make(_ prefix: String, _ name: String) -> String {
        let base = prefix + "-" + slug(name)
        var id = base
        var n = 2
        while used.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        used.insert(id)
        return id
    }

    /// The one id of a named element (a decision or an input data), made on first use.
    mutating func element(_ prefix: String, _ name: String) -> String {
        let key = prefix + "\u{0}" + name
        if let id = elements[key] { return id }
        let id = make(prefix, name)
        elements[key] = id
        return id
    }

    /// A rule's id: its own when that is a valid id not yet used, else prefixed by its table.
    mutating func rule(_ id: String, table: String) -> String {
        if let first = id.first, first.isLetter || first == "_", slug(id) == id, !used.contains(id) {
            used.insert(id)
            return id
        }
        return make("rule", table + "-" + id)
    }
}
