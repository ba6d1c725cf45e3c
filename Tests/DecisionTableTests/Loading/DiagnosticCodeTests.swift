import Diagnostics
import Testing

/// The catalog is the one place codes are defined (a ``Diagnostic`` can only be made from a
/// ``DiagnosticCode``): every id is unique and kebab-case and has an explanation.
@Suite struct DiagnosticCodeTests {
    @Test func idsAreUniqueAndKebabCase() {
        let ids = DiagnosticCode.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !id.hasPrefix("-"), "\(id)")
            #expect(DiagnosticCode.named(id)?.id == id)
        }
        #expect(DiagnosticCode.named("no-such-code") == nil)
    }

    @Test func everyCodeIsExplained() {
        for code in DiagnosticCode.all {
            #expect(code.summary.count > 20 && code.summary.hasSuffix("."), "\(code.id): \(code.summary)")
        }
    }
}
