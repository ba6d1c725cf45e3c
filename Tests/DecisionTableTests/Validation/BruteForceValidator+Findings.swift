import DecisionTable
import _DecisionTableTestSupport
import Diagnostics

extension BruteForceValidator {
    /// Where the validator's findings for this table differ from what enumeration proves, in
    /// words; empty when they agree exactly.
    ///
    /// - Gap rows, each non-empty, cover exactly the uncovered points: none missing, none extra
    ///   (a row that takes a value a chained input never receives claims points outside the space).
    /// - Duplicates are the rules whose points equal an earlier rule's, paired with the first.
    /// - Overlaps come in groups of rules that all match the group's witness, or in groups
    ///   led by a hub: the hub's pair with each other rule, each reportable, the witness
    ///   matched by the hub and the next rule. Taking from each group its pairs that are
    ///   reportable (`unique`: every pair, `any`: those whose outputs
    ///   differ; never a pair of identical rules, which the duplicate finding already names),
    ///   the groups give exactly the reportable overlapping pairs, and every rule of a group is
    ///   in such a pair. Overlapping pairs with equal outputs where one rule's points lie inside
    ///   the other's are subsumed.
    /// - `first` and `priority` report as shadowed, in groups, every rule that decides no point,
    ///   except later duplicates and rules that match nothing, each once. A group is covered by
    ///   one better-ranked rule holding all of its rules' points, or it is one rule covered by
    ///   exactly the better-ranked rules that share a point with it.
    func disagreements(with findings: [Finding]) -> [String] {
        var problems: [String] = []
        let index = Dictionary(uniqueKeysWithValues: table.rules.enumerated().map { ($1.id, $0) })
        func rules(_ finding: Finding) -> [Int] { finding.rules.compactMap { index[$0] } }
        func ids(_ pairs: some Sequence<[Int]>) -> String {
            pairs.sorted { $0.lexicographicallyPrecedes($1) }
                .map { "(" + $0.map { table.rules[$0].id }.joined(separator: ", ") + ")" }.joined(separator: " ")
        }
        func compare(_ what: String, reported: Set<[Int]>, expected: Set<[Int]>) {
            if reported != expected {
                problems.append("\(what): reported \(ids(reported)) but enumeration finds \(ids(expected))")
            }
        }
        let byCode = Dictionary(grouping: findings, by: \.diagnostic.code)
        for finding in findings where finding.rules.count != rules(finding).count {
            problems.append("\(finding.diagnostic.code) names a rule the table lacks: \(finding.rules)")
        }

        problems += gapDisagreements(byCode["gap"] ?? [])

        let duplicates = duplicates
        compare(
            "duplicate", reported: Set((byCode["duplicate"] ?? []).map(rules)),
            expected: Set(duplicates.map { [$0.first, $0.second] }))
        let laterCopies = Set(duplicates.map(\.second))
        let identical = Set(overlapping.filter { matched[$0.first] == matched[$0.second] }.map { [$0.first, $0.second] })

        let overlaps = byCode["overlap"] ?? []
        let subsumed = byCode["subsumed"] ?? []
        let shadowed = byCode["shadowed"] ?? []
        switch table.hitPolicy {
        case .unique, .any:
            let pairs = overlapping.map { [$0.first, $0.second] }.filter { !identical.contains($0) }
            func reportable(_ a: Int, _ b: Int) -> Bool {
                !identical.contains([min(a, b), max(a, b)]) && (table.hitPolicy == .unique || outputs(a) != outputs(b))
            }
            var grouped = Set<[Int]>()
            for overlap in overlaps {
                let members = rules(overlap)
                if let hub = overlap.hub {
                    // A hub's group states the hub's pair with each other rule, and its witness
                    // is an input the hub and the next rule share.
                    if overlap.rules.first != hub { problems.append("overlap group \(overlap.rules): the hub \(hub) is not first") }
                    problems += witnessDisagreements(overlap, Array(members.prefix(2)))
                    for b in members.dropFirst() {
                        if !reportable(members[0], b) {
                            problems.append("overlap group \(overlap.rules): '\(table.rules[b].id)' and the hub are no reportable pair")
                        }
                        grouped.insert([min(members[0], b), max(members[0], b)])
                    }
                    continue
                }
                problems += witnessDisagreements(overlap, members)
                for (i, a) in members.enumerated() {
                    var paired = false
                    for (j, b) in members.enumerated() where i != j && reportable(a, b) {
                        paired = true
                        if i < j { grouped.insert([min(a, b), max(a, b)]) }
                    }
                    if !paired { problems.append("overlap group \(overlap.rules): '\(table.rules[a].id)' is in no reportable pair") }
                }
            }
            compare("overlap", reported: grouped, expected: Set(pairs.filter { reportable($0[0], $0[1]) }))
            compare(
                "subsumed", reported: Set(subsumed.map(rules)),
                expected: Set(
                    pairs.compactMap { pair in
                        guard outputs(pair[0]) == outputs(pair[1]) else { return nil }
                        if isContained(pair[1], in: pair[0]) { return [pair[1], pair[0]] }
                        if isContained(pair[0], in: pair[1]) { return pair }
                        return nil
                    }))
            if !shadowed.isEmpty { problems.append("shadowed under \(table.hitPolicy)") }
        case .first, .priority:
            let winners = winners
            let losers = table.rules.indices.filter { !winners.contains($0) }
            if table.hitPolicy == .first, !laterCopies.isSubset(of: losers) {
                problems.append("enumeration: a later copy wins under first")
            }
            let reported = shadowed.flatMap(rules)
            if Set(reported).count != reported.count { problems.append("a rule is in two shadowed groups: \(reported)") }
            compare(
                "shadowed", reported: Set(reported.map { [$0] }),
                expected: Set(losers.filter { !laterCopies.contains($0) && !unreachable.contains($0) }.map { [$0] }))
            let ranks = ranks
            for finding in shadowed {
                let group = rules(finding)
                let by = (finding.coveredBy ?? []).compactMap { index[$0] }
                if by.count == 1, group.allSatisfy({ ranks[by[0]] < ranks[$0] && isContained($0, in: by[0]) }) { continue }
                for loser in group {
                    let cover = table.rules.indices.filter { ranks[$0] < ranks[loser] && shareAPoint($0, loser) }
                    if by != cover {
                        problems.append(
                            "shadowed '\(table.rules[loser].id)' covered by \(finding.coveredBy ?? []), "
                                + "but the better-ranked rules sharing a point are \(cover.map { table.rules[$0].id })")
                    }
                }
            }
            if !overlaps.isEmpty || !subsumed.isEmpty { problems.append("overlap or subsumed under \(table.hitPolicy)") }
        case .collect, .ruleOrder, .outputOrder:
            if !overlaps.isEmpty || !subsumed.isEmpty || !shadowed.isEmpty {
                problems.append("overlap, subsumed or shadowed under \(table.hitPolicy)")
            }
        }
        return problems
    }

