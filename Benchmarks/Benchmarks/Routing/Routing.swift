import Benchmark
import DecisionTable
import _DecisionTableTestSupport
import _InteractionLoggingTestSupport
import Foundation
import InteractionLogging

// Routing end to end, as `switchboard route` does it minus the disk: split the input into
// webhook bodies, parse and route them on a BatchRouter, render every route as a JSON line
// into a 64 KiB output buffer (emptied when full, as the command's standard output is).
//
// The workload is RoutingWorkload's: a directory of 100,000 contacts (1,000 team members,
// 300 projects, 200 Aircall lines) and a stream of realistic webhooks (about 780 bytes each).
// The router benchmarks route 1,000,000 events as 10 batches of 100,000, one batch per
// iteration (a 1,000,000-event batch would hold 780 MB of input at once); each batch is
// generated before its measurement starts. The baseline (Baseline.swift) routes 1,000
// events per iteration: it scans 100,000 contacts per event.
//
// Every benchmark reports `events/s` (events routed per second of measured time, a custom
// metric, not scaled) and the peak resident memory of its process (package-benchmark runs
// each benchmark in a process of its own: the directory, the batch and the output included).
//
//   cd Benchmarks && swift package --disable-sandbox benchmark --target Routing

/// The directory and rules, built once per process on first use.
enum RoutingFixture {
    static let batchSize = 100_000
    /// Batches routed in turn: 10 × 100,000 = 1,000,000 events.
    static let batchCount = 10

    static let workload = RoutingWorkload(contacts: 100_000)

    static let directory: SparkDirectory = {
        do {
            return try SparkDirectory(yaml: workload.directoryYAML(), file: "generated-directory.yaml")
        } catch {
            fatalError("the generated directory: \(error)")
        }
    }()

    static let rules: DecisionTables = {
        do {
            return try ShippedRules.tables()
        } catch {
            fatalError("the shipped rules: \(error)")
        }
    }()

    /// The events of batch `k` (of ``batchCount``, in turn), as JSON Lines.
    static func batch(_ k: Int, size: Int = batchSize) -> [UInt8] {
        let start = (k % batchCount) * size
        return workload.eventsJSONLines(start..<(start + size))
    }
}

/// What `switchboard route` does with one input file, minus the disk (see EventsReader in
/// Sources/switchboard): JSON Lines routed a block of 8 MiB of whole lines at a time, the
/// routes of each block rendered as JSON lines on the router's threads.
/// - Returns: The bytes of JSON Lines produced.
func routeAndRender(_ bytes: [UInt8], with router: BatchRouter) -> Int {
    let blockSize = 8 << 20
    var written = 0
    var start = 0
    var firstLine = 1
    while start < bytes.count {
        var end = min(bytes.count, start + blockSize)
        if end < bytes.count, let last = bytes[start..<end].lastIndex(of: UInt8(ascii: "\n")) { end = last + 1 }
        let input = WebhookInput(jsonLines: Array(bytes[start..<end]), firstLine: firstLine)
        firstLine += input.count
        start = end
        written += router.jsonLines(router.route(input, source: "events.jsonl")).count
    }
    return written
}

let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [eventsPerSecond, .wallClock, .cpuTotal, .peakMemoryResident]

    /// Records the throughput of `events` routed in `duration`.
    func record(_ benchmark: Benchmark, events: Int, _ duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        benchmark.measurement(eventsPerSecond, Int((Double(events) / seconds).rounded()))
    }

    func router(threads: Int) {
        let name = "router end to end, 100,000-event batches, 100,000 contacts, \(threads) thread\(threads == 1 ? "" : "s")"
        let configuration = Benchmark.Configuration(
            metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1,
            maxDuration: .seconds(600), maxIterations: RoutingFixture.batchCount)
        Benchmark(name, configuration: configuration) { benchmark in
            let batch = RoutingFixture.batch(benchmark.currentIteration)
            let router = try BatchRouter(rules: RoutingFixture.rules, directory: RoutingFixture.directory, threads: threads)
            let clock = ContinuousClock()
            benchmark.startMeasurement()
            let start = clock.now
            let written = routeAndRender(batch, with: router)
            let duration = clock.now - start
            benchmark.stopMeasurement()
            blackHole(written)
            record(benchmark, events: RoutingFixture.batchSize, duration)
        }
    }

    router(threads: 2)
    router(threads: 1)

    // The naive baseline: JSONDecoder, linear scans, if/else, JSONEncoder; one thread.
    let baselineEvents = 1_000
    let configuration = Benchmark.Configuration(
        metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(600), maxIterations: 5)
    Benchmark(
        "BASELINE (naive: JSONDecoder, linear contact scan, if/else), 1,000-event batches, 100,000 contacts, 1 thread",
        configuration: configuration
    ) { benchmark in
        let baseline = BaselineRouter(BaselineFixture.directory)
        let batch = RoutingFixture.batch(benchmark.currentIteration, size: baselineEvents)
        let clock = ContinuousClock()
        var output = Data()
        benchmark.startMeasurement()
        let start = clock.now
        let routes = baseline.route(jsonLines: batch, source: "events.jsonl", into: &output)
        let duration = clock.now - start
        benchmark.stopMeasurement()
        blackHole(routes.count + output.count)
        record(benchmark, events: baselineEvents, duration)
    }
}

/// The baseline's directory, checked to agree with the router first.
enum BaselineFixture {
    static let directory: BaselineDirectory = {
        let directory = BaselineDirectory(RoutingFixture.directory)
        checkAgreement(directory, events: 2_000)
        return directory
    }()

    /// The baseline and the router give the same route to the first `events` events: the
    /// two benchmarks measure the same work.
    static func checkAgreement(_ directory: BaselineDirectory, events: Int) {
        let bytes = RoutingFixture.batch(0, size: events)
        var output = Data()
        let naive = BaselineRouter(directory).route(jsonLines: bytes, source: "events.jsonl", into: &output)
        let routes: [Route]
        do {
            routes = try BatchRouter(rules: RoutingFixture.rules, directory: RoutingFixture.directory, threads: 1)
                .route(WebhookInput(bytes: bytes), source: "events.jsonl")
        } catch {
            fatalError("\(error)")
        }
        precondition(naive.count == routes.count, "the baseline read \(naive.count) events, the router \(routes.count)")
        for (index, (route, expected)) in zip(naive, routes).enumerated() {
            let rules = Dictionary(uniqueKeysWithValues: expected.rules.map { ($0.table, $0.rules) })
            let agrees =
                route.status == expected.status.rawValue && route.event == expected.event && route.id == expected.id
                && route.kind == expected.kind?.rawValue && route.direction == expected.direction?.rawValue
                && route.contact == expected.contact && route.projects == expected.projects
                && route.team_member == expected.teamMember && route.actions == expected.actions
                && route.button == expected.button && route.reason == expected.reason && route.rules == rules
            precondition(
                agrees,
                """
                the baseline disagrees with the router on event \(index + 1) (update Baseline.swift to mirror \
                interaction-logging.yaml):
                baseline \(route)
                router   \(expected.json.rendered)
                """)
        }
    }
}
