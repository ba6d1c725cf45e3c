import Foundation

/// The process's standard input, output and error, as the I/O layer names and checks them.
enum StandardStreams {
    static let inputName = "standard input"
    /// How records read from standard input name it in their positions (`<stdin>:3:1`).
    static let inputLabel = "<stdin>"
    static let outputName = "standard output"
    static let errorName = "standard error"

    /// The standard descriptors that were closed when the process started. Each is then held
    /// open on /dev/null, so that no file the command opens takes its number and is read or
    /// written by mistake; reading or writing it fails with `EBADF`, as it would have.
    nonisolated(unsafe) private(set) static var closedAtStart: Set<Int32> = []

    /// Call once, first thing in `main`.
    static func claimClosedDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            closedAtStart.insert(descriptor)
            // open() returns the lowest free number, which is this one.
            _ = open("/dev/null", O_RDWR)
        }
    }

    /// Writes a message to standard error. A failure to report a failure cannot be reported,
    /// so it is dropped; the exit status still tells.
    static func report(_ text: String) {
        guard !closedAtStart.contains(STDERR_FILENO) else { return }
        var bytes = Array(text.utf8)
        _ = try? Output.writeAll(&bytes, to: STDERR_FILENO, name: errorName)
    }

    /// Stops the process as a Unix tool does when its reader has gone away: by `SIGPIPE`,
    /// quietly (Swift ignores the signal, so it is restored and raised).
    static func stopForClosedOutput() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        // Not reached: the default action of SIGPIPE ends the process.
        exit(141)
    }
}
