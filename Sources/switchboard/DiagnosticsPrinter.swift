import DecisionTable
import InteractionLogging
import Foundation
import Diagnostics

/// Prints diagnostics to standard error, compiler-style, in colour only on a terminal and
/// never when NO_COLOR is set.
enum DiagnosticsPrinter {
    static var colors: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func print(_ error: DiagnosticsError) {
        let text = DiagnosticsFormatter(colors: colors).format(error.diagnostics, sources: error.sources)
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension DiagnosticsPrinter {
    /// Prints why the router cannot act on a rules file, each problem at its declaration.
    static func print(_ error: RouterError, rules: DecisionTables) {
        let text = (try? String(contentsOfFile: rules.file, encoding: .utf8))
            ?? (rules.file == ShippedRules.path ? ShippedRules.text : "")
        print(DiagnosticsError(error.diagnostics, sources: [rules.file: text]))
    }
}
