/// The line protocol of the `phone-normalize` tool, which feeds the normaliser many numbers
/// at once (the differential test against libphonenumber uses it).
///
/// Each input line is `REGION<TAB>NUMBER`, the region empty for none; each output line is the
/// E.164 number (`+16045550100`), `none` for text without a number, or
/// `error<TAB>CODE<TAB>MESSAGE` with the ``PhoneProblem/code`` and its description.
public enum PhoneBatch {
    /// What one input line gives.
    public enum Answer: Equatable, Sendable {
        /// The line was read; the normaliser's answer, as an output line.
        case answer(String)
        /// The line is not `REGION<TAB>NUMBER`; the reason, for a message naming the line.
        case malformed(String)
    }

    /// Normalises one input line.
    /// - Parameter line: `REGION<TAB>NUMBER`, without its line break.
    /// - Returns: The output line, or why the line could not be read.
    public static func answer(_ line: String) -> Answer {
        guard let tab = line.firstIndex(of: "\t") else {
            return .malformed("expected a region (or nothing), a tab, then the number; found no tab")
        }
        let region = line[..<tab]
        let number = line[line.index(after: tab)...]
        switch PhoneNumber.normalize(number, region: region.isEmpty ? nil : String(region)) {
        case .number(let e164): return .answer(e164.description)
        case .none: return .answer("none")
        case .invalid(let problem): return .answer("error\t\(problem.code)\t\(problem)")
        }
    }
}
