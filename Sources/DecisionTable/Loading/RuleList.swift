import YAMLLoading

/// A table's `rules` list as records of the parsed document: the rule decoder reads most
/// rules from the records themselves, and makes nodes only for a rule it cannot read that
/// way (one with a problem to report, or written in a rarer form).
struct RuleList {
    /// The parsed file; nil when the table has no list of rules.
    let document: YAMLDocument?
    /// The record of each rule, in order.
    let items: [Int]

    /// The list at record `list` of `document`, or no rules when `list` is nil.
    init(document: YAMLDocument, list: Int?) {
        var items: [Int] = []
        guard let list else {
            self.document = nil
            self.items = items
            return
        }
        self.document = document
        items.reserveCapacity(document.childCount(list))
        var item = list + 1
        for _ in 0..<document.childCount(list) {
            items.append(item)
            item = document.next(after: item)
        }
        self.items = items
    }

    /// No rules.
    init() {
        document = nil
        items = []
    }

    /// The `rules` list of each table that has one, by the table's position in `tables`:
    /// those lists are left out of the header's nodes.
    static func lists(in document: YAMLDocument) -> [Int: Int] {
        guard let tables = document.value(in: document.root, forKey: "tables"), document.kind(tables) == .sequence
        else { return [:] }
        var lists: [Int: Int] = [:]
        var table = tables + 1
        for position in 0..<document.childCount(tables) {
            if let rules = document.value(in: table, forKey: "rules"), document.kind(rules) == .sequence {
                lists[position] = rules
            }
            table = document.next(after: table)
        }
        return lists
    }
}
