import Foundation
import Testing

@testable import Gateway

/// Changes the gateway makes itself reach the outbox at the next watcher run, not a whole
/// watch interval later.
@Suite struct PromptEventTests {
    static let order = #"{"externalId":"PROMPT-1","lines":[{"itemId":"abb-1","configurationId":"0","quantity":1}]}"#

    private func eventTypes(_ harness: GatewayHarness) async throws -> [String] {
        let reply = await ThreadedHTTP.send(harness, "GET", "/events?after=0&limit=100")
        let events = try #require(reply.json?["events"] as? [[String: Any]])
        return events.compactMap { $0["type"] as? String }
    }

    @Test func payReportsPaidAndStatusAtNextRun() async throws {
        let harness = try await GatewayHarness.start()
        let placed = await ThreadedHTTP.send(harness, "POST", "/orders", body: Self.order)
        let orderID = try #require(placed.json?["id"] as? String)
        let paid = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(paid.status == 200, "\(paid.text)")

        let work = BackgroundWork(services: harness.services)
        _ = await work.watcher.runOnce(now: harness.services.now())

        let types = try await self.eventTypes(harness)
        #expect(types.contains("order.paid"), "\(types)")
        #expect(types.contains("order.status_changed"), "\(types)")
        await harness.stop()
    }

    @Test func cancelReportsCancelledAtNextRun() async throws {
        let harness = try await GatewayHarness.start()
        let placed = await ThreadedHTTP.send(harness, "POST", "/orders", body: Self.order)
        let orderID = try #require(placed.json?["id"] as? String)
        let cancelled = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/cancel")
        #expect(cancelled.status == 200, "\(cancelled.text)")

        let work = BackgroundWork(services: harness.services)
        _ = await work.watcher.runOnce(now: harness.services.now())

        #expect(try await self.eventTypes(harness).contains("order.cancelled"))
        await harness.stop()
    }
}
