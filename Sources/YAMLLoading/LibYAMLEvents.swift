internal import CYAML
import Diagnostics

/// libyaml's parser, read an event at a time: the only place that talks to libyaml.
///
/// Each event is handed on as a ``YAMLEvent`` whose text points into libyaml's own event,
/// valid until the next call to ``next()``. A syntax error becomes a positioned
/// ``Diagnostic`` here, where libyaml's error state can be read.
///
/// Not copyable: it owns libyaml's parser and its last event, freed when it ends. A struct,
/// not a class: a class's stored properties are checked for exclusive access at run time,
/// on every event.
struct LibYAMLEvents: ~Copyable {
    /// What ``next()`` read.
    enum Step {
        case event(YAMLEvent)
        case failure(Diagnostic)
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    /// Whether ``event`` holds an event still to be deleted.
    private var holdsEvent = false
    /// The whole text, for the character a syntax error points at.
    private let buffer: UnsafeBufferPointer<UInt8>
    private let file: String
    /// The split whose spliced text this parser reads, which maps its positions back to the
    /// file's; nil when it reads the text as it is.
    private let split: YAMLSplit?

    /// A parser over `text`, which must stay alive and unchanged as long as this does; nil
    /// when libyaml cannot start.
    init?(_ text: UnsafeBufferPointer<UInt8>, file: String) {
        guard let parser = Self.makeParser() else { return nil }
        self.parser = parser
        event = .allocate(capacity: 1)
        buffer = text
        self.file = file
        split = nil
        // libyaml reads the text lazily, through this pointer.
        yaml_parser_set_input_string(parser, text.baseAddress ?? UnsafePointer(bitPattern: 1)!, text.count)
    }

    /// A parser over the text `split` hands over: the file with the split's middle part
    /// left out (``YAMLSplit/read(into:count:)``). Positions are the file's.
    init?(splicing split: YAMLSplit, file: String) {
        guard let parser = Self.makeParser() else { return nil }
        self.parser = parser
        event = .allocate(capacity: 1)
        buffer = split.buffer
        self.file = file
        self.split = split
        yaml_parser_set_input(
            parser,
            { data, output, size, read in
                guard let data, let output, let read else { return 0 }
                read.pointee = Unmanaged<YAMLSplit>.fromOpaque(data).takeUnretainedValue().read(into: output, count: size)
                return 1
            }, Unmanaged.passUnretained(split).toOpaque())
    }

    private static func makeParser() -> UnsafeMutablePointer<yaml_parser_t>? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return nil
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        return parser
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        event.deallocate()
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The diagnostic for a parser libyaml could not start.
    static func startFailure(file: String) -> Diagnostic {
        Diagnostic(
            .error, code: .libyamlFailure, "libyaml could not start",
            at: SourceLocation(file: file, line: 1, column: 1))
    }

    /// The next event, or the syntax error that stops the document. After a failure or the
    /// end of the stream there is nothing more to read.
    mutating func next() -> Step {
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { return .failure(syntaxError()) }
        holdsEvent = true
        let line = Int(event.pointee.start_mark.line)
        var read = YAMLEvent(
            kind: .streamStart, styled: false, line: split?.fileLine(line) ?? line,
            column: Int(event.pointee.start_mark.column), text: UnsafeBufferPointer(start: nil, count: 0))
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            read.kind = .scalar
            let value = event.pointee.data.scalar.value
            read.styled = event.pointee.data.scalar.style != YAML_PLAIN_SCALAR_STYLE
            read.text = UnsafeBufferPointer(start: value, count: Int(event.pointee.data.scalar.length))
            if event.pointee.data.scalar.anchor != nil || event.pointee.data.scalar.tag != nil {
                read.anchor = Self.text(event.pointee.data.scalar.anchor)
                read.tag = Self.text(event.pointee.data.scalar.tag)
            }
        case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
            let data = event.pointee.data
            if event.pointee.type == YAML_MAPPING_START_EVENT {
                read.kind = .mappingStart
                read.styled = data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                (read.anchor, read.tag) = (Self.text(data.mapping_start.anchor), Self.text(data.mapping_start.tag))
            } else {
                read.kind = .sequenceStart
                read.styled = data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                (read.anchor, read.tag) = (Self.text(data.sequence_start.anchor), Self.text(data.sequence_start.tag))
            }
        case YAML_MAPPING_END_EVENT: read.kind = .mappingEnd
        case YAML_SEQUENCE_END_EVENT: read.kind = .sequenceEnd
        case YAML_ALIAS_EVENT:
            read.kind = .alias
            read.text = Self.text(event.pointee.data.alias.anchor) ?? UnsafeBufferPointer(start: nil, count: 0)
        case YAML_DOCUMENT_START_EVENT: read.kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: read.kind = .documentEnd
        case YAML_STREAM_END_EVENT: read.kind = .streamEnd
        default:
            // YAML_STREAM_START_EVENT; YAML_NO_EVENT comes only with a failure, returned above.
            read.kind = .streamStart
        }
        return .event(read)
    }

    /// A string libyaml ends with a zero byte, without it.
    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer else { return nil }
        var count = 0
        while pointer[count] != 0 { count += 1 }
        return UnsafeBufferPointer(start: pointer, count: count)
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        let line = Int(mark.line)
        return SourceLocation(file: file, line: (split?.fileLine(line) ?? line) + 1, column: Int(mark.column) + 1)
    }

    /// The character at a 1-based line and column (in Unicode scalars), if there is one.
    private func character(at location: SourceLocation) -> Unicode.Scalar? {
        var line = 1
        var start = 0
        while line < location.line, let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            start = newline + 1
            line += 1
        }
        guard line == location.line else { return nil }
        let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) ?? buffer.endIndex
        let scalars = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self).unicodeScalars
        return scalars.dropFirst(location.column - 1).first
    }

    /// libyaml's error state as a diagnostic at the problem's position.
    private func syntaxError() -> Diagnostic {
        let parser = self.parser.pointee
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
        }
        var at: SourceLocation
        if parser.error == YAML_READER_ERROR {
            let offset = split?.fileOffset(parser.problem_offset) ?? parser.problem_offset
            at = UTF8Check.location(ofByte: offset, in: buffer, file: file)
        } else {
            at = location(parser.problem_mark)
        }
        if at.line < 1 { at.line = 1 }
        if at.column < 1 { at.column = 1 }
        var notes: [Note] = []
        // A note at the error's own place would only repeat its caret: the context then stays
        // in the message ("... while parsing a flow node").
        if let context = parser.context.map({ String(cString: $0) }), parser.error != YAML_READER_ERROR,
            location(parser.context_mark) != at
        {
            message = problem
            notes.append(Note(context, at: location(parser.context_mark)))
        }
        // libyaml names a tab in the indentation only in some states; elsewhere it says
        // "found character that cannot start any token", which does not say which character.
        if !message.contains("tab"), character(at: at) == "\t" {
            message += " (a tab: YAML indents with spaces only)"
        }
        return Diagnostic(.error, code: .yamlSyntax, "YAML syntax: \(message)", at: at, notes: notes)
    }
}
