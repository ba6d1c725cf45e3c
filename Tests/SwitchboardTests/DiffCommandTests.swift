import DecisionTable
import Foundation
import Testing
import JSONLines

/// `switchboard diff` as a rules author runs it before shipping an edit.
@Suite struct DiffCommandTests {
    static let shipped = "rules/interaction-logging.yaml"

    /// The shipped rules with `edit` applied to their text, as a temporary file.
    static func edited(_ edit: (String) -> String) throws -> String {
        let text = try String(contentsOf: CommandRunner.packageRoot.appending(path: shipped), encoding: .utf8)
        let changed = edit(text)
        #expect(changed != text, "the edit changed nothing")
        return try CommandRunner.temporaryFile(changed)
    }

    /// Replaces the one occurrence of `old`.
    static func replacing(_ old: String, with new: String) -> (String) -> String {
        { text in
            #expect(text.components(separatedBy: old).count == 2, "'\(old)' is not in the shipped rules exactly once")
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    @Test func identicalFilesDecideAlikeAndExit0() throws {
        let result = try CommandRunner.run(["diff", Self.shipped, Self.shipped])
        #expect(result.status == 0)
        #expect(result.stdout == "no change in what the rules decide\n")
        #expect(result.stderr == "")

        let json = try CommandRunner.run(["diff", "--format", "json", Self.shipped, Self.shipped])
        #expect(json.status == 0)
        #expect(
            json.stdout == """
                {"summary": {"regions": 0, "tables": {}, "outputs": {}, "old_rules": [], "new_rules": [], "structural": 0}, \
                "changes": [], "structural": []}

                """)
    }

    /// The button for "several contacts and the team member not known" changes: the button
    /// table changes where it reads those assignments, and its final output changes for the
    /// facts that lead there through the contact, team-member and assignments tables.
    static var buttonEdit: (String) -> String {
        replacing(
            """
            when: { assign_contact: true, assign_projects: false, assign_team_member: true }
                    then: { button: Assign }
            """,
            with: """
                when: { assign_contact: true, assign_projects: false, assign_team_member: true }
                        then: { button: Assign to Contact }
                """)
    }

    /// The line of `- id: ID` in the shipped rules.
    static func line(ofRule id: String) throws -> Int {
        let text = try String(contentsOf: CommandRunner.packageRoot.appending(path: shipped), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "- id: \(id)" }) + 1
    }

