import Foundation
import HTTPServer
import OTAPI
import OTSimulator
import Observability

#if canImport(Glibc)
    import Glibc
#endif

/// A simulator served by the project's HTTP server on a loopback port, and an OT API client
/// that reaches it through `CurlTransport`, so every call crosses a real socket.
struct LoopbackSimulator {
    let simulator: Simulator
    let server: HTTPServer
    let serverMetrics: MetricsRegistry
    let transport: CurlTransport
    let client: OTAPIClient

    /// Starts both. `secret` is the client's signing secret; the simulator's is set in `configure`.
    static func start(
        binding: OTBinding = .xml,
        secret: String? = nil,
        configure: (inout SimulatorConfiguration) -> Void = { _ in }
    ) throws -> LoopbackSimulator {
        // A dropped connection must not end the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        CurlGlobal.initialize()

        var configuration = SimulatorConfiguration()
        configure(&configuration)
        let simulator = try Simulator(configuration: configuration)
        let metrics = MetricsRegistry()
        let server = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
            router: simulator.makeRouter(),
            logger: .disabled(),
            metrics: metrics
        )
        try server.start()
        let address = server.localAddress!
        simulator.baseURL = "http://\(address)"

        let path = binding == .xml ? "/service" : "/OtapiWebService2.asmx"
        let defaults = SimulatorConfiguration.Defaults.self
        let clientConfiguration = OTAPIConfiguration(
            baseURL: "http://\(address)\(path)",
            binding: binding,
            soapNamespace: configuration.soapNamespace,
            instanceKey: defaults.instanceKey,
            secret: secret,
            operatorLogin: defaults.operatorLogin,
            operatorPassword: defaults.operatorPassword,
            customerLogin: defaults.customerLogin,
            customerPassword: defaults.customerPassword,
            readTimeout: .seconds(10),
            writeTimeout: .seconds(10),
            connectTimeout: .seconds(5),
            retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))
        )
        let transport = try CurlTransport()
        let client = OTAPIClient(configuration: clientConfiguration, transport: transport)
        return LoopbackSimulator(
            simulator: simulator,
            server: server,
            serverMetrics: metrics,
            transport: transport,
            client: client
        )
    }

    func stop() async {
        self.transport.shutdown()
        await self.server.shutdown(gracePeriod: .seconds(1))
    }

    /// The number of HTTP responses the simulator's server sent on `route` with `status`.
    func responses(route: String, status: Int = 200) -> Int {
        let line = "http_server_requests_total{method=\"POST\",route=\"\(route)\",status=\"\(status)\"} "
        guard let found = self.serverMetrics.render().split(separator: "\n").first(where: { $0.hasPrefix(line) })
        else { return 0 }
        return Int(Double(found.dropFirst(line.count)) ?? 0)
    }

    static let customerId = String(SimulatorConfiguration.Defaults.customerId)

    /// An order of two lines with real-looking Taobao item ids.
    static let twoLineOrder = OrderAddData(
        deliveryModeId: SimulatorConfiguration.Defaults.freeDeliveryModeId,
        userProfileId: String(SimulatorConfiguration.Defaults.userProfileId),
        comment: "loopback test & <escaping>",
        items: [
            OrderAddItem(itemId: "abb-560724366248", configurationId: "4000000000001", quantity: 2),
            OrderAddItem(itemId: "abb-612093475821", configurationId: "0", quantity: 1),
        ]
    )
}

extension OTAPIError {
    /// OT's error code when this is a plain `.ot` error, for checks on typed refusals.
    var rejectedCode: String? {
        guard case .ot(let code, _, _, _, _) = self.code else { return nil }
        return code
    }
}
