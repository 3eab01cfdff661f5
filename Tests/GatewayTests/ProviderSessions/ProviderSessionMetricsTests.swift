import Foundation
import Store
import Testing

@testable import Gateway

@Suite struct ProviderSessionMetricsTests {
    @Test func listingRecordsCountAndOldestAge() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let harness = try await GatewayHarness.start(now: { start })
        _ = harness.simulator.connectProviderAccount("tb_buyer_1")
        let threeHoursAgo = UnixTime.milliseconds(from: start) - 3 * 3_600_000
        try await harness.services.store.recordProviderAccountConnect(accountName: "tb_buyer_1", at: threeHoursAgo)

        let listed = await ThreadedHTTP.send(harness, "GET", "/provider-sessions")
        #expect(listed.status == 200, "\(listed.text)")

        let metrics = harness.services.metrics.render()
        #expect(metrics.contains("otgw_provider_sessions 1\n"), "\(metrics)")
        #expect(metrics.contains("otgw_provider_session_oldest_age_hours 3\n"), "\(metrics)")
        await harness.stop()
    }
}
