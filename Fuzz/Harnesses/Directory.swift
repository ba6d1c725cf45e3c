// The Spark directory loader: any bytes give a directory or positioned diagnostics, never a
// trap; what loads strictly also loads leniently, with the same contacts.
import Diagnostics
import InteractionLogging

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectory(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let lenient = Result { () throws(DiagnosticsError) in try SparkDirectory(bytes: bytes, file: "fuzz.yaml") }
    let strict = Result { () throws(DiagnosticsError) in try SparkDirectory(bytes: bytes, file: "fuzz.yaml", strict: true) }
    if case .success = strict, case .failure(let error) = lenient {
        fatalError("loads strictly but not leniently: \(error)")
    }
    if case .success(let directory) = strict, !directory.warnings.isEmpty {
        fatalError("a strict load kept warnings: \(directory.warnings)")
    }
    return 0
}
