/// The tokens a webhook body may carry (Aircall puts the webhook's token in every body).
struct WebhookTokens: Sendable {
    private let tokens: [[UInt8]]

    init(_ tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }
    }

    /// Whether `given` is one of the tokens. Every token is compared over all its bytes
    /// whatever the input, so the time taken does not tell how much of a guess was right.
    func accepts(_ given: String) -> Bool {
        let bytes = Array(given.utf8)
        var accepted = false
        for token in tokens {
            var difference = UInt8(truncatingIfNeeded: token.count ^ bytes.count)
            if token.count != bytes.count { difference |= 1 }
            for index in token.indices {
                difference |= token[index] ^ (index < bytes.count ? bytes[index] : 0)
            }
            accepted = accepted || difference == 0
        }
        return accepted
    }
}
