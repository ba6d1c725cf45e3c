// A YAML file read in two parts at once (libyaml on a second thread reads a long list's later
// items) gives exactly what it gives read in one: the same nodes, positions and texts, or the
// same diagnostics. Every input long enough to hold a list is offered the split.
import Diagnostics
import YAMLLoading

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLSplit(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    func read(splitFrom: Int) -> Result<(YAMLNode, [UInt8]), DiagnosticsError> {
        Result { () throws(DiagnosticsError) in
            let document = try YAMLParser.document(bytes, file: "fuzz.yaml", splitFrom: splitFrom)
            return (document.node(at: 0), document.bytes)
        }
    }
    switch (read(splitFrom: .max), read(splitFrom: 0)) {
    case (.success(let one), .success(let two)):
        guard one == two else { fatalError("the document read in two parts differs") }
    case (.failure(let one), .failure(let two)):
        guard one.diagnostics == two.diagnostics else {
            fatalError("the problems read in two parts differ: \(one.diagnostics) against \(two.diagnostics)")
        }
    default:
        fatalError("one part and two parts disagree on whether the file reads")
    }
    return 0
}
