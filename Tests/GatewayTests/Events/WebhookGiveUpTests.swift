import Foundation
import Gateway
import Store
import Testing

@Suite struct WebhookGiveUpTests {
    @Test func pushIsGivenUpAfterOneDay() async throws {
        let clock = TestClock()
        let receiver = try WebhookReceiver(failFirst: 1000)
        let harness = try await GatewayHarness.start(environment: receiver.environment, now: { clock.now })
        let work = BackgroundWork(services: harness.services)
        let deliverer = try #require(work.deliverer)
        let first = try #require(
            try await EventRecorder.orderCreated(orderID: "ORD-0000000001", externalID: nil, services: harness.services)
        )
        clock.advance(seconds: 1)
        let second = try #require(
            try await EventRecorder.paymentUnresolved(
                orderID: "ORD-0000000001",
                paymentID: "pay-1",
                state: "incomplete",
                depositedAmount: 10,
                reservedAmount: 0,
                detail: "The reserve failed.",
                services: harness.services
            )
        )

        // Only the older event of the order is tried while it keeps failing.
        for _ in 0..<40 {
            await deliverer.runOnce(now: clock.now)
            clock.advance(seconds: 3600)
        }
        #expect(Set(receiver.pushes.compactMap(\.eventID)) == [String(first.id), String(second.id)])
        #expect(receiver.pushes.firstIndex { $0.eventID == String(second.id) }! > 20)
        let given = try #require(try await harness.services.store.outboxEvent(id: first.id))
        #expect(given.deliveryState == .failed)
        #expect(given.lastError == "the receiver answered HTTP 500")

        let status = try await WebhookStatus.json(services: harness.services)
        #expect(status["configured"] == .bool(true))
        #expect(status["failedCount"] == .number("2"))
        let metrics = try await harness.send("GET", "/metrics")
        #expect(metrics.text.contains("otgw_webhook_failed_events 2"))
        #expect(metrics.text.contains("otgw_webhook_deliveries_total{result=\"failed\"} 2"))

        // Failed events stay readable through GET /events.
        let page = try await harness.send("GET", "/events")
        #expect((page.json?["events"] as? [Any])?.count == 2)
        await harness.stop()
        await receiver.stop()
    }

    @Test func agedProviderSessionIsWarnedOnce() async throws {
        let clock = TestClock()
        let harness = try await GatewayHarness.start(now: { clock.now })
        let orders = SimulatorOrders(harness: harness)
        let sessionID = try await orders.connectProviderAccount("tb_buyer_1", recordConnect: clock.now)
        let work = BackgroundWork(services: harness.services)

        clock.advance(seconds: 19 * 3600)
        #expect(await work.sessionMonitor.runOnce(now: clock.now) == 0)
        clock.advance(seconds: 3600)
        #expect(await work.sessionMonitor.runOnce(now: clock.now) == 1)
        clock.advance(seconds: 3600)
        #expect(await work.sessionMonitor.runOnce(now: clock.now) == 0)

        let events = try await harness.services.store.outboxEvents(after: 0, limit: 10)
        #expect(events.map(\.type) == ["provider_session.expiring"])
        #expect(events.first?.orderID == nil)
        #expect(events.first?.dataJSON.contains(sessionID) == true)

        // A new instance remembers the warning from the outbox.
        let restarted = BackgroundWork(services: harness.services)
        #expect(await restarted.sessionMonitor.runOnce(now: clock.now) == 0)
        clock.advance(seconds: 24 * 3600)
        #expect(await restarted.sessionMonitor.runOnce(now: clock.now) == 1)
        await harness.stop()
    }
}
