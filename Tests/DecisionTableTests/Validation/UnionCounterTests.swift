@testable import DecisionTable
import _DecisionTableTestSupport
import Testing

/// The count by inclusion and exclusion that the gap cut uses for the parts its first stage
/// leaves uncovered, against counting the points one by one.
@Suite struct UnionCounterTests {
    /// Inputs of 5 values, integers 0...9 and 3 values: 150 points to count.
    static let sizes = [5, 10, 3]
    static let domain: [ColumnSet] = [
        .values(ValueBits(0..<5, count: 5)), .integers(IntervalSet([0...9])), .values(ValueBits(0..<3, count: 3)),
    ]

    /// A random box: a non-empty set of values per finite input, one interval per integer one.
    static func box(_ random: inout SeededGenerator) -> [ColumnSet] {
        sizes.indices.map { c in
            if c == 1 {
                let low = Int.random(in: 0...9, using: &random)
                return .integers(IntervalSet([low...Int.random(in: low...9, using: &random)]))
            }
            var values = (0..<sizes[c]).filter { _ in Bool.random(using: &random) }
            if values.isEmpty { values = [Int.random(in: 0..<sizes[c], using: &random)] }
            return .values(ValueBits(values, count: sizes[c]))
        }
    }

    /// Whether a box holds the point (value, integer, value).
    static func holds(_ box: [ColumnSet], _ point: [Int]) -> Bool {
        zip(box, point).allSatisfy { set, value in
            switch set {
            case .values(let bits): bits.contains(value)
            case .integers(let intervals): intervals.ranges.contains { $0.contains(value) }
            }
        }
    }

    @Test("The covered fraction of a box is the fraction of its points some rule matches", arguments: 0..<200)
    func coveredFractionMatchesCounting(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let rules = (0..<Int.random(in: 1...14, using: &random)).map { _ in Self.box(&random) }
        let region = Self.box(&random)
        let space = AnalysisSpace(domain: Self.domain, rules: rules)
        let cells = FlatCells(space)
        let box = try #require(Region.boxes(of: region, cells).first)
        let meeting = rules.indices.filter { cells.meets($0, box) }
        var counter = UnionCounter(cells: cells)
        #expect(counter.countable(box, meeting))

        var (inside, covered) = (0, 0)
        for a in 0..<5 {
            for i in 0...9 {
                for b in 0..<3 where Self.holds(region, [a, i, b]) {
                    inside += 1
                    if rules.contains(where: { Self.holds($0, [a, i, b]) }) { covered += 1 }
                }
            }
        }
        let counted = counter.coveredFraction(of: box, by: meeting, maximumSteps: .max)
        let fraction = try #require(counted)
        #expect(abs(fraction - Double(covered) / Double(inside)) < 1e-12, "\(meeting.count) rules meeting the box")
    }

    @Test("A count past its steps gives up rather than answer")
    func countGivesUp() throws {
        let whole = Self.domain
        // Three rules each holding the whole box but in one input: none of them covers it,
        // together they leave 2 × 4 × 1 of its 150 points.
        var rules = [whole, whole, whole]
        rules[0][0] = .values(ValueBits(0..<3, count: 5))
        rules[1][1] = .integers(IntervalSet([0...5]))
        rules[2][2] = .values(ValueBits(0..<2, count: 3))
        let space = AnalysisSpace(domain: whole, rules: rules)
        let cells = FlatCells(space)
        let box = try #require(Region.boxes(of: whole, cells).first)
        var counter = UnionCounter(cells: cells)
        let stopped = counter.coveredFraction(of: box, by: [0, 1, 2], maximumSteps: 2)
        let counted = counter.coveredFraction(of: box, by: [0, 1, 2], maximumSteps: .max)
        let finished = try #require(counted)
        #expect(stopped == nil)
        #expect(abs(finished - 142.0 / 150) < 1e-12)
    }

    @Test("A rule holding the whole box covers it, whatever the others")
    func ruleHoldingTheBox() throws {
        let whole = Self.domain
        var rules = [whole, whole]
        rules[0][1] = .integers(IntervalSet([2...3]))
        let space = AnalysisSpace(domain: whole, rules: rules)
        let cells = FlatCells(space)
        let box = try #require(Region.boxes(of: whole, cells).first)
        var counter = UnionCounter(cells: cells)
        #expect(counter.coveredFraction(of: box, by: [0, 1], maximumSteps: 1) == 1)
        #expect(counter.coveredFraction(of: box, by: [0], maximumSteps: .max) == 0.2)
    }
}
