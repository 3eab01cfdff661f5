import Foundation
import Testing

@Suite struct HarnessTests {
    @Test func gatewayAndSimulatorStartAndStop() async throws {
        let harness = try await GatewayHarness.start()
        let health = try await harness.send("GET", "/healthz")
        #expect(health.status == 200)
        #expect(harness.simulator.baseURL.hasPrefix("http://127.0.0.1:"))
        await harness.stop()
    }
}
