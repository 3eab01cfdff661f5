import Testing

@testable import OTAPI

@Suite struct CurlTransportConfigurationTests {
    @Test func defaultsArePinned() {
        let configuration = CurlTransportConfiguration()
        #expect(configuration.maxConnections == 64)
        #expect(configuration.maxResponseBytes == 8 * 1024 * 1024)
        #expect(configuration.maxResponseHeaderBytes == 64 * 1024)
        #expect(configuration.caFile == nil)
        #expect(configuration.lowSpeedLimitBytesPerSecond == 1)
        #expect(configuration.lowSpeedTime == .seconds(30))
        #expect(CurlTransportConfiguration.maxConnectionsVariable == "OTGW_OTAPI_MAX_CONNECTIONS")
    }

    @Test func environmentSetsMaxConnections() throws {
        let configuration = try CurlTransportConfiguration(environment: ["OTGW_OTAPI_MAX_CONNECTIONS": "8"])
        #expect(configuration.maxConnections == 8)
    }

    @Test func environmentWithoutVariableKeepsDefault() throws {
        let configuration = try CurlTransportConfiguration(environment: [:], caFile: "/tmp/extra-ca.pem")
        #expect(configuration.maxConnections == CurlTransportConfiguration.defaultMaxConnections)
        #expect(configuration.caFile == "/tmp/extra-ca.pem")
    }

    @Test(arguments: ["0", "-3", "many", ""]) func environmentRejectsInvalidValue(_ text: String) {
        #expect(throws: CurlTransportConfigurationError.self) {
            try CurlTransportConfiguration(environment: ["OTGW_OTAPI_MAX_CONNECTIONS": text])
        }
    }

    @Test func millisecondsRoundsDownButNeverToZero() {
        #expect(CurlEasyTransfer.milliseconds(.seconds(2)) == 2000)
        #expect(CurlEasyTransfer.milliseconds(.milliseconds(1500)) == 1500)
        #expect(CurlEasyTransfer.milliseconds(.microseconds(10)) == 1)
        #expect(CurlEasyTransfer.milliseconds(.zero) == 1)
    }
}