    @Test func anEditShowsASummaryThenEachRegionWithItsConstrainedInputsAndRuleLinesAndExits1() throws {
        let edited = try Self.edited(Self.buttonEdit)
        let result = try CommandRunner.run(["diff", Self.shipped, edited])
        let line = try Self.line(ofRule: "contact-and-team-member-button")
        let old = "(rule 'contact-and-team-member-button' at \(Self.shipped):\(line))"
        let new = "(rule 'contact-and-team-member-button' at \(edited):\(line))"
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                3 regions decide differently (by table: 'button' 1, 'button (final)' 2)
                  changed outputs, by regions: button 3
                  deciding rules: 1 rule ('contact-and-team-member-button') before, 1 rule ('contact-and-team-member-button') after

                table 'button' when assign_contact is true, assign_projects is false, assign_team_member is true:
                  old: button = Assign \(old)
                  new: button = Assign to Contact \(new)
                table 'button (final)' when contact_matches is >= 2, team_member_assigned is false, line_team_members is 0 or >= 2, kind is call, user_is_team_member is false:
                  old: button = Assign \(old)
                  new: button = Assign to Contact \(new)
                table 'button (final)' when contact_matches is >= 2, team_member_assigned is false, line_team_members is 0 or >= 2, kind is message:
                  old: button = Assign \(old)
                  new: button = Assign to Contact \(new)

                """)
    }

    @Test func jsonGivesASummaryAndEachChangeWithCellsAsValidateWritesThemAndRuleLocations() throws {
        let edited = try Self.edited(Self.buttonEdit)
        let result = try CommandRunner.run(["diff", "--format", "json", Self.shipped, edited])
        let line = try Self.line(ofRule: "contact-and-team-member-button")
        let locations = { (file: String) in
            #""old_rule_locations": [{"file": "\#(Self.shipped)", "line": \#(line), "column": 9}], "new_rule_locations": [{"file": "\#(file)", "line": \#(line), "column": 9}]"#
        }
        #expect(result.status == 1)
        let final = """
            {"table": "button (final)", "cells": {"contact_matches": {"ranges": [[2, null]]}, \
            "team_member_assigned": {"in": [false]}, "line_team_members": {"ranges": [[0, 0], [2, null]]}, \
            "kind": {"in": ["KIND"]}, "direction": "-", "user_is_team_member": USER, "projects_assigned": "-", \
            "contact_projects": "-", "log_on_all_projects": "-", "shared_projects": "-"}, \
            "old": {"button": "Assign"}, "new": {"button": "Assign to Contact"}, \
            "old_rules": ["contact-and-team-member-button"], "new_rules": ["contact-and-team-member-button"], \
            \(locations(edited))}
            """
        #expect(
            result.stdout == """
                {"summary": {"regions": 3, "tables": {"button": 1, "button (final)": 2}, "outputs": {"button": 3}, \
                "old_rules": ["contact-and-team-member-button"], "new_rules": ["contact-and-team-member-button"], "structural": 0}, \
                "changes": [{"table": "button", "cells": {"assign_contact": {"in": [true]}, \
                "assign_projects": {"in": [false]}, "assign_team_member": {"in": [true]}}, \
                "old": {"button": "Assign"}, "new": {"button": "Assign to Contact"}, \
                "old_rules": ["contact-and-team-member-button"], "new_rules": ["contact-and-team-member-button"], \
                \(locations(edited))}, \
                \(final.replacingOccurrences(of: "KIND", with: "call").replacingOccurrences(of: "USER", with: "{\"in\": [false]}")), \
                \(final.replacingOccurrences(of: "KIND", with: "message").replacingOccurrences(of: "USER", with: "\"-\""))], \
                "structural": []}

                """)
        #expect(try JSONParser.parse(result.stdout)["structural"] == .array([]))
    }

    @Test func aGapShowsAsNothingDecidedUpstreamAndDownstream() throws {
        // Two or more contacts are no longer decided: the contact table has a gap, and every
        // table that reads it, directly or not, decides nothing there either.
        let edited = try Self.edited(Self.replacing("when: { contact_matches: \">= 2\" }", with: "when: { contact_matches: \">= 3\" }"))
        let result = try CommandRunner.run(["diff", "--format", "json", Self.shipped, edited])
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        guard case .array(let changes)? = json["changes"] else {
            Issue.record("no changes in \(result.stdout)")
            return
        }
        #expect(changes.first?["table"] == .string("contact"))
        #expect(changes.first?["cells"] == .object([("contact_matches", .object([("ranges", .array([.array([.integer(2), .integer(2)])]))]))]))
        #expect(changes.first?["old"] == .object([("contact", .string("choose"))]))
        #expect(changes.first?["new"] == .null)
        #expect(changes.first?["new_rules"] == .array([]))
        var finals = Set<String>()
        for change in changes.dropFirst() {
            guard case .string(let table)? = change["table"] else { continue }
            finals.insert(table)
            #expect(change["new"] == .null, "\(table) should decide nothing where the contact table does")
            #expect(change["cells"]?["contact_matches"] == .object([("ranges", .array([.array([.integer(2), .integer(2)])]))]))
        }
        #expect(finals == ["projects (final)", "assignments (final)", "button (final)"])
    }

    @Test func reorderedRulesRenamedIdsAndNewDescriptionsChangeNothing() throws {
        let edited = try Self.edited { text in
            // Swap two disjoint rules of the button table, rename one, describe another.
            var text = text
            let first = text.range(of: "      - id: no-button\n")!
            let second = text.range(of: "      - id: assign-projects-button\n")!
            let third = text.range(of: "      - id: assign-contact-button\n")!
            let noButton = String(text[first.lowerBound..<second.lowerBound])
            let projectsButton = String(text[second.lowerBound..<third.lowerBound])
            text.replaceSubrange(first.lowerBound..<third.lowerBound, with: projectsButton + noButton)
            text = text.replacingOccurrences(of: "- id: assign-contact-button", with: "- id: contact-button")
            return text.replacingOccurrences(
                of: "description: Which Spark contact the interaction belongs to.",
                with: "description: The Spark contact the interaction belongs to, if one.")
        }
        let result = try CommandRunner.run(["diff", Self.shipped, edited])
        #expect(result.status == 0)
        #expect(result.stdout == "no change in what the rules decide\n")
    }

    @Test func aTableRemovedOrAddedIsReportedAsSuch() throws {
        let text = try String(contentsOf: CommandRunner.packageRoot.appending(path: Self.shipped), encoding: .utf8)
        let start = try #require(text.range(of: "\n  - name: button\n"))
        let withoutButton = try CommandRunner.temporaryFile(String(text[..<start.lowerBound]) + "\n")

        let removed = try CommandRunner.run(["diff", Self.shipped, withoutButton])
        #expect(removed.status == 1)
        #expect(removed.stdout == "1 change of shape\n\ntable 'button' is removed\n")

        let added = try CommandRunner.run(["diff", "--format", "json", withoutButton, Self.shipped])
        #expect(added.status == 1)
        #expect(
            added.stdout == """
                {"summary": {"regions": 0, "tables": {}, "outputs": {}, "old_rules": [], "new_rules": [], "structural": 1}, \
                "changes": [], "structural": [{"table": "button", "kind": "table-added", "message": "table 'button' is added"}]}

                """)
    }

    @Test(arguments: [
        ["diff", "rules/interaction-logging.yaml"],
        ["diff"],
        ["diff", "--format", "xml", "rules/interaction-logging.yaml", "rules/interaction-logging.yaml"],
    ])
    func badUsageExits64(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Usage: switchboard diff"))
    }

    @Test func anInvalidFileGivesItsDiagnosticsAndExits1() throws {
        let broken = try CommandRunner.temporaryFile(
            """
            tables:
              - name: sizes
                inputs:
                  - { name: n, type: integer, min: 0 }
                outputs:
                  - { name: label, type: string }
                rules:
                  - { id: small, when: { n: "<= five" }, then: { label: small } }
            """, name: "broken.yaml")
        let result = try CommandRunner.run(["diff", Self.shipped, broken])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("broken.yaml:8:"))
        #expect(result.stderr.contains(": error: "))
    }
}
