// Reads `REGION<TAB>NUMBER` lines on standard input and prints one answer line for each: the
// E.164 number, `none`, or `error<TAB>CODE<TAB>MESSAGE` (see `PhoneBatch`). A line that is not
// of that form is reported on standard error with its line number, answered with
// `error<TAB>malformed-line<TAB>...` so that answers stay in step with lines, and makes the
// exit status 1.
import InteractionLogging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

var lineNumber = 0
var malformed = 0
while let line = readLine(strippingNewline: true) {
    lineNumber += 1
    switch PhoneBatch.answer(line) {
    case .answer(let text):
        print(text)
    case .malformed(let reason):
        malformed += 1
        print("error\tmalformed-line\t\(reason)")
        let message = "phone-normalize: standard input, line \(lineNumber): \(reason)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
    }
}
exit(malformed == 0 ? 0 : 1)
