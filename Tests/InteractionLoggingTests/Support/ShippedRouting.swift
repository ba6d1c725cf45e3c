import DecisionTable
import Foundation
import InteractionLogging
import Testing
import JSONLines

/// Routing one webhook with the rules built into the library, through the public API.
enum ShippedRouting {
    /// The shipped `interaction-logging.yaml`, loaded.
    static func rules() throws -> DecisionTables {
        try ShippedRules.tables()
    }

    /// The shipped rules' text with each `old` replaced by its `new`, loaded: a rules file a
    /// user edited.
    static func rules(replacing edits: [(old: String, new: String)]) throws -> DecisionTables {
        var text = ShippedRules.text
        for edit in edits {
            try #require(text.contains(edit.old), "the shipped rules no longer contain \(edit.old)")
            text = text.replacingOccurrences(of: edit.old, with: edit.new)
        }
        return try DecisionTables(yaml: text, file: ShippedRules.path)
    }

    /// Decodes a webhook body and routes it.
    /// - Parameters:
    ///   - webhook: The JSON text Aircall posts; it must be an interaction.
    ///   - directory: The Spark directory, as YAML.
    ///   - assignments: What a person chose on the Unassigned tab, checked and applied.
    static func route(_ webhook: String, directory: String, assignments: ManualAssignments = .init()) throws -> Route {
        let router = try Router(rules: rules(), directory: SparkDirectory(yaml: directory))
        let decoded = try AircallWebhook(json: JSONParser.parse(webhook))
        return router.route(try #require(decoded.interaction, "\(decoded) is not an interaction"), applying: assignments)
    }
}

extension AircallWebhook {
    /// The event to route, or nil when the webhook is ignored.
    var interaction: AircallEvent? {
        if case .interaction(let event) = self { event } else { nil }
    }
}
