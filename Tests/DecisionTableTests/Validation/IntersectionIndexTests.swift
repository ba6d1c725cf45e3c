@testable import DecisionTable
import _DecisionTableTestSupport
import Testing

/// The two ways the intersection index answers, a tree over the rules' boxes and bitsets,
/// against each other and against asking every pair of rules, on random decision trees with
/// defects and on random boxes. The validator's brute-force suites run on tables too small for
/// the tree; these tables are not.
@Suite struct IntersectionIndexTests {
    /// Inputs: 5 values, integers 0...99, 70 values (two words of bits), integers -50...50.
    static let domain: [ColumnSet] = [
        .values(ValueBits(0..<5, count: 5)), .integers(IntervalSet([0...99])),
        .values(ValueBits(0..<70, count: 70)), .integers(IntervalSet([-50...50])),
    ]

    /// The number of values of each finite input.
    static let valueCounts = [5, 0, 70, 0]

    /// A random non-empty part of input `c`'s domain: a few values, or one or two intervals.
    static func cell(_ c: Int, _ random: inout SeededGenerator) -> ColumnSet {
        switch domain[c] {
        case .values:
            let count = valueCounts[c]
            let values = (0..<Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 0..<count, using: &random) }
            return .values(ValueBits(values, count: count))
        case .integers(let whole):
            let (first, last) = (whole.ranges[0].lowerBound, whole.ranges[0].upperBound)
            let low = Int.random(in: first...last, using: &random)
            let high = Int.random(in: low...min(last, low + 30), using: &random)
            if high + 2 < last, Int.random(in: 0..<4, using: &random) == 0 {
                let again = Int.random(in: (high + 2)...last, using: &random)
                return .integers(IntervalSet([low...high, again...last]))
            }
            return .integers(IntervalSet([low...high]))
        }
    }

    /// Random boxes, each constraining one to three inputs.
    static func randomBoxes(_ count: Int, _ random: inout SeededGenerator) -> [[ColumnSet]] {
        (0..<count).map { _ in
            var box = domain
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let c = Int.random(in: 0..<domain.count, using: &random)
                box[c] = cell(c, &random)
            }
            return box
        }
    }

    /// The leaves of a random decision tree over the domain, about `count` of them, some then
    /// widened into their neighbours: the shape the tree search is for.
    static func treeBoxes(_ count: Int, _ random: inout SeededGenerator) -> [[ColumnSet]] {
        var leaves: [[ColumnSet]] = []
        var pending = [(domain, count)]
        while let (box, budget) = pending.popLast() {
            let c = Int.random(in: 0..<domain.count, using: &random)
            guard budget > 1 else {
                leaves.append(box)
                continue
            }
            switch box[c] {
            case .values(let bits) where bits.values.count > 1:
                let shuffled = bits.values.shuffled(using: &random)
                let cut = shuffled.count / 2
                for part in [shuffled[..<cut], shuffled[cut...]] {
                    var child = box
                    child[c] = .values(ValueBits(Array(part), count: valueCounts[c]))
                    pending.append((child, budget / 2))
                }
            case .integers(let set) where set.ranges[0].count > 1:
                let range = set.ranges[0]
                let cut = Int.random(in: (range.lowerBound + 1)...range.upperBound, using: &random)
                for part in [range.lowerBound...(cut - 1), cut...range.upperBound] {
                    var child = box
                    child[c] = .integers(IntervalSet([part]))
                    pending.append((child, budget / 2))
                }
            default:
                pending.append((box, budget - 1))
            }
        }
        for k in leaves.indices where Int.random(in: 0..<10, using: &random) == 0 {
            let c = Int.random(in: 0..<domain.count, using: &random)
            leaves[k][c] = leaves[k][c].union(cell(c, &random))
        }
        return leaves.shuffled(using: &random)
    }

    static func tables(seed: UInt64) -> [[[ColumnSet]]] {
        var random = SeededGenerator(seed: seed)
        return [treeBoxes(600, &random), randomBoxes(300, &random)]
    }

    @Test("The tree and the bitsets find the same rules meeting each rule, which are every rule that does", arguments: 0..<6)
    func rulesMeetingAgree(seed: UInt64) {
        for rules in Self.tables(seed: seed) {
            let space = AnalysisSpace(domain: Self.domain, rules: rules)
            let cells = FlatCells(space)
            let tree = IntersectionIndex(space, cells, maximumBytes: 1 << 20, search: .tree)
            let bitsets = IntersectionIndex(space, cells, maximumBytes: 1 << 20, search: .bitsets)
            for r in rules.indices {
                let meeting = rules.indices.filter { $0 != r && cells.meet($0, r) }
                #expect(tree.rulesMeeting(r) == meeting, "rule \(r) of \(rules.count)")
                #expect(bitsets.rulesMeeting(r) == meeting, "rule \(r) of \(rules.count)")
                #expect(tree.rulesMeeting(r, below: r) == meeting.filter { $0 < r })
            }
        }
    }

    @Test("An index of some rules finds those meeting a box, by tree and by bitsets", arguments: 0..<6)
    func rulesMeetingABoxAgree(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed &+ 100)
        for rules in Self.tables(seed: seed) {
            let space = AnalysisSpace(domain: Self.domain, rules: rules)
            let cells = FlatCells(space)
            let members = rules.indices.filter { _ in Bool.random(using: &random) }
            let tree = IntersectionIndex(space, cells, rules: members, maximumBytes: 1 << 20, search: .tree)
            let bitsets = IntersectionIndex(space, cells, rules: members, maximumBytes: 1 << 20, search: .bitsets)
            for box in Self.randomBoxes(50, &random) {
                let region = try #require(Region.boxes(of: box, cells).first)
                let meeting = members.filter { cells.meets($0, region) }
                #expect(tree.rules(meeting: region) == meeting)
                #expect(bitsets.rules(meeting: region) == meeting)
            }
        }
    }

    @Test("A decision tree's rules are found by visiting a small part of them")
    func treeVisitsFew() {
        var random = SeededGenerator(seed: 7)
        let rules = Self.treeBoxes(4_000, &random)
        let cells = FlatCells(AnalysisSpace(domain: Self.domain, rules: rules))
        let tree = RuleTree(cells, members: Array(rules.indices))
        #expect(tree.expectedVisits < Double(rules.count) / 20, "\(tree.expectedVisits) of \(rules.count) rules visited")
    }
}
