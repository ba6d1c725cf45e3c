import JSONLines

/// One record of a batch input (see ``JSONRecordSplitter``), with where it came from: a line,
/// a value that spans lines, or an item of a top-level array.
struct InputRecord {
    /// What the input holds there.
    enum Content {
        /// A line holding one object, not parsed yet; valid only while the record is handed on.
        case line(UnsafeBufferPointer<UInt8>)
        /// A value that spans lines, parsed.
        case value(JSONValue)
        /// Text that is not JSON: why (the position is the problem's).
        case invalid(String)
    }

    /// The file's path, or `<stdin>`.
    var file: String
    /// Where the record starts (for ``Content/invalid``, where the problem is).
    var position: JSONRecordSplitter.Position
    /// The 1-based item number, for an item of a top-level array.
    var item: Int? = nil
    var content: Content

    /// `FILE:LINE:COLUMN`, and `(item N)` for an item of an array, for people.
    var label: String { "\(file):\(position)" + (item.map { " (item \($0))" } ?? "") }

    /// The record's JSON value.
    /// - Throws: ``InputError`` naming the position of the syntax error.
    func json() throws(InputError) -> JSONValue {
        switch content {
        case .line(let bytes):
            do { return try JSONParser.parse(bytes) } catch {
                throw InputError(
                    "invalid JSON: \(error.message)",
                    at: JSONRecordSplitter.Position(line: position.line, column: error.column))
            }
        case .value(let value): return value
        case .invalid(let message): throw InputError("invalid JSON: \(message)", at: position)
        }
    }

    /// `{"file": ..., "line": N, "column": N, "error": "..."}`, with `"item": N` before the
    /// error for an item of an array.
    func errorRecord(_ message: String, at problem: JSONRecordSplitter.Position? = nil) -> JSONValue {
        let at = problem ?? position
        var pairs: [(String, JSONValue)] = [("file", .string(file)), ("line", .integer(at.line)), ("column", .integer(at.column))]
        if let item { pairs.append(("item", .integer(item))) }
        pairs.append(("error", .string(message)))
        return .object(pairs)
    }
}

/// Reads batch inputs of JSON records a block at a time; a top-level array is one record per
/// item, read an item at a time, so that memory holds a block whatever the array's length.
enum InputRecords {
    /// Hands on every record of every input, in order.
    /// - Parameters:
    ///   - inputs: Paths; `-` is standard input.
    ///   - record: Called with each record.
    ///   - unreadable: Called when an input cannot be read (after its records before the
    ///     failure); the batch goes on with the next input.
    static func forEach(
        in inputs: [String], record: (InputRecord) throws -> Void,
        unreadable: (IOFailure) throws -> Void
    ) throws {
        for input in inputs {
            let file = input == "-" ? StandardStreams.inputLabel : input
            do {
                var splitter = JSONRecordSplitter(expandsArrays: true)
                try BlockReader(try InputSource(path: input)).forEachBlock { bytes, isFinal in
                    try bytes.withUnsafeBufferPointer { buffer in
                        try splitter.split(buffer, isFinal: isFinal) { piece in
                            switch piece {
                            case .line(let range, let position):
                                try record(
                                    InputRecord(
                                        file: file, position: position,
                                        content: .line(UnsafeBufferPointer(rebasing: buffer[range]))))
                            case .value(let value, let position, let item):
                                try record(InputRecord(file: file, position: position, item: item, content: .value(value)))
                            case .failure(let message, let position):
                                try record(InputRecord(file: file, position: position, content: .invalid(message)))
                            }
                        }
                    }
                }
            } catch let failure as IOFailure where failure.action == .read {
                try unreadable(failure)
            }
        }
    }
}

/// A problem with one input record that is not an evaluation error, and where it is when that
/// is not where the record starts.
struct InputError: Error, CustomStringConvertible {
    var description: String
    var position: JSONRecordSplitter.Position?

    init(_ description: String, at position: JSONRecordSplitter.Position? = nil) {
        self.description = description
        self.position = position
    }
}
