import Dispatch
import Foundation
import Gateway
import HTTPServer
import OTSimulator
import Observability

/// The gateway and the OT API simulator running in this process, each on its own loopback
/// port, wired to each other like a real deployment: every OT call goes through libcurl and
/// the simulator's HTTP server.
final class GatewayHarness: Sendable {
    static let token = "test-token-1"
    static let consolePassword = "console-test-password"

    let simulator: Simulator
    let simulatorServer: HTTPServer
    let services: GatewayServices
    let gatewayServer: HTTPServer
    let gatewayAddress: String
    let logSink: InMemoryLogSink

    /// Starts both servers. `environment` overrides or adds `OTGW_*` variables.
    static func start(
        environment overrides: [String: String] = [:],
        simulatorConfiguration: SimulatorConfiguration = SimulatorConfiguration(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> GatewayHarness {
        let logSink = InMemoryLogSink()
        let logger = Logger(label: "test", logLevel: .debug, sink: logSink)

        let simulator = try Simulator(configuration: simulatorConfiguration)
        let simulatorServer = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
            router: simulator.makeRouter(),
            logger: .disabled(),
            metrics: MetricsRegistry()
        )
        try simulatorServer.start()
        let simulatorAddress = simulatorServer.localAddress!
        simulator.baseURL = "http://\(simulatorAddress)"

        let dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("otgw-test-\(UUID().uuidString)").path
        var environment: [String: String] = [
            "OTGW_LISTEN": "127.0.0.1:0",
            "OTGW_OTAPI_URL": "http://\(simulatorAddress)/service",
            "OTGW_INSTANCE_KEY": SimulatorConfiguration.Defaults.instanceKey,
            "OTGW_OPERATOR_LOGIN": SimulatorConfiguration.Defaults.operatorLogin,
            "OTGW_OPERATOR_PASSWORD": SimulatorConfiguration.Defaults.operatorPassword,
            "OTGW_CUSTOMER_LOGIN": SimulatorConfiguration.Defaults.customerLogin,
            "OTGW_CUSTOMER_PASSWORD": SimulatorConfiguration.Defaults.customerPassword,
            "OTGW_DELIVERY_MODE_ID": SimulatorConfiguration.Defaults.freeDeliveryModeId,
            "OTGW_API_TOKENS": Self.token,
            "OTGW_CONSOLE_PASSWORD": Self.consolePassword,
            "OTGW_DATA_DIR": dataDirectory,
            "OTGW_OTAPI_READ_TIMEOUT": "5",
            "OTGW_OTAPI_WRITE_TIMEOUT": "5",
        ]
        environment.merge(overrides) { _, new in new }
        let configuration = try GatewayConfigurationLoader(environment: environment, requireOTCredentials: true).load()
        let services = try GatewayServices(
            configuration: configuration,
            logger: logger,
            metrics: MetricsRegistry(),
            now: now
        )
        let application = GatewayApplication(services: services)
        var serverConfiguration = application.serverConfiguration()
        serverConfiguration.port = 0
        let gatewayServer = HTTPServer(
            configuration: serverConfiguration,
            router: application.makeRouter(),
            logger: logger,
            metrics: services.metrics
        )
        try gatewayServer.start()
        return GatewayHarness(
            simulator: simulator,
            simulatorServer: simulatorServer,
            services: services,
            gatewayServer: gatewayServer,
            gatewayAddress: gatewayServer.localAddress!,
            logSink: logSink
        )
    }

    private init(
        simulator: Simulator,
        simulatorServer: HTTPServer,
        services: GatewayServices,
        gatewayServer: HTTPServer,
        gatewayAddress: String,
        logSink: InMemoryLogSink
    ) {
        self.simulator = simulator
        self.simulatorServer = simulatorServer
        self.services = services
        self.gatewayServer = gatewayServer
        self.gatewayAddress = gatewayAddress
        self.logSink = logSink
    }

    func stop() async {
        await self.gatewayServer.shutdown(gracePeriod: .seconds(1))
        await self.services.shutdown()
        await self.simulatorServer.shutdown(gracePeriod: .seconds(1))
    }

    /// Sends one request to the gateway with the test bearer token unless `authorization` is given.
    func send(
        _ method: String,
        _ path: String,
        body: String? = nil,
        headers: [String: String] = [:],
        authorization: String? = "Bearer \(GatewayHarness.token)"
    ) async throws -> TestHTTPReply {
        var allHeaders = headers
        if let authorization, allHeaders["Authorization"] == nil {
            allHeaders["Authorization"] = authorization
        }
        if body != nil, allHeaders["Content-Type"] == nil {
            allHeaders["Content-Type"] = "application/json"
        }
        return try await TestHTTPClient.send(
            address: self.gatewayAddress,
            method: method,
            path: path,
            headers: allHeaders,
            body: Array((body ?? "").utf8)
        )
    }
}

/// A reply as the test client read it.
struct TestHTTPReply: Sendable {
    var status: Int
    /// Header names lowercased; the last value wins.
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: self.body, as: UTF8.self) }

    /// The body parsed as a JSON object, or nil.
    var json: [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(self.body)) as? [String: Any]
    }
}

/// A blocking HTTP/1.1 client over a loopback socket, run on its own threads so that it never
/// occupies the Swift concurrency pool or the Dispatch threads of the servers under test.
enum TestHTTPClient {
    static func send(
        address: String,
        method: String,
        path: String,
        headers: [String: String],
        body: [UInt8]
    ) async throws -> TestHTTPReply {
        // A thread of its own per request: blocked reads on Dispatch's global queue can use up
        // its few threads, which the servers' Dispatch sources need to send responses.
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try self.exchange(address: address, method: method, path: path, headers: headers, body: body)
                    }
                )
            }.start()
        }
    }

    private static func exchange(
        address: String,
        method: String,
        path: String,
        headers: [String: String],
        body: [UInt8]
    ) throws -> TestHTTPReply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(address)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        let reply = try LoopbackHTTP.exchangeBytes(address: address, request: request)
        return try self.parse(reply)
    }

    private static func parse(_ bytes: [UInt8]) throws -> TestHTTPReply {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator })
        else { throw POSIXError(.EBADMSG) }
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw POSIXError(.EBADMSG) }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        return TestHTTPReply(status: status, headers: headers, body: Array(bytes[(headEnd + 4)...]))
    }
}
