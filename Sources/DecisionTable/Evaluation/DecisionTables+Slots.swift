extension DecisionTables {
    /// Where ``Evaluator/encodedOutput(_:)`` reads each table's outputs: one slot per output,
    /// in table order, then declared order. For readers that render an evaluator's results
    /// themselves, without building an ``Evaluation``.
    package var outputSlots: [[Int]] {
        tables.map { table in table.outputs.map { layout.outputSlot($0.name) } }
    }
}
