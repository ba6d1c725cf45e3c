/// Which rules two versions of a table have in common, in the same order: the rules left out
/// of a longest common subsequence of the two rule lists (Myers' O(ND) difference), where
/// rules are equal when their cells and outputs are.
///
/// Outside the boxes of the rules left out, every input matches the same rules, in the same
/// order, in both versions; only inside those boxes can the versions decide differently.
enum RuleAlignment {
    /// The rules (positions in `old` and in `new`) left out of a longest common subsequence.
    ///
    /// Past `maximumEdits` differences the search stops, and every rule between the common
    /// first and last rules counts as left out: still a common subsequence, only not the
    /// longest. The work is O((n + m) · d) for d differences, the memory O(d²).
    /// - Parameters:
    ///   - old: An id per rule of the old version, equal for equal rules.
    ///   - new: The same for the new version.
    static func unmatched(_ old: [Int], _ new: [Int], maximumEdits: Int = 1_000) -> (old: [Int], new: [Int]) {
        var start = 0
        while start < old.count, start < new.count, old[start] == new[start] { start += 1 }
        var (endOld, endNew) = (old.count, new.count)
        while endOld > start, endNew > start, old[endOld - 1] == new[endNew - 1] {
            endOld -= 1
            endNew -= 1
        }
        let (n, m) = (endOld - start, endNew - start)
        let everything = (Array(start..<endOld), Array(start..<endNew))
        if n == 0 || m == 0 { return everything }
        let limit = min(n + m, maximumEdits)
        // v[k + offset]: the furthest position in `old` on diagonal k (= x - y) so far; each
        // step's v is kept, over the diagonals that step can read, to walk the path back.
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for d in 0...limit {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, old[start + x] == new[start + y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m { return walkBack(trace, n, m, start) }
            }
        }
        return everything
    }

    /// The steps of the shortest path from its end back to its start, each a rule left out.
    private static func walkBack(_ trace: [[Int]], _ n: Int, _ m: Int, _ start: Int) -> (old: [Int], new: [Int]) {
        var (oldOut, newOut): ([Int], [Int]) = ([], [])
        var (x, y) = (n, m)
        for d in stride(from: trace.count - 1, to: 0, by: -1) {
            // The v before step d, over diagonals -d-1 ... d+1.
            let before = trace[d]
            func at(_ k: Int) -> Int { before[k + d + 1] }
            let k = x - y
            let previous = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
            let previousX = at(previous)
            let previousY = previousX - previous
            if previous == k + 1 {
                newOut.append(start + previousY)
            } else {
                oldOut.append(start + previousX)
            }
            (x, y) = (previousX, previousY)
        }
        return (oldOut.reversed(), newOut.reversed())
    }
}
