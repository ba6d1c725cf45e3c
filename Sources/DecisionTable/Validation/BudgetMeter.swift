/// An ``AnalysisBudget`` being spent: the clock, an estimate of the memory the analysis holds,
/// and the progress reports. One meter serves every table of a file, so the budget is the
/// file's. Not thread-safe: one analysis runs on one thread.
final class BudgetMeter {
    let budget: AnalysisBudget
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let deadline: ContinuousClock.Instant
    /// The current table's and stage's shares of the time left.
    private var tableDeadline: ContinuousClock.Instant
    private var stageDeadline: ContinuousClock.Instant
    private var lastReport: ContinuousClock.Instant
    /// Bytes the analysis holds now, as charged.
    private(set) var memory = 0
    /// Why the current stage stopped, once it has.
    private(set) var stopped: BudgetLimit?
    private var steps = 0
    /// What progress reports say.
    var table = ""
    var stage = ""
    /// The stage's work done, 0 to 1.
    var done = 0.0

    init(_ budget: AnalysisBudget) {
        self.budget = budget
        start = clock.now
        deadline = start.advanced(by: budget.timeout)
        tableDeadline = deadline
        stageDeadline = deadline
        lastReport = start
    }

    /// Counts one step of work; every 256 steps, checks the clock and reports progress.
    /// - Returns: Whether the analysis must stop.
    @inline(__always)
    func tick() -> Bool {
        if stopped != nil { return true }
        steps &+= 1
        if steps & 255 != 0 { return false }
        return check()
    }

    /// Checks the clock now, whatever the step count.
    func check() -> Bool {
        if stopped != nil { return true }
        let now = clock.now
        if now >= stageDeadline {
            stopped = .time
            return true
        }
        if let progress = budget.progress, now - lastReport >= .milliseconds(250) {
            lastReport = now
            progress(AnalysisProgress(table: table, stage: stage, done: min(1, done), elapsed: now - start))
        }
        return false
    }

    /// Adds `bytes` to the memory held; stops the analysis past the budget.
    /// - Returns: Whether the analysis must stop.
    @discardableResult
    func charge(_ bytes: Int) -> Bool {
        memory &+= bytes
        if memory > budget.maximumMemory, stopped == nil { stopped = .memory }
        return stopped != nil
    }

    /// Gives back memory charged earlier.
    func release(_ bytes: Int) { memory &-= bytes }

    /// Charges the memory a step of a cut holds while it runs: true when it fits (give it
    /// back with ``release(_:)``), false, having charged nothing, when it does not.
    func reserve(_ bytes: Int) -> Bool {
        if charge(bytes) {
            release(bytes)
            return false
        }
        return true
    }

    /// Starts the analysis of a table, which may take an equal share of the time left with
    /// the `remaining` tables (this one included) still to analyse: a hard table leaves time
    /// for the others.
    func beginTable(_ name: String, remaining: Int) {
        table = name
        let now = clock.now
        tableDeadline = now.advanced(by: (deadline - now) / max(1, remaining))
    }

    /// Starts a stage of the current table's analysis, which may take `share` of the table's
    /// time left, so that a stage that cannot finish leaves time for the ones after it. A
    /// stage stopped by its budget does not stop the next one.
    func begin(_ stage: String, share: Double = 1) {
        self.stage = stage
        done = 0
        let now = clock.now
        stageDeadline = tableDeadline > now ? now.advanced(by: (tableDeadline - now) * share) : now
        stopped = memory > budget.maximumMemory ? .memory : nil
    }

    /// Time since the analysis started.
    var elapsed: Duration { clock.now - start }

    /// A limit in words: `the time budget (60 s)`.
    func phrase(_ limit: BudgetLimit) -> String {
        switch limit {
        case .time: "the time budget (\(Self.seconds(budget.timeout)))"
        case .memory: "the memory budget (\(Self.bytes(budget.maximumMemory)))"
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }

    static func bytes(_ count: Int) -> String {
        if count >= 1 << 30, count % (1 << 30) == 0 { return "\(count >> 30) GiB" }
        if count >= 1 << 20 { return "\(count >> 20) MiB" }
        return "\(count) bytes"
    }
}
