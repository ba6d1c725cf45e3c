// The JSON reader: the field-selecting parse agrees with the full parse, narrowed to the same
// fields, on every input: both succeed with the same values or both fail.
import InteractionLogging
import JSONLines

/// `value` narrowed as `JSONSelection` documents: in an object only the selected keys, each
/// under its own selection; in an array every element; a scalar as it is.
func narrowed(_ value: JSONValue, _ selection: Narrowing) -> JSONValue {
    switch (selection, value) {
    case (.all, _): value
    case (.fields(let fields), .object(let pairs)):
        .object(pairs.compactMap { key, value in fields[key].map { (key, narrowed(value, $0)) } })
    case (.fields, .array(let items)): .array(items.map { narrowed($0, selection) })
    case (.fields, _): value
    }
}

/// The webhook decoder's selection, written out so the harness can narrow a full parse.
indirect enum Narrowing {
    case all
    case fields([String: Narrowing])
}

let webhookFields = Narrowing.fields([
    "event": .all,
    "data": .fields([
        "id": .all, "direction": .all, "raw_digits": .all, "external_number": .all,
        "participants": .fields(["type": .all, "phone_number": .all]),
        "user": .fields(["email": .all]),
        "contact": .fields(["phone_numbers": .fields(["value": .all])]),
        "number": .fields(["e164_digits": .all, "digits": .all, "country": .all]),
    ]),
])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let full = Result { try JSONParser.parse(buffer) }
    let selected = Result { try JSONParser.parse(buffer, selecting: AircallWebhook.fieldsRead) }
    switch (full, selected) {
    case (.success(let whole), .success(let part)):
        let expected = narrowed(whole, webhookFields)
        if expected != part { fatalError("selected parse \(part.rendered) differs from the narrowed full parse \(expected.rendered)") }
        // What is written reads back and is written again the same. (Not as the same value: a
        // number with an exponent is a binary double, written without one it reads back as an
        // exact decimal, by design.)
        let written = whole.rendered
        guard let reread = try? JSONParser.parse(written) else { fatalError("\(written) does not read back") }
        if reread.rendered != written { fatalError("\(written) reads back as \(reread.rendered)") }
    case (.failure, .failure):
        break
    case (.success, .failure(let error)):
        fatalError("only the full parse succeeds; the selected one fails: \(error)")
    case (.failure(let error), .success):
        fatalError("only the selected parse succeeds; the full one fails: \(error)")
    }
    return 0
}
