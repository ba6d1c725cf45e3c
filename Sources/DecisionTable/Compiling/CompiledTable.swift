/// A table compiled for evaluation: plain integers and `UInt64` bitset words, nothing else.
///
/// Every rule is a bit. Each constrained input column holds one row of bits per value (enums,
/// booleans) or per elementary interval (integers): the rules whose cell matches that value.
/// Evaluating is looking up one row per column and AND-ing the rows.
struct CompiledTable: Sendable {
    /// How the table's matching rules become its result.
    enum Policy: Sendable {
        case unique, first, priority, any, collect, ruleOrder, outputOrder
        case sum, min, max, count
    }

    let policy: Policy
    let ruleCount: Int
    /// `UInt64` words per bitset: `ceil(ruleCount / 64)`.
    let wordCount: Int
    /// Every rule's bit set; the last word is partial.
    let allRules: [UInt64]
    /// Only the columns some rule constrains: a column of wildcards changes nothing.
    let columns: [CompiledColumn]
    /// Every column's rows, one after another, `wordCount` words each.
    let masks: [UInt64]
    /// The first integer of each elementary interval of every integer column, ascending.
    let breakpoints: [Int]
    /// The slot each output writes.
    let outputSlots: [Int]
    /// The encoded value of every output of every rule, rule-major (defaults filled in).
    let ruleOutputs: [Int]
    /// Each output's encoded default, when every output has one.
    let defaults: [Int]?
    /// For priority: each rule's rank, lower wins (output priority first, then file order).
    let priorityRank: [Int32]
}

/// One constrained input column of a ``CompiledTable``.
struct CompiledColumn: Sendable {
    /// The slot the column reads its value from.
    let slot: Int
    /// The offset of the column's first row in ``CompiledTable/masks``.
    let maskBase: Int
    /// For integer columns, the column's range in ``CompiledTable/breakpoints``; empty otherwise.
    let breakpointStart: Int
    let breakpointCount: Int
    /// For a chained integer input, the bounds its producer's value must lie in.
    let bounds: ClosedRange<Int>?
    /// The column's input, for error messages.
    let inputIndex: Int
}
