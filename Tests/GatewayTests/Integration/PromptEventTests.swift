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

@Suite struct GatewayCancelledOrderEventTests {
    @Test func partialOrderCancelledByGatewayReportsCancelled() async throws {
        let harness = try await GatewayHarness.start()
        let body =
            #"{"externalId":"PARTIAL-1","lines":[{"itemId":"abb-1","configurationId":"0","quantity":1},"#
            + #"{"itemId":"gone-2","configurationId":"0","quantity":1}]}"#
        let placed = await ThreadedHTTP.send(harness, "POST", "/orders", body: body)
        #expect(placed.status == 409, "\(placed.text)")

        let work = BackgroundWork(services: harness.services)
        _ = await work.watcher.runOnce(now: harness.services.now())

        let reply = await ThreadedHTTP.send(harness, "GET", "/events?after=0&limit=100")
        let types = try #require(reply.json?["events"] as? [[String: Any]]).compactMap { $0["type"] as? String }
        #expect(types.contains("order.created"))
        #expect(types.contains("order.cancelled"), "\(types)")
        await harness.stop()
    }

    @Test func consoleOrderStatusFollowsReRead() async throws {
        let harness = try await GatewayHarness.start()
        let placed = await ThreadedHTTP.send(harness, "POST", "/orders", body: PromptEventTests.order)
        let orderID = try #require(placed.json?["id"] as? String)
        _ = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        let work = BackgroundWork(services: harness.services)
        _ = await work.watcher.runOnce(now: harness.services.now())

        let record = try await harness.services.store.gatewayOrder(orderID: orderID)
        let snapshot = try #require(record?.snapshotJSON)
        #expect(snapshot.contains("\"isPaid\":true"), "\(snapshot)")
        await harness.stop()
    }
}
