extension Route {
    /// The route of a source that could not be read at all (a missing file, a folder, a read
    /// error): an `error` with the reason, so that a batch reports it in place and goes on.
    /// - Parameters:
    ///   - reason: Why the source could not be read.
    ///   - file: The source's path (`<stdin>` for standard input).
    public static func unreadable(_ reason: String, file: String? = nil) -> Route {
        Route(status: .error, reason: reason, file: file)
    }
}
