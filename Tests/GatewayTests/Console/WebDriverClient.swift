import Foundation

/// A `chromedriver` child process on a loopback port, and the W3C WebDriver commands the
/// browser test needs, sent as JSON over HTTP.
final class ChromeDriver: Sendable {
    static let candidatePaths = [
        "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver", "/usr/local/bin/chromedriver",
    ]
    static let browserPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    static let startTimeout: TimeInterval = 20

    static var executablePath: String? {
        self.candidatePaths.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var browserPath: String? {
        self.browserPaths.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let process: ChildProcess
    let address: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func start() async throws -> ChromeDriver {
        guard let path = self.executablePath else { throw Failure(description: "chromedriver is not installed") }
        let port = try LoopbackPort.unused()
        let process = try ChildProcess(
            path: path,
            arguments: ["--port=\(port)", "--allowed-ips=127.0.0.1", "--log-level=SEVERE"],
            environment: ProcessInfo.processInfo.environment,
            captureOutput: false
        )
        let driver = ChromeDriver(process: process, address: "127.0.0.1:\(port)")
        let deadline = Date().addingTimeInterval(self.startTimeout)
        while Date() < deadline {
            if let status = try? await driver.command("GET", "/status"),
                (status["ready"] as? Bool) == true
            {
                return driver
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        driver.stop()
        throw Failure(description: "chromedriver did not become ready on \(driver.address)")
    }

    private init(process: ChildProcess, address: String) {
        self.process = process
        self.address = address
    }

    /// Stops chromedriver: SIGTERM, then SIGKILL when it has not exited within five seconds.
    func stop() {
        guard self.process.isRunning else { return }
        self.process.signal(SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while self.process.isRunning && Date() < deadline {
            usleep(50_000)
        }
        self.process.signal(SIGKILL)
        _ = self.process.waitUntilExit()
    }

    /// Sends one command and returns its `value`; a WebDriver error becomes a `Failure`.
    @discardableResult
    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        let wrapped = try await self.rawCommand(method, path, body)
        return wrapped as? [String: Any] ?? [:]
    }

    func rawCommand(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any {
        var bytes: [UInt8] = []
        var headers: [String: String] = [:]
        if let body {
            bytes = Array(try JSONSerialization.data(withJSONObject: body))
            headers["Content-Type"] = "application/json; charset=utf-8"
        }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(self.address)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(bytes.count)\r\n\r\n"
        let address = self.address
        let request = Array(head.utf8) + bytes
        let reply = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try SizedHTTPExchange.run(address: address, request: request) })
            }
        }
        let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        let value = object?["value"] ?? NSNull()
        if reply.status >= 400 {
            let error = (value as? [String: Any])?["message"] as? String ?? String(decoding: reply.body, as: UTF8.self)
            throw Failure(description: "\(method) \(path) failed with \(reply.status): \(error)")
        }
        return value
    }
}

/// One HTTP exchange that reads the response by its `Content-Length`, because chromedriver
/// keeps the connection open after its response even when the request asks to close it.
enum SizedHTTPExchange {
    /// The maximum time one read may block. A browser command that takes longer has hung.
    static let receiveTimeoutSeconds = 90

