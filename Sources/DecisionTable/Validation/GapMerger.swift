/// Merges disjoint gap boxes into few rows: boxes equal on every input but one become one
/// row whose cell is the union, until nothing merges. The union is unchanged, so the rows
/// still describe exactly the uncovered space.
enum GapMerger {
    static func merge(_ regions: [[ColumnSet]]) -> [[ColumnSet]] {
        var boxes = regions
        guard let width = boxes.first?.count else { return [] }
        var changed = true
        while changed {
            changed = false
            for c in 0..<width {
                var merged: [[ColumnSet]] = []
                var slot: [[ColumnSet]: Int] = [:]
                for box in boxes {
                    var key = box
                    key[c] = .integers(.empty)
                    if let index = slot[key] {
                        merged[index][c] = merged[index][c].union(box[c])
                        changed = true
                    } else {
                        slot[key] = merged.count
                        merged.append(box)
                    }
                }
                boxes = merged
            }
        }
        return boxes
    }
}