    // MARK: Gaps

    private func gapDisagreements(_ gaps: [Finding]) -> [String] {
        var problems: [String] = []
        let expectedSeverity: Severity =
            table.gapsAllowed || table.outputs.allSatisfy({ $0.defaultValue != nil })
            ? .warning : .error
        var claimed = Set<[Int]>()
        for gap in gaps {
            if gap.diagnostic.severity != expectedSeverity {
                problems.append("gap is \(gap.diagnostic.severity), expected \(expectedSeverity)")
            }
            guard let cells = gap.cells, cells.map(\.input) == table.inputs.map(\.name) else {
                problems.append("gap row without one cell per input: \(String(describing: gap.cells))")
                continue
            }
            var columns: [[Int]] = []
            for (input, cell) in zip(table.inputs, cells) {
                switch Self.expand(cell.values, domain: input.domain) {
                case .success(let values) where values.isEmpty:
                    problems.append("gap row with an empty cell for \(input.name): \(cell.values.cellSyntax)")
                case .success(let values):
                    columns.append(values)
                case .failure(let problem):
                    problems.append("gap cell \(input.name) = \(cell.values.cellSyntax): \(problem.reason)")
                }
            }
            guard columns.count == cells.count else { continue }
            var points: [[Int]] = [[]]
            for column in columns { points = points.flatMap { point in column.map { point + [$0] } } }
            claimed.formUnion(points)
        }
        let uncovered = uncovered
        let extra = claimed.subtracting(uncovered)
        let missing = uncovered.subtracting(claimed)
        func sample(_ points: Set<[Int]>) -> String {
            points.sorted { $0.lexicographicallyPrecedes($1) }.prefix(3).map { "\($0)" }.joined(separator: ", ")
        }
        if !extra.isEmpty { problems.append("gap rows claim \(extra.count) points a rule matches or the space lacks: \(sample(extra))") }
        if !missing.isEmpty { problems.append("\(missing.count) uncovered points are in no gap row: \(sample(missing))") }
        return problems
    }

