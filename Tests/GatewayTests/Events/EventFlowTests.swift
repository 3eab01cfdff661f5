import Foundation
import Gateway
import OTSimulator
import Store
import Testing

/// Pay → export → booking → synchronisation → tracking, with every event pushed to a loopback
/// receiver that fails the first pushes.
@Suite struct EventFlowTests {
    static func outbox(_ harness: GatewayHarness) async throws -> [OutboxEvent] {
        try await harness.services.store.outboxEvents(after: 0, limit: 1000)
    }

    @Test func exportToTrackingReachesWebhookInOrder() async throws {
        let clock = TestClock()
        let receiver = try WebhookReceiver(failFirst: 2)
        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.activityBehaviour = ActivityBehaviour(progress: .perPoll(steps: 2))
        let harness = try await GatewayHarness.start(
            environment: receiver.environment.merging(["OTGW_OT_CALLS_PER_MINUTE": "10000"]) { $1 },
            simulatorConfiguration: simulatorConfiguration,
            now: { clock.now }
        )
        let orders = SimulatorOrders(harness: harness)
        let orderID = try await orders.paidOrder()
        try await OrderWatching.watch(orderID: orderID, services: harness.services)
        let sessionID = try await orders.connectProviderAccount(recordConnect: clock.now)
        let work = BackgroundWork(services: harness.services)
        let deliverer = try #require(work.deliverer)

        // Export: 202 with the started activity.
        let export = try await harness.send("POST", "/orders/\(orderID)/export", body: "{}")
        #expect(export.status == 202)
        let activity = try #require(export.json?["activity"] as? [String: Any])
        #expect(activity["type"] as? String == "ProviderOrdersIntegrationExporting")
        #expect(activity["isFinished"] as? Bool == false)
        #expect(harness.simulator.state.activities.first?.providerSessionId == sessionID)

        // The activity finishes on the second read; the order is then re-read at once.
        clock.advance(seconds: 3)
        #expect(await work.poller.runOnce(now: clock.now) == 1)
        clock.advance(seconds: 5)
        #expect(await work.poller.runOnce(now: clock.now) == 1)
        #expect(await work.watcher.runOnce(now: clock.now) == 1)
        let providerOrderID = try #require(harness.simulator.state.order(orderID)?.lines.first?.providerOrderId)
        var types = try await Self.outbox(harness).map(\.type)
        #expect(types == ["activity.finished", "order.paid", "order.line.booked"])
        let booked = try await Self.outbox(harness).last
        #expect(booked?.dataJSON.contains(providerOrderID) == true)

        // After OTGW_SYNC_INTERVAL the watcher synchronises; the sync brings tracking numbers.
        clock.advance(seconds: 1801)
        #expect(await work.watcher.runOnce(now: clock.now) == 1)
        #expect(harness.simulator.callCount("RunOrdersSynchronizingWithProvider") == 1)
        clock.advance(seconds: 3)
        #expect(await work.poller.runOnce(now: clock.now) == 1)
        clock.advance(seconds: 5)
        #expect(await work.poller.runOnce(now: clock.now) == 1)
        #expect(await work.watcher.runOnce(now: clock.now) == 1)
        types = try await Self.outbox(harness).map(\.type)
        #expect(
            Array(types.dropFirst(3)) == [
                "activity.finished", "order.line.status_changed", "order.line.tracking_assigned",
                "order.package.tracking_assigned",
            ]
        )

        // Delivery: the receiver fails twice, then takes every event once, in id order.
        #expect(await deliverer.runOnce(now: clock.now) == 0)
        clock.advance(seconds: 10)
        #expect(await deliverer.runOnce(now: clock.now) == 0)
        #expect(receiver.pushes.count == 2)
        clock.advance(seconds: 20)
        #expect(await deliverer.runOnce(now: clock.now) == 7)
        #expect(await deliverer.runOnce(now: clock.now) == 0)

        let events = try await Self.outbox(harness)
        #expect(receiver.acceptedEventIDs == events.map { String($0.id) })
        #expect(receiver.pushes.prefix(3).map(\.eventID) == Array(repeating: String(events[0].id), count: 3))
        #expect(events.allSatisfy { $0.deliveryState == .delivered })
        for push in receiver.pushes {
            let timestamp = try #require(push.timestamp)
            let expected = ReferenceHMAC.sha256Hex(
                key: Array(WebhookReceiver.secret.utf8),
                message: Array("\(timestamp).".utf8) + push.body
            )
            #expect(push.signature == "sha256=" + expected)
            #expect(push.contentType == "application/json")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(push.body)) as? [String: Any])
            #expect((body["id"] as? Int).map(String.init) == push.eventID)
            #expect(body["orderId"] as? String == orderID)
        }

        let metrics = try await harness.send("GET", "/metrics")
        #expect(metrics.text.contains("otgw_webhook_deliveries_total{result=\"retry\"} 2"))
        #expect(metrics.text.contains("otgw_webhook_deliveries_total{result=\"delivered\"} 7"))
        #expect(metrics.text.contains("otgw_webhook_backlog 0"))
        #expect(metrics.text.contains("otgw_webhook_failed_events 0"))

        await harness.stop()
        await receiver.stop()
    }
}
