import Foundation

/// A read or write that failed, with the file and the system's reason.
///
/// An operational failure, not a finding: it ends the command with exit status 1 and a
/// message naming the file and why (or, for an input of a batch, becomes that input's record).
struct IOFailure: Error, CustomStringConvertible {
    /// What was being done when it failed.
    enum Action: String {
        case read
        case write
        case replace
    }

    var action: Action
    /// The path as the user gave it, or "standard input", "standard output", "standard error".
    var file: String
    /// The system's error number, or 0 when ``reason`` says why.
    var code: Int32
    /// Why, when it is not a system error (a special file refused).
    var reason: String?

    init(_ action: Action, _ file: String, code: Int32) {
        self.action = action
        self.file = file
        self.code = code
    }

    init(_ action: Action, _ file: String, reason: String) {
        self.action = action
        self.file = file
        self.code = 0
        self.reason = reason
    }

    /// Why it failed, in the system's words: "No such file or directory".
    var why: String { reason ?? String(cString: strerror(code)) }

    /// `cannot read 'events.jsonl': No such file or directory`.
    var description: String {
        let what = file.hasPrefix("standard ") ? file : "'\(file)'"
        return "cannot \(action.rawValue) \(what): \(why)"
    }

    /// Whether standard output's reader has gone away: a Unix tool then stops quietly.
    var isClosedStandardOutput: Bool { action == .write && file == StandardStreams.outputName && code == EPIPE }
}
