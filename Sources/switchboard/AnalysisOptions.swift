import ArgumentParser
import DecisionTable
import Foundation

/// The budget options `validate` and `diff` share.
struct AnalysisOptions: ParsableArguments {
    @Option(
        name: .customLong("max-memory"),
        help: ArgumentHelp(
            "The most memory the analysis may take, in bytes or with K, M or G (default 1G).",
            valueName: "size"))
    var maxMemory: String = "1G"

    @Option(
        help: ArgumentHelp(
            "The longest the analysis of one file may take, in seconds (default 60).",
            valueName: "seconds"))
    var timeout: Double = 60

    func validate() throws {
        guard Self.bytes(maxMemory) != nil else {
            throw ValidationError("--max-memory takes a size such as 1G, 512M or 1000000, not '\(maxMemory)'")
        }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout takes a number of seconds above 0") }
    }

    /// The budget, reporting progress on standard error when it is a terminal and an analysis
    /// runs past a second.
    var budget: AnalysisBudget {
        var budget = AnalysisBudget(
            maximumMemory: Self.bytes(maxMemory) ?? 1 << 30,
            timeout: .milliseconds(Int64((timeout * 1000).rounded())))
        if isatty(STDERR_FILENO) == 1 { budget.progress = Self.showProgress }
        return budget
    }

    @Sendable private static func showProgress(_ progress: AnalysisProgress) {
        guard progress.elapsed >= .seconds(1) else { return }
        let percent = Int((progress.done * 100).rounded(.down))
        let line = "\r\u{1B}[K\(progress.table): \(progress.stage), \(percent) % (\(progress.elapsed.components.seconds) s)"
        try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
    }

    /// Clears the progress line, if one may have been written.
    func endProgress() {
        if isatty(STDERR_FILENO) == 1 { try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8)) }
    }

    /// `1G`, `512M`, `64K` or a number of bytes.
    static func bytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = text.last?.uppercased().first, let unit = units[last] {
            guard let number = Int(text.dropLast()), number > 0, number <= Int.max / unit else { return nil }
            return number * unit
        }
        guard let number = Int(text), number > 0 else { return nil }
        return number
    }
}
