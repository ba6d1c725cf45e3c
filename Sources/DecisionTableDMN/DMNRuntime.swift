import DecisionTable
import DecisionTableReports
import Diagnostics
import JSONLines

/// Evaluates a DMN model's decisions on facts keyed by `inputData` names, and gives each
/// decision's result in DMN's shape: a single output's value, a context (object) of several
/// outputs, a list for `COLLECT`, `RULE ORDER` and `OUTPUT ORDER`, an aggregated number, or
/// null where no rule matched and no default applies.
public struct DMNRuntime: Sendable {
    public let model: DMNModel
    public let tables: DecisionTables

    /// Compiles a model's tables; the model must be free of errors.
    public init(_ model: DMNModel) {
        self.model = model
        self.tables = CheckedRules(file: model.file, tables: model.tables).compiled()
    }

    /// The result of one evaluation.
    public struct Result: Sendable {
        /// Decision name to value, in evaluation order.
        public var decisions: JSONValue
        /// Why decisions are null, for people: facts that do not fit, hit-policy violations.
        public var errors: [String]
    }

    /// Evaluates every decision on a JSON object of facts. A missing, null or out-of-domain
    /// fact makes the decisions that read it (directly or through other decisions) null.
    public func evaluate(_ json: JSONValue) -> Result {
        var errors: [String] = []
        guard case .object(let pairs) = json else {
            return Result(decisions: .null, errors: ["expected a JSON object of facts, found \(json.kindDescription)"])
        }
        let given = Dictionary(pairs, uniquingKeysWith: { _, last in last })
        let (vector, problems) = tables.encodePartially(given.compactMapValues(\.value))
        var unknown = Set(problems.map(\.name))
        for problem in problems where given[problem.name] != nil && given[problem.name] != .null {
            errors.append(problem.message)
        }
        let evaluator = tables.makeEvaluator()
        evaluator.recordsAllMatches = true
        evaluator.load(vector)
        var results: [(String, JSONValue)] = []
        for (t, table) in tables.tables.enumerated() {
            guard let decision = model.decisions.first(where: { $0.table == table.name }) else { continue }
            if table.inputs.contains(where: { unknown.contains($0.name) }) {
                for output in table.outputs { unknown.insert(output.name) }
                results.append((decision.name, .null))
                continue
            }
            do {
                try evaluator.run(tables: t..<(t + 1))
            } catch {
                if case .noMatch = error {} else { errors.append("decision '\(decision.name)': \(error)") }
                for output in table.outputs { unknown.insert(output.name) }
                results.append((decision.name, Self.emptyResult(table)))
                continue
            }
            let winners = evaluator.winners(ofTable: t).map(Int.init)
            results.append(
                (
                    decision.name,
                    Self.result(
                        table, decision: decision, winners: winners,
                        usedDefaults: evaluator.usedDefaults(ofTable: t))
                ))
        }
        return Result(decisions: .object(results), errors: errors)
    }

    /// A decision with no match and no defaults: null, or 0 for a count.
    static func emptyResult(_ table: TableDefinition) -> JSONValue {
        if case .collect(.count?) = table.hitPolicy { return .integer(0) }
        return .null
    }

    static func result(_ table: TableDefinition, decision: DMNDecision, winners: [Int], usedDefaults: Bool) -> JSONValue {
        let rows: [[Value]] =
            usedDefaults
            ? [table.outputs.map { $0.defaultValue! }]
            : winners.map { r in zip(table.rules[r].outputs, table.outputs).map { $0 ?? $1.defaultValue! } }
        func shape(_ row: [Value]) -> JSONValue {
            if decision.isSingleOutput { return JSONValue(row[0]) }
            return .object(zip(decision.outputs, row).map { ($0.dmnName ?? $0.slot, JSONValue($1)) })
        }
        switch table.hitPolicy {
        case .collect(let aggregation?):
            if usedDefaults { return shape(rows[0]) }
            let column = rows.map { $0[0] }
            return JSONValue(aggregation.fold(column))
        case .collect(nil), .ruleOrder, .outputOrder:
            return .array(rows.map(shape))
        default:
            return rows.first.map(shape) ?? .null
        }
    }
}
