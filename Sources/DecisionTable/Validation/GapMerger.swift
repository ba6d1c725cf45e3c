/// Merges disjoint gap boxes into few rows: boxes equal on every input but one become one
/// row whose cell is the union, until nothing merges. The union is unchanged, so the rows
/// still describe exactly the uncovered space.
///
/// Each pass looks boxes up by a hash of every column but one, kept per column so that a
/// merge rehashes one column only: a pass costs a few operations per box and input, not a
/// hash of whole rows.
enum GapMerger {
    /// - Parameters:
    ///   - regions: Disjoint boxes, all of the same width.
    ///   - meter: When given, merging stops where it is once the budget runs out (the rows
    ///     are then more than they need be, and still exact).
    static func merge(_ regions: [[ColumnSet]], meter: BudgetMeter? = nil) -> [[ColumnSet]] {
        var boxes = regions
        guard let width = boxes.first?.count else { return [] }
        var hashes = boxes.map { $0.map(\.hashValue) }
        var alive = [Bool](repeating: true, count: boxes.count)
        var changed = true
        var slot: [Int: Int] = [:]
        slot.reserveCapacity(boxes.count)
        passes: while changed {
            changed = false
            for c in 0..<width {
                slot.removeAll(keepingCapacity: true)
                for b in boxes.indices where alive[b] {
                    if meter?.tick() == true { break passes }
                    var key = 0
                    for i in 0..<width where i != c { key = key &* 0x100_0000_01B3 &+ hashes[b][i] }
                    guard let a = slot[key] else {
                        slot[key] = b
                        continue
                    }
                    // Different boxes may share a key; only equal ones merge (a missed merge
                    // leaves one row more, never a wrong one).
                    guard (0..<width).allSatisfy({ $0 == c || boxes[a][$0] == boxes[b][$0] }) else { continue }
                    boxes[a][c] = boxes[a][c].union(boxes[b][c])
                    hashes[a][c] = boxes[a][c].hashValue
                    alive[b] = false
                    changed = true
                }
            }
        }
        return boxes.indices.filter { alive[$0] }.map { boxes[$0] }
    }
}
