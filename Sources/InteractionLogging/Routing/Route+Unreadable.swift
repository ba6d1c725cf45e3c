extension Route {
    /// The route of a source that could not be read at all (a missing file, a folder, a read
    /// error): an `error` with the reason, so that a batch reports it in place and goes on.
    public static func unreadable(_ reason: String) -> Route { Route(status: .error, reason: reason) }
}
