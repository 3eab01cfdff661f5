import Foundation

/// Runs the built `otgateway` executable as a child process, for tests of the command line,
/// of start-up and of signals.
final class GatewayProcess: @unchecked Sendable {
    // Safe without a lock: `output` is written by the reader thread only while `outputLock` is held.
    private let process = Process()
    private let outputLock = NSLock()
    private var output = Data()

    /// The path of `otgateway` next to the test bundle in the build folder.
    static var executableURL: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the runner is `…/debug/OTGatewayPackageTests.xctest`; elsewhere it may be nested.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("otgateway").path),
            folder.path != "/"
        {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("otgateway")
    }

    init(arguments: [String], environment: [String: String]) throws {
        self.process.executableURL = Self.executableURL
        self.process.arguments = arguments
        self.process.environment = environment
        let pipe = Pipe()
        self.process.standardOutput = pipe
        self.process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.outputLock.lock()
            self.output.append(chunk)
            self.outputLock.unlock()
        }
        try self.process.run()
    }

    var text: String {
        self.outputLock.lock()
        defer { self.outputLock.unlock() }
        return String(decoding: self.output, as: UTF8.self)
    }

    /// Waits until the output contains `needle`; returns false if the process ends or time runs out.
    func waitForOutput(containing needle: String, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if self.text.contains(needle) { return true }
            if !self.process.isRunning { return self.text.contains(needle) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Waits for the process to exit and returns its status, or nil when time runs out.
    func waitForExit(timeout: Duration = .seconds(20)) async -> Int32? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if !self.process.isRunning { return self.process.terminationStatus }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    func signal(_ number: Int32) {
        kill(self.process.processIdentifier, number)
    }

    /// Ends the process if a test left it running.
    func terminate() {
        if self.process.isRunning {
            kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
        }
    }

    /// The address from the "otgateway is serving" log line, such as `127.0.0.1:41234`.
    var servingAddress: String? {
        for line in self.text.split(separator: "\n") where line.contains("otgateway is serving") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                continue
            }
            return object["listen"] as? String
        }
        return nil
    }
}
