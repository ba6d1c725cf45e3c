import ArgumentParser
import DecisionTable
import Foundation
import JSONLines

/// One line of a batch input, with where it came from.
struct InputLine {
    /// The file's path, or nil for standard input.
    var file: String?
    /// The 1-based line number within its input.
    var number: Int
    var text: String
    /// Whether several inputs were given, so records name their file.
    var namesFile: Bool

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

/// Reads JSON Lines inputs line by line; every line, blank ones included, is handed on, so
/// that every input line gives exactly one output record.
enum InputLines {
    static func forEach(in inputs: [String], _ body: (InputLine) throws -> Void) throws {
        for input in inputs {
            let data: Data
            if input == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: input) else {
                    throw ValidationError("cannot read the input file '\(input)'")
                }
                data = contents
            }
            var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            // A final newline ends the last line; it does not start an empty one.
            if lines.last?.isEmpty == true { lines.removeLast() }
            for (index, bytes) in lines.enumerated() {
                var text = String(decoding: bytes, as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                try body(InputLine(file: input == "-" ? nil : input, number: index + 1, text: text,
                                   namesFile: inputs.count > 1))
            }
        }
    }
}
