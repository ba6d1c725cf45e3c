import Foundation

/// Writes waiting for the one writer of an embedded database, taken a batch at a time so that
/// many requests share one transaction and one fsync (group commit).
///
/// Requests arrive on many tasks; the writer is one thread that blocks here while nothing is
/// pending. Whatever arrived during a commit forms the next batch: under load batches grow by
/// themselves, and a lone request is written at once, without waiting for company.
final class GroupCommitQueue<Job: Sendable>: @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [Job] = []
    private var closed = false

    /// Adds a job.
    /// - Returns: false, and the job is not taken, once the queue is closed.
    func submit(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        pending.append(job)
        condition.signal()
        return true
    }

    /// Blocks until a job is pending, then takes up to `limit` jobs in arrival order.
    /// - Returns: nil once the queue is closed and empty.
    func takeBatch(limit: Int) -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !closed { condition.wait() }
        if pending.isEmpty { return nil }
        let count = min(limit, pending.count)
        let batch = Array(pending.prefix(count))
        pending.removeFirst(count)
        return batch
    }

    /// Refuses new jobs; the writer still takes those already pending.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
