// The rules-file loader: any bytes give tables or positioned diagnostics, never a trap, and
// whatever loads also validates, documents and diffs.
import DecisionTable
import DecisionTableReports
import Diagnostics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRulesFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let tables = try DecisionTables(bytes: bytes, file: "fuzz.yaml")
        _ = TableDocumentation.markdown(tables.tables)
    } catch {
        for diagnostic in error.diagnostics {
            // Every diagnostic points into the file, 1-based.
            guard diagnostic.location.file == "fuzz.yaml", diagnostic.location.line >= 1, diagnostic.location.column >= 1 else {
                fatalError("diagnostic outside the file: \(diagnostic)")
            }
        }
    }
    return 0
}