    struct ExpansionFailure: Error { let reason: String }

    /// The encoded values a gap cell stands for, within the input's declared domain; values
    /// outside it, or too many to list, are a failure.
    static func expand(_ cell: CellValues, domain: Domain) -> Result<[Int], ExpansionFailure> {
        let bounds = domain.integerBounds
        func span(_ low: Int, _ high: Int) -> Result<[Int], ExpansionFailure> {
            guard low <= high else { return .failure(.init(reason: "empty range \(low)...\(high)")) }
            guard low >= bounds.lowerBound, high <= bounds.upperBound else {
                return .failure(.init(reason: "\(low)...\(high) leaves the domain \(domain.summary)"))
            }
            let (width, overflow) = high.subtractingReportingOverflow(low)
            guard !overflow, width < 4_096 else { return .failure(.init(reason: "\(low)...\(high) is too wide")) }
            return .success(Array(low...high))
        }
        switch cell {
        case .any:
            if let count = domain.finiteCount { return .success(Array(0..<count)) }
            return span(bounds.lowerBound, bounds.upperBound)
        case .values(let values):
            var encoded: [Int] = []
            for value in values {
                guard let e = encode(value, in: domain), domain.finiteCount != nil else {
                    return .failure(.init(reason: "\(value) is not a value of \(domain.summary)"))
                }
                encoded.append(e)
            }
            return .success(encoded)
        case .ranges(let ranges):
            guard case .integer = domain else { return .failure(.init(reason: "ranges for a finite input")) }
            var result: [Int] = []
            for range in ranges {
                switch span(range.lower ?? .min, range.upper ?? .max) {
                case .success(let values): result += values
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success(result)
        case .numbers, .otherThan:
            return .failure(.init(reason: "number and free string cells are checked by NumberColumnBruteForceTests"))
        }
    }

    // MARK: Witnesses

    private func witnessDisagreements(_ overlap: Finding, _ rules: [Int]) -> [String] {
        guard rules.count >= 2, let witness = overlap.witness,
            witness.map(\.name) == table.inputs.map(\.name)
        else {
            return ["overlap \(overlap.rules) without two rules and a full witness"]
        }
        let point = zip(witness, table.inputs).map { BruteForceValidator.encode($0.value, in: $1.domain) }
        guard let p = index(of: point.compactMap { $0 }), !point.contains(nil) else {
            return ["overlap \(overlap.rules): witness \(witness) lies outside the space"]
        }
        if !rules.allSatisfy({ rule($0, matches: p) }) {
            return ["overlap \(overlap.rules): witness \(witness) is not matched by every rule of the group"]
        }
        return []
    }
}
