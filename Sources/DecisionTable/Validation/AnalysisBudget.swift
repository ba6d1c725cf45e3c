/// How much memory and time `validate` and `diff` may spend on one rules file, and where to
/// report progress.
///
/// An analysis checks its budget as it cuts the input space (cooperatively, every few hundred
/// steps, with no watchdog thread). When the budget runs out it stops and reports what it
/// proved so far: the findings found, which questions are settled, the share of the input
/// space analysed, and a concrete undecided input whenever it found one.
public struct AnalysisBudget: Sendable {
    /// The most memory, in bytes, the analysis's own data may take (an estimate kept as the
    /// data grows: boxes, rule lists, pairs of rules). Loading the file is not counted.
    public var maximumMemory: Int
    /// The longest the analysis of one file may take.
    public var timeout: Duration
    /// Called now and then (at most four times a second) while an analysis runs.
    public var progress: (@Sendable (AnalysisProgress) -> Void)?

    /// Creates a budget.
    /// - Parameters:
    ///   - maximumMemory: Bytes; 1 GiB by default.
    ///   - timeout: 60 seconds by default.
    ///   - progress: Called with the progress of a running analysis.
    public init(
        maximumMemory: Int = 1 << 30, timeout: Duration = .seconds(60),
        progress: (@Sendable (AnalysisProgress) -> Void)? = nil
    ) {
        self.maximumMemory = maximumMemory
        self.timeout = timeout
        self.progress = progress
    }

    /// 1 GiB and 60 seconds.
    public static let standard = AnalysisBudget()

    /// No limit: for callers that must have the complete answer whatever it costs.
    public static let unlimited = AnalysisBudget(maximumMemory: .max, timeout: .seconds(Int64.max / 4))
}

/// Where a running analysis is.
public struct AnalysisProgress: Sendable {
    /// The table being analysed.
    public var table: String
    /// What is being done: `gaps`, `overlaps`, `shadowed rules`, `diff`.
    public var stage: String
    /// The share of the stage's work done, 0 to 1 (for gaps and the diff, the share of the
    /// input space settled).
    public var done: Double
    /// Time since the analysis of the file started.
    public var elapsed: Duration
}

/// Why an analysis stopped before the end.
public enum BudgetLimit: String, Hashable, Sendable {
    /// The time budget ran out.
    case time
    /// The memory budget ran out.
    case memory
}
