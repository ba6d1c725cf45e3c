import DecisionTableReports
import DecisionTable
import JSONLines

extension ScenarioFile {
    /// Runs every scenario: facts through `DecisionTables.evaluate`, events through ``Router``.
    /// - Returns: One result per scenario, in file order.
    public func run() -> [ScenarioResult] {
        var scoped: [String: DecisionTables] = [:]
        return scenarios.map { scenario in
            switch scenario.input {
            case .facts(let facts, let table):
                var tables = rules
                if let table, let alone = scoped[table] ?? rules.checked.table(named: table)?.compiled() {
                    tables = alone
                    scoped[table] = alone
                }
                return run(scenario, facts: facts, tables: tables)
            case .event(let input):
                return run(scenario, event: input)
            }
        }
    }

    private func run(_ scenario: Scenario, facts: [String: Value], tables: DecisionTables) -> ScenarioResult {
        let evaluation: Evaluation
        do {
            evaluation = try tables.evaluate(facts)
        } catch {
            return ScenarioResult(scenario: scenario, mismatches: [], error: error.description, reason: nil, rules: [])
        }
        let deciding = evaluation.tables.map { (table: $0.name, rules: $0.winners) }
        let mismatches = scenario.expectations.compactMap { expectation -> Mismatch? in
            let actual = evaluation[expectation.field]?.json ?? .null
            guard actual != expectation.value else { return nil }
            let producer = tables.tables.first { $0.outputs.contains { $0.name == expectation.field } }
            return Mismatch(
                field: expectation.field, expected: expectation.value, actual: actual, location: expectation.location,
                decidedBy: producer.map { references(table: $0.name, in: deciding) } ?? [])
        }
        return ScenarioResult(scenario: scenario, mismatches: mismatches, error: nil, reason: nil, rules: deciding)
    }

    private func run(_ scenario: Scenario, event input: Scenario.EventInput) -> ScenarioResult {
        let route: Route
        switch input.webhook {
        case .ignored(let event, let id, let reason):
            route = Route(event: event, id: id, status: .ignored, reason: reason)
        case .interaction(let event):
            do {
                route = try Router(rules: rules, directory: input.directory).route(event, applying: input.assignments)
            } catch {
                return ScenarioResult(scenario: scenario, mismatches: [], error: error.description, reason: nil, rules: [])
            }
        }
        let json = route.json
        let mismatches = scenario.expectations.compactMap { expectation -> Mismatch? in
            let actual =
                expectation.field == "refused"
                ? .array(route.refusals.map { .string($0.action.rawValue) })
                : json[expectation.field] ?? .null
            guard !Self.same(expectation.value, actual, unordered: Scenario.unorderedFields.contains(expectation.field)) else {
                return nil
            }
            let table = producingTable(of: expectation.field)
            return Mismatch(
                field: expectation.field, expected: expectation.value, actual: actual, location: expectation.location,
                decidedBy: table.map { references(table: $0, in: route.rules) } ?? [])
        }
        return ScenarioResult(
            scenario: scenario, mismatches: mismatches, error: route.status == .error ? route.reason : nil,
            reason: route.status == .error ? nil : route.reason, rules: route.rules, refusals: route.refusals)
    }

    /// Lists compared as sets where the router's order is its own (projects are sorted).
    private static func same(_ expected: JSONValue, _ actual: JSONValue, unordered: Bool) -> Bool {
        guard unordered, case .array(let a) = expected, case .array(let b) = actual else { return expected == actual }
        return a.map(\.rendered).sorted() == b.map(\.rendered).sorted()
    }

    /// The table whose output a route field shows: `actions`, `candidates` and `refused`
    /// follow the `assign_*` outputs.
    private func producingTable(of field: String) -> String? {
        let outputs = ["actions", "candidates", "refused"].contains(field) ? ScenarioDecoder.actions : [field]
        return rules.tables.first { table in table.outputs.contains { outputs.contains($0.name) } }?.name
    }

    private func references(table: String, in deciding: [(table: String, rules: [String])]) -> [TableRule] {
        guard let definition = rules.tables.first(where: { $0.name == table }),
            let winners = deciding.first(where: { $0.table == table })?.rules
        else { return [] }
        return winners.compactMap { id in
            definition.rules.first { $0.id == id }.map { TableRule(table: table, id: id, location: $0.location) }
        }
    }
}
