import ArgumentParser
import Diagnostics

extension Switchboard {
    /// `switchboard explain`: what a diagnostic code means.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a diagnostic code, or list every code.",
            discussion: """
                Every diagnostic prints its code in brackets (`[duplicate-key]`); this prints the \
                code's usual severity and what it means. Without a code, lists the whole catalog.

                Exit codes: 0 explained; 64 unknown code.
                """
        )

        @Argument(help: ArgumentHelp("A diagnostic code, such as duplicate-key.", valueName: "code"))
        var code: String?

        func validate() throws {
            guard let code, DiagnosticCode.named(code) == nil else { return }
            throw ValidationError(
                "unknown diagnostic code '\(code)'" + Suggestion.clause(for: code, in: DiagnosticCode.all.map(\.id)))
        }

        func run() throws {
            var output = Output.standardOutput()
            if let code, let entry = DiagnosticCode.named(code) {
                try output.write("\(entry.id) (\(entry.severity.rawValue), \(entry.area.lowercased())): \(entry.summary)\n")
            } else {
                var area = ""
                for entry in DiagnosticCode.all {
                    if entry.area != area {
                        try output.write((area.isEmpty ? "" : "\n") + entry.area + "\n")
                        area = entry.area
                    }
                    try output.write("  \(entry.id) (\(entry.severity.rawValue)): \(entry.summary)\n")
                }
            }
            try output.flush()
        }
    }
}
