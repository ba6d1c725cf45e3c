import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif
import Testing

/// The built `switchboard serve`, started as a user would, on a port it picks itself.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let output: URL

    /// The `switchboard` binary beside the test bundle.
    static var executable: URL {
        let folder = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [folder, folder.deletingLastPathComponent()].map { $0.appending(path: "switchboard") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? ServiceFixture.packageRoot.appending(path: ".build/debug/switchboard")
    }

    /// Starts `switchboard serve` on the examples and waits until it prints its port.
    init(store: String, token: String) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        output = folder.appending(path: "stdout")
        let errors = folder.appending(path: "stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = Self.executable
        process.arguments = [
            "serve", "--directory", ServiceFixture.directory, "--store", store, "--port", "0", "--token", token,
            "--log-level", "warning",
        ]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        // "switchboard: listening on http://127.0.0.1:PORT (store …)"
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
            if let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                found = Int(text[range].split(separator: ":").last ?? "")
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            process.terminate()
            let stderr = String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
            throw ServerFailure(description: "switchboard serve did not start: \(stderr)")
        }
        port = found
    }

    struct ServerFailure: Error, CustomStringConvertible { var description: String }

    /// Sends a signal and waits for the process to end.
    /// - Returns: Its exit status (or the signal's number).
    @discardableResult
    func stop(_ signal: Int32) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// One request; nil when no answer came (the server was killed).
    func send(_ method: String, _ path: String, body: String? = nil, session: URLSession) async -> (status: Int, body: String)? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        guard let (data, response) = try? await session.data(for: request), let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }
}
