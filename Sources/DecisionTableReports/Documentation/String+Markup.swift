extension String {
    /// The text with `&`, `<`, `>` and `"` written as entities, for HTML and XML text and
    /// quoted attribute values.
    package var markupEscaped: String {
        var out = ""
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
