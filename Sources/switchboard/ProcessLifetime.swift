/// What a command leaves allocated when it returns, because the process exits right after.
///
/// Freeing a large rules file's tables is one release per rule, cell and array: for the
/// 10,000-rule table, about 53 million instructions (5 ms) spent after the last result is
/// written, on memory the kernel takes back whole at exit anyway.
enum ProcessLifetime {
    /// Keeps `value` alive until the process exits: it is retained once more and never
    /// released.
    static func keepUntilExit<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Kept(value))
    }

    private final class Kept<Held> {
        let value: Held
        init(_ value: Held) { self.value = value }
    }
}
