import ArgumentParser
import InteractionLogging

/// One interaction from flags rather than a webhook body (`route --kind call --from ...`):
/// read into the same ``SampleInteraction`` the service reads from JSON fields.
struct SampleInteractionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("One interaction from flags instead of events: call or message.", valueName: "kind"))
    var kind: String?

    @Option(help: ArgumentHelp("With --kind: inbound or outbound.", valueName: "direction"))
    var direction: String?

    @Option(help: ArgumentHelp("With --kind: the other party's phone number.", valueName: "number"))
    var from: String?

    @Option(help: ArgumentHelp("With --kind: the Aircall line's phone number.", valueName: "number"))
    var line: String?

    @Option(help: ArgumentHelp("With --kind call: the email of the Aircall user who took or placed the call (or --no-user).", valueName: "email"))
    var user: String?

    @Flag(help: "With --kind call: no one took the call (missed, voicemail).")
    var noUser = false

    @Option(help: ArgumentHelp("With --kind: the interaction's id (default: sample).", valueName: "id"))
    var id: String?

    /// Whether any flag of a sample is given.
    var isGiven: Bool {
        kind != nil || direction != nil || from != nil || line != nil || user != nil || noUser || id != nil
    }

    /// `--from` for ``SampleInteraction/Field/from``.
    static func flag(_ field: SampleInteraction.Field) -> String {
        field == .user ? "--user (or --no-user)" : "--\(field.rawValue)"
    }

    /// The sample the flags describe; nil when none is given.
    /// - Throws: `ValidationError` naming the flag of a value that is not one of its choices.
    func sample() throws -> SampleInteraction? {
        guard isGiven else { return nil }
        if user != nil, noUser { throw ValidationError("give --user EMAIL or --no-user, not both") }
        var sample = SampleInteraction(user: noUser ? .nobody : .unspecified)
        do {
            for (field, text) in [
                (SampleInteraction.Field.kind, kind), (.direction, direction), (.from, from), (.line, line),
                (.user, user), (.id, id),
            ] {
                if let text { try sample.set(field, text) }
            }
        } catch {
            throw ValidationError(error.description(naming: Self.flag))
        }
        return sample
    }

    /// The event the sample describes, its numbers read as the directory reads its own.
    /// - Throws: `ValidationError` naming the flag that is missing or cannot be read: bad
    ///   usage, which only the directory shows.
    func event(_ sample: SampleInteraction, in directory: SparkDirectory) throws -> AircallEvent {
        do {
            return try sample.event(in: directory)
        } catch {
            throw ValidationError(error.description(naming: Self.flag))
        }
    }
}
