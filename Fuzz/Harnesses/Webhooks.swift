// Webhook decoding and batch routing: any bytes, read as `route` reads a source (one document
// or JSON Lines), give exactly one route per webhook body, never a trap.
import DecisionTable
import Foundation
import InteractionLogging

let router: BatchRouter = {
    guard let rules = try? ShippedRules.tables(),
          let directory = try? SparkDirectory(contentsOf: URL(filePath: "Examples/directory.yaml")),
          let router = try? BatchRouter(rules: rules, directory: directory, threads: 1) else {
        fatalError("run from the package's folder: Examples/directory.yaml is needed")
    }
    return router
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebhooks(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for input in [WebhookInput(bytes: bytes), WebhookInput(jsonLines: bytes)] {
        let routes = router.route(input, source: "fuzz")
        if routes.count != input.count { fatalError("\(input.count) bodies gave \(routes.count) routes") }
        let lines = router.jsonLines(routes).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        if lines.count != routes.count { fatalError("\(routes.count) routes gave \(lines.count) lines") }
    }
    return 0
}
