import DecisionTable
import Foundation

/// The rules file built into the library, so routing works from any folder.
public enum ShippedRules {
    /// The location of the built-in `interaction-logging.yaml`.
    public static var url: URL? {
        Bundle.module.url(forResource: "interaction-logging", withExtension: "yaml")
    }
}
