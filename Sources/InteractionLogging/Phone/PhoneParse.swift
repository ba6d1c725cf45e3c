/// What ``PhoneNumber/normalize(_:region:)`` made of a text.
public enum PhoneParse: Hashable, Sendable {
    /// A number in E.164 form.
    case number(E164)
    /// No number: empty, "anonymous" (a withheld caller) or any text without a digit.
    case none
    /// Text with digits that is not a phone number, and why.
    case invalid(PhoneProblem)
}
