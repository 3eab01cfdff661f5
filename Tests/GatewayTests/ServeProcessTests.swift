import Foundation
import Testing

/// The built `otgateway` executable, started as a child process.
@Suite struct ServeProcessTests {
    static let validEnvironment = [
        "OTGW_LISTEN": "127.0.0.1:0",
        "OTGW_OTAPI_URL": "http://127.0.0.1:9/service",
        "OTGW_INSTANCE_KEY": "test-key",
        "OTGW_OPERATOR_LOGIN": "operator",
        "OTGW_OPERATOR_PASSWORD": "operator-secret",
        "OTGW_CUSTOMER_LOGIN": "customer",
        "OTGW_CUSTOMER_PASSWORD": "customer-secret",
        "OTGW_DELIVERY_MODE_ID": "FREE-EXT-1",
        "OTGW_API_TOKENS": "token-1",
    ]

    private func dataDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("otgw-serve-\(UUID().uuidString)").path
        return path
    }

    @Test func serveAnswersHealthAndStopsOnSIGTERM() async throws {
        var environment = Self.validEnvironment
        environment["OTGW_DATA_DIR"] = self.dataDirectory()
        let gateway = try GatewayProcess(arguments: ["serve"], environment: environment)
        defer { gateway.terminate() }
        #expect(await gateway.waitForOutput(containing: "otgateway is serving"), "output: \(gateway.text)")
        let address = try #require(gateway.servingAddress)

        let health = try LoopbackHTTP.get(address: address, path: "/healthz")
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)
        #expect(health.headers["x-request-id"] != nil)

        let metrics = try LoopbackHTTP.get(address: address, path: "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("http_server_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"))

        gateway.signal(SIGTERM)
        #expect(await gateway.waitForExit() == 0)
        #expect(gateway.text.contains("\"msg\":\"stopped\""))
        #expect(!gateway.text.contains("operator-secret"))
    }

    @Test func invalidConfigurationNamesEachVariable() async throws {
        let environment = ["OTGW_LISTEN": "nowhere", "OTGW_OTAPI_MAX_CONNECTIONS": "many"]
        let gateway = try GatewayProcess(arguments: ["serve"], environment: environment)
        defer { gateway.terminate() }
        #expect(await gateway.waitForExit() == 1)
        for variable in ["OTGW_LISTEN", "OTGW_OTAPI_MAX_CONNECTIONS", "OTGW_INSTANCE_KEY", "OTGW_API_TOKENS"] {
            #expect(gateway.text.contains(variable), "missing \(variable) in: \(gateway.text)")
        }
    }

    @Test func printConfigMasksSecrets() async throws {
        let gateway = try GatewayProcess(arguments: ["serve", "--print-config"], environment: Self.validEnvironment)
        defer { gateway.terminate() }
        #expect(await gateway.waitForExit() == 0)
        #expect(gateway.text.contains("OTGW_OPERATOR_LOGIN=operator"))
        #expect(gateway.text.contains("OTGW_OPERATOR_PASSWORD=***"))
        #expect(!gateway.text.contains("operator-secret"))
        #expect(!gateway.text.contains("token-1"))
    }

    @Test func unknownCommandExitsWithStatusTwo() async throws {
        let gateway = try GatewayProcess(arguments: ["launch"], environment: [:])
        defer { gateway.terminate() }
        #expect(await gateway.waitForExit() == 2)
        #expect(gateway.text.contains("Usage: otgateway"))
    }

    @Test func versionPrintsAndExitsZero() async throws {
        let gateway = try GatewayProcess(arguments: ["--version"], environment: [:])
        defer { gateway.terminate() }
        #expect(await gateway.waitForExit() == 0)
        #expect(gateway.text.contains("otgateway 0.1.0"))
    }
}
