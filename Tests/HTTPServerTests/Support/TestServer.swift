import Glibc
import Observability

@testable import HTTPServer

/// A server on an ephemeral loopback port with in-memory logs and metrics, for loopback tests.
struct TestServer {
    let server: HTTPServer
    let logs: InMemoryLogSink
    let metrics: MetricsRegistry
    let port: Int

    /// Starts a server; `configure` adjusts the configuration (host and port are preset).
    static func start(
        configure: (inout ServerConfiguration) -> Void = { _ in },
        routes: (inout Router) -> Void
    ) throws -> TestServer {
        // The executable ignores SIGPIPE at start; tests must too, or a write to a reset
        // client socket could kill the test process.
        signal(SIGPIPE, SIG_IGN)
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        var router = Router()
        routes(&router)
        let logs = InMemoryLogSink()
        let metrics = MetricsRegistry()
        let server = HTTPServer(
            configuration: configuration,
            router: router,
            logger: Logger(label: "test", logLevel: .debug, sink: logs),
            metrics: metrics
        )
        try server.start()
        return TestServer(server: server, logs: logs, metrics: metrics, port: server.localPort!)
    }

    func connect(receiveBufferSize: Int32? = nil) async throws -> RawClient {
        try await RawClient.connect(port: self.port, receiveBufferSize: receiveBufferSize)
    }

    func stop() async {
        await self.server.shutdown(gracePeriod: .seconds(5))
    }
}

/// Builds a request with `Host` set, the given header lines, and an optional body with its
/// Content-Length (unless `headers` already frame it).
func rawRequest(
    _ method: String = "GET",
    _ target: String = "/",
    version: String = "HTTP/1.1",
    headers: [String] = [],
    body: String = ""
) -> String {
    var text = "\(method) \(target) \(version)\r\nHost: localhost\r\n"
    for header in headers {
        text += header + "\r\n"
    }
    if !body.isEmpty
        && !headers.contains(where: {
            $0.lowercased().hasPrefix("content-length") || $0.lowercased().hasPrefix("transfer-encoding")
        })
    {
        text += "Content-Length: \(body.utf8.count)\r\n"
    }
    return text + "\r\n" + body
}

/// Waits until `condition` holds, polling; fails after `attempts` polls (10 ms apart).
func eventually(attempts: Int = 500, _ condition: () async -> Bool) async -> Bool {
    for _ in 0..<attempts {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return false
}
