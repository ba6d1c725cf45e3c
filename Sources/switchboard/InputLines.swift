import DecisionTable
import JSONLines

/// One line of a batch input, with where it came from.
struct InputLine {
    /// The file's path, or nil for standard input.
    var file: String?
    /// The 1-based line number within its input.
    var number: Int
    /// The line's bytes, without its newline; valid only while the line is handed on.
    var bytes: UnsafeBufferPointer<UInt8>
    /// Whether several inputs were given, so records name their file.
    var namesFile: Bool

    /// The line as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `FILE:LINE` or `line N`, for people.
    var label: String { namesFile ? "\(file ?? "-"):\(number)" : "line \(number)" }

    /// `{"line": N, "error": "..."}`, with `"file"` first when several inputs were given.
    func errorRecord(_ message: String) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if namesFile { pairs.append(("file", .string(file ?? "-"))) }
        pairs.append(("line", .integer(number)))
        pairs.append(("error", .string(message)))
        return .object(pairs)
    }
}

/// Reads JSON Lines inputs a block at a time; every line, blank ones included, is handed on,
/// so that every input line gives exactly one output record.
enum InputLines {
    /// Hands on every line of every input, in order.
    /// - Parameters:
    ///   - inputs: Paths; `-` is standard input.
    ///   - line: Called with each line.
    ///   - unreadable: Called when an input cannot be read (after its lines before the
    ///     failure); the batch goes on with the next input.
    static func forEach(in inputs: [String], line: (InputLine) throws -> Void,
                        unreadable: (IOFailure) throws -> Void) throws {
        for input in inputs {
            let file = input == "-" ? nil : input
            do {
                var reader = LineReader(try InputSource(path: input))
                try reader.forEachLine { bytes, number in
                    try line(InputLine(file: file, number: number, bytes: bytes, namesFile: inputs.count > 1))
                }
            } catch let failure as IOFailure where failure.action == .read {
                try unreadable(failure)
            }
        }
    }
}
