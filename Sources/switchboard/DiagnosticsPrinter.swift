import DecisionTable
import InteractionLogging
import Diagnostics
import Foundation

/// Prints diagnostics to standard error, compiler-style.
enum DiagnosticsPrinter {
    /// Prints every diagnostic of `error` with its source line and a caret.
    /// - Parameter colors: Whether to colour them (``ColorOption/colors(on:)`` for standard error).
    static func print(_ error: DiagnosticsError, colors: Bool) {
        StandardStreams.report(DiagnosticsFormatter(colors: colors).format(error.diagnostics, sources: error.sources))
    }

    /// Prints an input that could not be read as a diagnostic at its first line, with the
    /// system's reason.
    static func print(_ failure: IOFailure, colors: Bool) {
        print(DiagnosticsError([failure.diagnostic]), colors: colors)
    }
}

extension IOFailure {
    /// The failure as an `unreadable` diagnostic at the file's first line.
    var diagnostic: Diagnostic {
        Diagnostic(
            .error, code: .unreadable, "cannot \(action.rawValue) the file: \(why)",
            at: SourceLocation(file: file == StandardStreams.inputName ? "-" : file, line: 1, column: 1))
    }
}

extension DiagnosticsPrinter {
    /// Prints why the router cannot act on a rules file, each problem at its declaration.
    static func print(_ error: RouterError, rules: DecisionTables, colors: Bool) {
        let text =
            (try? String(contentsOfFile: rules.file, encoding: .utf8))
            ?? (rules.file == ShippedRules.path ? ShippedRules.text : "")
        print(DiagnosticsError(error.diagnostics, sources: [rules.file: text]), colors: colors)
    }
}
