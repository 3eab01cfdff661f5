import Foundation
import Gateway
import OTSimulator
import Observability
import Store
import Testing

/// The gateway stops in the middle of an export and of a webhook retry; a new instance on
/// the same data directory carries on without losing or repeating events.
@Suite struct RestartTests {
    @Test func restartResumesPollingAndDelivery() async throws {
        let clock = TestClock()
        let receiver = try WebhookReceiver(failFirst: 1000)
        var configuration = SimulatorConfiguration()
        configuration.activityBehaviour = ActivityBehaviour(progress: .perPoll(steps: 2))
        let harness = try await GatewayHarness.start(
            environment: receiver.environment,
            simulatorConfiguration: configuration,
            now: { clock.now }
        )
        let orders = SimulatorOrders(harness: harness)
        let orderID = try await orders.paidOrder()
        _ = try await orders.connectProviderAccount()
        try await EventRecorder.orderCreated(orderID: orderID, externalID: "SHOP-1", services: harness.services)

        let before = BackgroundWork(services: harness.services)
        #expect(try await harness.send("POST", "/orders/\(orderID)/export").status == 202)
        clock.advance(seconds: 3)
        #expect(await before.poller.runOnce(now: clock.now) == 1)
        #expect(await before.deliverer!.runOnce(now: clock.now) == 0)
        let pendingBefore = try await harness.services.store.outboxEvents(after: 0, limit: 100)
        #expect(pendingBefore.map(\.type) == ["order.created"])
        #expect(pendingBefore.first?.attempts == 1)
        await before.stop()
        await harness.services.shutdown()

        // A new instance on the same data directory.
        let services = try GatewayServices(
            configuration: harness.services.configuration,
            logger: .disabled(),
            metrics: MetricsRegistry(),
            now: { clock.now }
        )
        let after = BackgroundWork(services: services)
        receiver.setFailures(0)
        clock.advance(seconds: 60)
        #expect(await after.poller.runOnce(now: clock.now) == 1)
        #expect(await after.watcher.runOnce(now: clock.now) == 1)
        #expect(await after.deliverer!.runOnce(now: clock.now) == 4)

        let events = try await services.store.outboxEvents(after: 0, limit: 100)
        #expect(events.map(\.type) == ["order.created", "activity.finished", "order.paid", "order.line.booked"])
        #expect(events.first?.id == pendingBefore.first?.id)
        #expect(events.map(\.id) == events.map(\.id).sorted())
        #expect(events.allSatisfy { $0.deliveryState == .delivered })
        #expect(receiver.acceptedEventIDs == events.map { String($0.id) })
        #expect(Set(receiver.acceptedEventIDs).count == receiver.acceptedEventIDs.count)

        await services.shutdown()
        await harness.stop()
        await receiver.stop()
    }
}
