// The validator and the diff on small tables: a rules file that loads diffs with itself to
// nothing, and on every table small enough to enumerate, the validator's findings are exactly
// what visiting every point finds (BruteForceValidator, as the brute-force tests check).
import DecisionTable
import _DecisionTableTestSupport

/// Tables up to this many points are enumerated.
let maximumPoints = 4_096

/// The number of points of `table`'s input space, or nil when an input is unbounded or the
/// space is larger than ``maximumPoints``.
func points(_ table: TableDefinition, in tables: [TableDefinition]) -> Int? {
    var points = 1
    for input in table.inputs {
        let count: Int
        if let produced = BruteForceValidator.producible(input, tables: tables) {
            count = produced.count
        } else {
            switch input.domain {
            case .boolean: count = 2
            case .enumeration(let names): count = names.count
            case .integer(let low?, let high?):
                let (span, overflow) = high.subtractingReportingOverflow(low)
                guard !overflow, span < maximumPoints else { return nil }
                count = span + 1
            default: return nil
            }
        }
        let (product, overflow) = points.multipliedReportingOverflow(by: count)
        guard !overflow, product <= maximumPoints else { return nil }
        points = product
    }
    return points
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnalysis(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let report = Validator.validate(bytes: bytes, file: "fuzz.yaml")
    guard let tables = try? DecisionTables(bytes: bytes, file: "fuzz.yaml") else { return 0 }
    let diff = SemanticDiff.diff(old: tables, new: tables)
    if !diff.isEmpty { fatalError("a rules file differs from itself: \(diff)") }
    for table in tables.tables where points(table, in: tables.tables) != nil {
        let brute = BruteForceValidator(table: table, tables: tables.tables)
        let problems = brute.disagreements(with: report.findings.filter { $0.table == table.name })
        if !problems.isEmpty { fatalError("table '\(table.name)': \(problems.joined(separator: "\n"))") }
    }
    return 0
}
