import DecisionTable
import DecisionTableReports
import _DecisionTableTestSupport
import Foundation
import Testing

/// The analysis never runs past its budget, and what it reports when stopped is true.
@Suite struct ValidatorBudgetTests {
    /// Whether some rule of the table matches the gap row's first point (its witness).
    static func witnessIsUndecided(_ gap: Finding, _ tables: DecisionTables) throws -> Bool {
        let cells = try #require(gap.cells)
        var facts: [String: Value] = [:]
        for cell in cells {
            let input = try #require(tables.tables[0].inputs.first { $0.name == cell.input })
            switch cell.values {
            case .any:
                facts[cell.input] =
                    input.domain.finiteCount == nil
                    ? .integer(input.domain.integerBounds.lowerBound)
                    : .string(input.domain.valueName(0))
            case .values(let values): facts[cell.input] = values[0]
            case .ranges(let ranges): facts[cell.input] = .integer(ranges[0].lower ?? input.domain.integerBounds.lowerBound)
            case .numbers, .otherThan: Issue.record("these tables have no number or free string columns")
            }
        }
        do {
            _ = try tables.evaluate(facts)
            return false
        } catch {
            return true
        }
    }

    @Test("A time budget stops the gap cut; the gaps found are undecided inputs", arguments: [0, 1])
    func timeBudget(hostile: Int) throws {
        let yaml = AnalysisWorkloads.hostile[hostile].yaml()
        let tables = try ValidationTables.load(yaml)
        let started = ContinuousClock.now
        let report = Validator.validate(yaml: yaml, budget: AnalysisBudget(timeout: .milliseconds(300)))
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(!report.isComplete)
        let incomplete = try #require(report.findings.first { $0.diagnostic.code == "incomplete" })
        #expect(incomplete.diagnostic.message.contains("gaps: stopped at the time budget (0.3 s)"))
        let gaps = report.findings.filter { $0.diagnostic.code == "gap" }
        #expect(!gaps.isEmpty)
        // Boxes past the listing cap are counted in one finding without cells; every listed
        // box has a witness.
        for gap in gaps.filter({ $0.cells != nil }).prefix(20) { #expect(try Self.witnessIsUndecided(gap, tables)) }
    }

    @Test("A memory budget stops the analysis too")
    func memoryBudget() throws {
        let yaml = AnalysisWorkloads.hostile[0].yaml()
        let report = Validator.validate(yaml: yaml, budget: AnalysisBudget(maximumMemory: 4_096, timeout: .seconds(5)))
        #expect(!report.isComplete)
        let incomplete = try #require(report.findings.first { $0.diagnostic.code == "incomplete" })
        #expect(incomplete.diagnostic.message.contains("overlaps: stopped at half the memory budget (4096 bytes)"))
        #expect(incomplete.diagnostic.message.contains("gaps: stopped at the memory budget (4096 bytes)"))
        // With room for a few gaps, the rest are counted, not kept.
        let roomy = Validator.validate(yaml: yaml, budget: AnalysisBudget(maximumMemory: 1 << 20, timeout: .milliseconds(500)))
        #expect(
            roomy.findings.contains {
                $0.diagnostic.message.contains(
                    "decides nothing in more of the input space than listed (a report keeps the first 10000 boxes, within a quarter of the memory budget"
                )
            })
    }

    /// A group of overlapping rules is reported as a finding with a message and a witness,
    /// far larger than the pair of indices the search keeps: the budget must count what the
    /// report will hold, or a table of many overlaps runs past it by the findings alone.
    @Test("The overlap findings kept stay within the memory budget")
    func overlapFindingsWithinBudget() throws {
        // A tree with a fifth of its rules widened: each widened rule meets many leaves, in
        // pairs by the thousand.
        let yaml = ValidationTables.yaml(
            ruleCount: 6_000, columns: ValidationTables.columns(count: 6, enumValues: 4...8, integerBounds: 0...99, seed: 3),
            hitPolicy: .unique, gaps: 0, overlaps: 0, widened: 1_200, seed: 11)
        let budget = 1 << 20
        // The memory budget stops the search; the time budget only bounds the test, with room
        // for a debug build on a busy machine.
        let report = Validator.validate(yaml: yaml, budget: AnalysisBudget(maximumMemory: budget, timeout: .seconds(30)))
        let overlaps = report.findings.filter { $0.diagnostic.code == "overlap" }
        #expect(!overlaps.isEmpty)
        // Less than the findings take: the message's bytes, the witness's and the rule ids'
        // inline storage, without any object header or allocator overhead.
        let heldAtLeast = overlaps.reduce(0) {
            $0 + $1.diagnostic.message.utf8.count + ($1.witness?.count ?? 0) * MemoryLayout<NamedValue>.stride
                + $1.rules.count * MemoryLayout<String>.stride
        }
        #expect(heldAtLeast <= budget, "\(overlaps.count) overlap findings hold at least \(heldAtLeast) bytes")
        // The overlaps take at most half the budget: the gap search after them has the rest.
        let incomplete = try #require(report.findings.first { $0.diagnostic.code == "incomplete" })
        #expect(incomplete.diagnostic.message.contains("overlaps: stopped at half the memory budget (1 MiB), the rest kept for the gaps"))
    }

    @Test("Shadowed rules under a first-rule catch-all are one group")
    func shadowedGroup() throws {
        let yaml = RandomBoxTables.yaml(
            ruleCount: 30, columns: ValidationTables.columns(count: 4, enumValues: 2...5, integerBounds: 0...9, seed: 1),
            constrained: 1...3, hitPolicy: .first, seed: 5
        )
        .replacingOccurrences(of: "    rules:\n", with: "    rules:\n      - { id: everything, then: { o: -1 } }\n")
        let report = Validator.validate(yaml: yaml)
        let shadowed = report.findings.filter { $0.diagnostic.code == "shadowed" }
        let duplicates = report.findings.count { $0.diagnostic.code == "duplicate" }
        #expect(shadowed.count == 1)
        #expect(shadowed.first?.rules.count == 30 - duplicates)
        #expect(shadowed.first?.coveredBy == ["everything"])
        #expect(shadowed.first?.diagnostic.message.hasPrefix("rules 'r0', 'r1', ") == true)
        #expect(
            shadowed.first?.diagnostic.message.hasSuffix(
                " and \(20 - duplicates) more can never win: earlier rule 'everything' matches every input they match") == true)
    }

    @Test("A stopped diff says so and keeps the changes it found")
    func diffBudget() throws {
        let (_, old, new) = AnalysisWorkloads.diffPair(.unique)
        let diff = SemanticDiff.diff(
            old: try ValidationTables.load(old).tables, new: try ValidationTables.load(new).tables,
            budget: AnalysisBudget(timeout: .milliseconds(1)))
        #expect(diff.incomplete.count == 1)
        #expect(diff.incomplete.first?.hasPrefix("the comparison of table 'generated' stopped at the time budget") == true)
    }
}