    static func run(address: String, request: [UInt8]) throws -> (status: Int, body: [UInt8]) {
        let descriptor = try LoopbackHTTP.connectAndSend(
            address: address,
            request: request,
            receiveTimeoutSeconds: self.receiveTimeoutSeconds
        )
        defer { close(descriptor) }

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var expectedTotal: Int?
        var headEnd = 0
        var status = 0
        while expectedTotal == nil || received.count < expectedTotal! {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
            if expectedTotal == nil, let end = self.headEnd(received) {
                headEnd = end
                let head = String(decoding: received[..<end], as: UTF8.self).lowercased()
                let lines = head.components(separatedBy: "\r\n")
                status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
                let length =
                    lines.first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                expectedTotal = end + 4 + length
            }
        }
        guard let expectedTotal, received.count >= expectedTotal else { throw POSIXError(.EBADMSG) }
        return (status, Array(received[(headEnd + 4)..<expectedTotal]))
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// One browser session.
struct WebDriverSession: Sendable {
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"
    static let waitTimeout: TimeInterval = 20

    let driver: ChromeDriver
    let id: String

    static func open(_ driver: ChromeDriver, browserPath: String?) async throws -> WebDriverSession {
        var options: [String: Any] = [
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--lang=en-US"]
        ]
        if let browserPath {
            options["binary"] = browserPath
        }
        let capabilities: [String: Any] = [
            "capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]
        ]
        let value = try await driver.command("POST", "/session", capabilities)
        guard let id = value["sessionId"] as? String else {
            throw ChromeDriver.Failure(description: "no session id in \(value)")
        }
        return WebDriverSession(driver: driver, id: id)
    }

    func close() async {
        _ = try? await self.driver.rawCommand("DELETE", "/session/\(self.id)")
    }

    /// Sends `headers` with every request of this browser, through the DevTools protocol.
    func setExtraHeaders(_ headers: [String: String]) async throws {
        try await self.driver.command(
            "POST",
            "/session/\(self.id)/goog/cdp/execute",
            ["cmd": "Network.enable", "params": [:]]
        )
        try await self.driver.command(
            "POST",
            "/session/\(self.id)/goog/cdp/execute",
            ["cmd": "Network.setExtraHTTPHeaders", "params": ["headers": headers]]
        )
    }

    func navigate(_ url: String) async throws {
        try await self.driver.command("POST", "/session/\(self.id)/url", ["url": url])
    }

    func currentURL() async throws -> String {
        try await self.driver.rawCommand("GET", "/session/\(self.id)/url") as? String ?? ""
    }

    func execute(_ script: String) async throws -> Any {
        try await self.driver.rawCommand("POST", "/session/\(self.id)/execute/sync", ["script": script, "args": []])
    }

    /// Runs `script` until it returns true or the wait times out.
    func wait(until script: String, what: String) async throws {
        let deadline = Date().addingTimeInterval(Self.waitTimeout)
        while Date() < deadline {
            if (try? await self.execute(script)) as? Bool == true {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let url = (try? await self.currentURL()) ?? "?"
        let text = (try? await self.execute("return document.body ? document.body.innerText : ''")) as? String ?? ""
        throw ChromeDriver.Failure(
            description: "timed out waiting for \(what) at \(url); page text: \(text.prefix(500))"
        )
    }

    func element(_ selector: String) async throws -> String {
        let value = try await self.driver.command(
            "POST",
            "/session/\(self.id)/element",
            ["using": "css selector", "value": selector]
        )
        guard let element = value[Self.elementKey] as? String else {
            throw ChromeDriver.Failure(description: "no element \(selector)")
        }
        return element
    }

    func click(_ selector: String) async throws {
        let element = try await self.element(selector)
        try await self.driver.command("POST", "/session/\(self.id)/element/\(element)/click", [:])
    }

    func type(_ text: String, into selector: String) async throws {
        let element = try await self.element(selector)
        try await self.driver.command("POST", "/session/\(self.id)/element/\(element)/clear", [:])
        try await self.driver.command("POST", "/session/\(self.id)/element/\(element)/value", ["text": text])
    }

    func text(_ selector: String) async throws -> String {
        let element = try await self.element(selector)
        return try await self.driver.rawCommand("GET", "/session/\(self.id)/element/\(element)/text") as? String ?? ""
    }

    /// Saves a PNG screenshot of the viewport to `path`.
    func screenshot(to path: String) async throws {
        let encoded = try await self.driver.rawCommand("GET", "/session/\(self.id)/screenshot") as? String ?? ""
        guard let data = Data(base64Encoded: encoded), data.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw ChromeDriver.Failure(description: "the screenshot is not a PNG")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }
}
