extension InputDefinition {
    /// The input's values as a person reads them, in its own terms (numbers and free strings
    /// rather than their codes).
    public var domainSummary: String {
        switch coding {
        case nil: domain.summary
        case .numbers(let line):
            switch domain {
            case .integer(let low?, let high?) where low > 0 || high < line.maxCode:
                "a number "
                    + NumberInterval(
                        lower: low > 0 ? line.example(of: low) : nil, lowerClosed: true,
                        upper: high < line.maxCode ? line.example(of: high) : nil, upperClosed: true
                    ).description
            default: "a number"
            }
        case .strings: "a string"
        }
    }
}
