import JSONLines
import Foundation
import Hummingbird
import InteractionLogging
import InteractionStore

extension SwitchboardService {
    /// `POST /interactions/{kind}/{id}/assignments` with `{"contact": ID}`, `{"team_member": ID}`,
    /// `{"projects": [IDs]}` or several: routes the stored webhook again with the choices made
    /// (earlier ones kept) and stores the new route, if nobody changed the interaction since it
    /// was read; otherwise 409. A choice the route does not ask for, or that is not among its
    /// candidates, is 409 naming the candidates, and nothing changes. With `If-Match: "N"` (the `ETag` of `GET
    /// /interactions/{kind}/{id}`), the assignment applies only to version N: a person who
    /// assigned from an older screen is told that it changed.
    func assign(kind: String, id: String, _ request: Request) async throws -> Response {
        let kind = try Self.checked(kind: kind)
        let requested: ManualAssignments
        do {
            requested = try ManualAssignments(json: parse(try await body(request)))
        } catch let error as ManualAssignments.DecodingError {
            throw ProblemDetails(.invalidBody, error.description)
        }
        guard !requested.isEmpty else {
            throw ProblemDetails(.invalidBody, "expected at least one of \"contact\", \"team_member\" or \"projects\"")
        }
        let (stored, event) = try await storedInteraction(kind: kind, id: id)
        if let expected = try Self.expectedVersion(request), expected != stored.version {
            throw ProblemDetails(.conflict, "the \(kind) \(id) is at version \(stored.version), not \(expected) (If-Match); read it again and retry")
        }
        let assignments = stored.assignments.merging(requested)
        let route = rules.route(event, applying: assignments)
        guard route.refusals.isEmpty else {
            var problem = ProblemDetails(.invalidAssignment, route.refusals.map(\.description).joined(separator: "; "))
            problem.extensions = [
                (
                    "refused",
                    .array(
                        route.refusals.map { refusal in
                            .object([
                                ("action", .string(refusal.action.rawValue)),
                                ("reason", .string(refusal.code)),
                                ("chosen", .array(refusal.chosen.map(JSONValue.string))),
                                ("candidates", .array(refusal.candidates.map(JSONValue.string))),
                            ])
                        })
                )
            ]
            throw problem
        }
        guard route.status != .error else { throw ProblemDetails(.routingFailed, route.reason) }
        let text = route.json.rendered
        let outcome = try await metrics.timeStore("assign") {
            try await store.assign(
                Assignment(
                    kind: kind, id: id, expectedVersion: stored.version, assignments: assignments,
                    requested: requested, status: route.status.rawValue, route: text))
        }
        switch outcome {
        case .assigned(let version):
            var updated = stored
            updated.version = version
            updated.assignments = assignments
            updated.status = route.status.rawValue
            updated.route = text
            return .json(Self.json(updated))
        case .conflict(let current):
            throw ProblemDetails(
                .conflict,
                "the \(kind) \(id) changed (now version \(current)) while this assignment was made from version \(stored.version); read it again and retry"
            )
        case .notFound:
            throw ProblemDetails(.notFound, "no \(kind) with id '\(id)' is stored")
        }
    }

    /// The version of `If-Match: "N"`, nil without the header.
    static func expectedVersion(_ request: Request) throws(ProblemDetails) -> Int64? {
        guard let text = request.headers[.ifMatch] else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\""), let version = Int64(trimmed.dropFirst().dropLast()) else {
            throw ProblemDetails(.invalidRequest, "If-Match must be the interaction's ETag, a version in quotes such as \"2\"; found '\(text)'")
        }
        return version
    }
}
