import Diagnostics

extension DecisionTables {
    /// Checks named facts against their domains and encodes them.
    /// - Throws: ``EvaluationError/invalidFacts(_:)`` naming every missing, unknown or
    ///   out-of-domain fact.
    public func encode(_ facts: [String: Value]) throws(EvaluationError) -> FactVector {
        let (vector, problems) = encodePartially(facts)
        guard problems.isEmpty else { throw .invalidFacts(problems) }
        return vector
    }

    /// Encodes the facts that fit their domains and names the rest: a fact that is missing
    /// or does not fit leaves its slot at 0, and the caller must not trust the tables that
    /// read it (DMN evaluation makes their decisions null).
    /// - Returns: The vector, and one problem per missing, unknown or out-of-domain fact.
    public func encodePartially(_ facts: [String: Value]) -> (facts: FactVector, problems: [FactProblem]) {
        var vector = FactVector(count: layout.facts.count)
        var problems: [FactProblem] = []
        for (slot, input) in layout.facts.enumerated() {
            guard let value = facts[input.name] else {
                problems.append(
                    FactProblem(
                        name: input.name,
                        message: "missing fact '\(input.name)' (\(input.domainSummary))"))
                continue
            }
            switch Self.encode(value, input: input) {
            case .success(let encoded): vector.set(encoded, at: slot)
            case .failure(let problem):
                problems.append(FactProblem(name: input.name, message: "fact '\(input.name)': \(problem.message)"))
            }
        }
        let known = Set(layout.facts.map(\.name))
        for name in facts.keys.sorted() where !known.contains(name) {
            let message =
                layout.outputs.contains(where: { $0.name == name })
                ? "'\(name)' is decided by a table and cannot be given as a fact"
                : "unknown fact '\(name)'" + Suggestion.clause(for: name, in: known)
            problems.append(FactProblem(name: name, message: message))
        }
        return (vector, problems)
    }

    private struct DomainProblem: Error { var message: String }

    private static func encode(_ value: Value, input: InputDefinition) -> Result<Int, DomainProblem> {
        let domain = input.domain
        switch input.coding {
        case .numbers(let line)?:
            guard let number = value.decimalNumber else {
                return .failure(DomainProblem(message: "expected a number, found \(describe(value))"))
            }
            let code = line.code(of: number)
            return domain.integerBounds.contains(code)
                ? .success(code)
                : .failure(DomainProblem(message: "\(number) is not \(input.domainSummary)"))
        case .strings(let strings)?:
            guard case .string(let text) = value else {
                return .failure(DomainProblem(message: "expected a string, found \(describe(value))"))
            }
            return .success(strings.index(of: text))
        case nil:
            break
        }
        switch (domain, value) {
        case (.integer, .integer(let number)):
            let bounds = domain.integerBounds
            return bounds.contains(number)
                ? .success(number)
                : .failure(DomainProblem(message: "\(number) is not \(domain.summary)"))
        case (.boolean, .boolean(let flag)):
            return .success(flag ? 1 : 0)
        case (.enumeration(let values), .string(let text)):
            if let index = values.firstIndex(of: text) { return .success(index) }
            return .failure(
                DomainProblem(
                    message: "'\(text)' is not \(domain.summary)" + Suggestion.clause(for: text, in: values)))
        default:
            return .failure(DomainProblem(message: "expected \(domain.summary), found \(describe(value))"))
        }
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .integer(let number): "the number \(number)"
        case .boolean(let flag): "the boolean \(flag)"
        case .string(let text): "the string \"\(text)\""
        case .number(let number): "the number \(number)"
        }
    }

    /// Names the tables, rules and facts of an evaluator's failure.
    func error(_ failure: Evaluator.Failure, slots: UnsafeMutablePointer<Int>) -> EvaluationError {
        func ids(_ t: Int, _ rules: [Int]) -> [String] { rules.map { tables[t].rules[$0].id } }
        switch failure {
        case .multiple(let t, let rules):
            return .multipleMatches(table: tables[t].name, rules: ids(t, rules))
        case .conflicting(let t, let rules):
            return .conflictingMatches(table: tables[t].name, rules: ids(t, rules))
        case .noMatch(let t):
            let facts = tables[t].inputs.map { input in
                NamedValue(
                    name: input.name,
                    value: SlotLayout.decode(slots[layout.inputSlot(input.name)], input: input))
            }
            return .noMatch(table: tables[t].name, facts: facts)
        case .outOfRange(let t, let column, let value):
            return .chainedValueOutOfRange(table: tables[t].name, input: tables[t].inputs[column].name, value: value)
        }
    }
}
