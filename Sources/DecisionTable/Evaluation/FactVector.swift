/// Facts encoded for evaluation: one integer per fact, in ``DecisionTables/facts`` order.
///
/// Build one with ``DecisionTables/encode(_:)``, which checks every fact against its domain,
/// or fill one in place with ``set(_:at:)`` from values already checked (the hot path).
public struct FactVector: Hashable, Sendable {
    /// The encoded values: enum index, 0 or 1 for booleans, the integer itself.
    public internal(set) var encoded: [Int]

    init(count: Int) { encoded = [Int](repeating: 0, count: count) }

    /// Sets the fact at `slot` to an already encoded value. The caller guarantees the value
    /// is in the fact's domain (an enum index below its count, an integer within min/max).
    public mutating func set(_ encodedValue: Int, at slot: Int) { encoded[slot] = encodedValue }
}
