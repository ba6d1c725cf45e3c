import DecisionTable
import Diagnostics

/// The rules routing uses unless it is given others: `rules/interaction-logging.yaml`,
/// compiled into the library as text (``text``), so that a copied `switchboard` binary works
/// from any folder with no file beside it.
public enum ShippedRules {
    /// The path the built-in rules are compiled from, which diagnostics and explanations name.
    public static let path = "rules/interaction-logging.yaml"

    /// The built-in rules, loaded and checked.
    /// - Throws: `DiagnosticsError` if the compiled-in text does not load (a test keeps it
    ///   loading).
    public static func tables() throws(DiagnosticsError) -> DecisionTables {
        try DecisionTables(yaml: text, file: path)
    }
}
