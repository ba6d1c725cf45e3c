import DecisionTable

/// Makes random, valid facts for loaded tables: one value inside each fact's domain.
///
/// Integers land where evaluators go wrong: most of the time on a boundary some cell draws,
/// or one either side of it; otherwise anywhere in the domain, including its ends and the
/// ends of `Int`.
public struct RandomFacts: Sendable {
    private struct Fact: Sendable {
        var name: String
        var domain: Domain
        /// For integers, the numbers next to every cell boundary, inside the domain.
        var nearby: [Int]
    }

    private let facts: [Fact]

    /// Prepares the boundaries of every integer fact of `tables`.
    public init(_ tables: DecisionTables) {
        facts = tables.facts.map { fact in
            guard case .integer = fact.domain else { return Fact(name: fact.name, domain: fact.domain, nearby: []) }
            let bounds = fact.domain.integerBounds
            var edges: Set<Int> = [0, bounds.lowerBound, bounds.upperBound]
            for table in tables.tables {
                for (i, input) in table.inputs.enumerated() where input.name == fact.name {
                    for rule in table.rules {
                        for range in rule.conditions[i].intervals?.ranges ?? [] {
                            edges.insert(range.lowerBound)
                            edges.insert(range.upperBound)
                        }
                    }
                }
            }
            var nearby: Set<Int> = []
            for edge in edges {
                for offset in -1...1 { nearby.insert(edge.adding(offset).clamped(bounds.lowerBound, bounds.upperBound)) }
            }
            return Fact(name: fact.name, domain: fact.domain, nearby: nearby.sorted())
        }
    }

    /// One value for every fact.
    /// - Parameter generator: The source of randomness; seed it to replay a run.
    /// - Returns: Facts by name, ready for ``DecisionTables/evaluate(_:)``.
    public func next(using generator: inout some RandomNumberGenerator) -> [String: Value] {
        var values: [String: Value] = [:]
        for fact in facts {
            switch fact.domain {
            case .boolean:
                values[fact.name] = .boolean(generator.chance(0.5))
            case .enumeration(let names):
                values[fact.name] = .string(generator.pick(names))
            case .integer:
                values[fact.name] = .integer(integer(fact, using: &generator))
            }
        }
        return values
    }

    private func integer(_ fact: Fact, using generator: inout some RandomNumberGenerator) -> Int {
        let bounds = fact.domain.integerBounds
        switch generator.int(0..<20) {
        case 0..<16:
            return generator.pick(fact.nearby)
        case 16, 17:
            return generator.int(-1_000...1_000).clamped(bounds.lowerBound, bounds.upperBound)
        case 18:
            return generator.pick([Int.min, Int.min + 1, Int.max - 1, Int.max]).clamped(bounds.lowerBound, bounds.upperBound)
        default:
            return Int.random(in: bounds, using: &generator)
        }
    }
}
