import Foundation

/// Runs the built `otgateway` executable as a child process, for tests of the command line,
/// of start-up and of signals.
final class GatewayProcess: Sendable {
    private let child: ChildProcess

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
        self.child = try ChildProcess(path: Self.executableURL.path, arguments: arguments, environment: environment)
    }

    var text: String { self.child.text }

    /// Waits until the output contains `needle`; returns false if the process ends or time runs out.
    func waitForOutput(containing needle: String, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if self.text.contains(needle) { return true }
            if self.child.isFinished {
                return self.text.contains(needle)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Waits for the process to exit and returns its status, or nil when time runs out.
    func waitForExit(timeout: Duration = .seconds(20)) async -> Int32? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if self.child.isFinished {
                return self.child.status
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    func signal(_ number: Int32) {
        self.child.signal(number)
    }

    /// Ends the process if a test left it running.
    func terminate() {
        if self.child.isRunning {
            self.child.signal(SIGKILL)
            _ = self.child.waitUntilExit()
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
