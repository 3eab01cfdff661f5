import Foundation
import Gateway
import OTSimulator
import Store
import Testing

@Suite struct ExportRouteTests {
    static func start(_ environment: [String: String] = [:]) async throws -> (GatewayHarness, SimulatorOrders) {
        var configuration = SimulatorConfiguration()
        configuration.activityBehaviour = ActivityBehaviour(progress: .perPoll(steps: 2))
        let harness = try await GatewayHarness.start(environment: environment, simulatorConfiguration: configuration)
        return (harness, SimulatorOrders(harness: harness))
    }

    static func connectURL(_ harness: GatewayHarness) -> String {
        harness.services.configuration.server.publicURL.absoluteString + "/taobao/connect"
    }

    @Test func unpaidOrderIsRefused() async throws {
        let (harness, orders) = try await Self.start()
        _ = try await orders.connectProviderAccount()
        let order = try await orders.addOrder()
        let reply = try await harness.send("POST", "/orders/\(order.id)/export")
        #expect(reply.status == 409)
        #expect(reply.json?["code"] as? String == "order_not_paid")
        #expect(harness.simulator.callCount("RunOrderExportingToProvider") == 0)
        await harness.stop()
    }

    @Test func noProviderSessionAnswersConnectURL() async throws {
        let (harness, orders) = try await Self.start()
        let orderID = try await orders.paidOrder()
        let reply = try await harness.send("POST", "/orders/\(orderID)/export")
        #expect(reply.status == 409)
        #expect(reply.json?["code"] as? String == "provider_session_required")
        #expect(reply.json?["connectUrl"] as? String == Self.connectURL(harness))
        #expect(harness.simulator.callCount("RunOrderExportingToProvider") == 0)
        await harness.stop()
    }

    @Test func expiredProviderSessionAnswers409() async throws {
        let (harness, orders) = try await Self.start()
        let orderID = try await orders.paidOrder()
        let sessionID = try await orders.connectProviderAccount()
        harness.simulator.revokeProviderSessions(id: sessionID)
        let reply = try await harness.send("POST", "/orders/\(orderID)/export")
        #expect(reply.status == 409)
        #expect(reply.json?["code"] as? String == "provider_session_required")
        #expect(reply.json?["connectUrl"] as? String == Self.connectURL(harness))
        #expect((reply.json?["detail"] as? String)?.contains(sessionID) == true)
        #expect(harness.simulator.callCount("RunOrderExportingToProvider") == 1)
        #expect(try await harness.services.store.gatewayActivities(orderID: orderID).isEmpty)
        await harness.stop()
    }

    @Test func sessionPastItsLifetimeAnswers409() async throws {
        let (harness, orders) = try await Self.start()
        let orderID = try await orders.paidOrder()
        _ = try await orders.connectProviderAccount()
        harness.simulator.setProviderSessionLifetime(.seconds(60))
        harness.simulator.advanceClock(by: .seconds(61))
        let reply = try await harness.send("POST", "/orders/\(orderID)/export")
        #expect(reply.status == 409)
        #expect(reply.json?["code"] as? String == "provider_session_required")
        await harness.stop()
    }

    @Test func disabledIntegrationAnswers409() async throws {
        let (harness, orders) = try await Self.start()
        let orderID = try await orders.paidOrder()
        _ = try await orders.connectProviderAccount()
        var flags = OrdersIntegrationFlags()
        flags.isEnabled = false
        harness.simulator.setOrdersIntegration(flags)
        let reply = try await harness.send("POST", "/orders/\(orderID)/export")
        #expect(reply.status == 409)
        #expect(reply.json?["code"] as? String == "provider_session_required")
        #expect(reply.json?["connectUrl"] as? String == Self.connectURL(harness))
        #expect((reply.json?["detail"] as? String)?.contains("not enabled") == true)
        #expect(harness.simulator.callCount("RunOrderExportingToProvider") == 0)
        await harness.stop()
    }

    @Test func allLinesCancelledIsRefused() async throws {
        let (harness, orders) = try await Self.start()
        let orderID = try await orders.paidOrder([("600000000001", 1), ("600000000002", 1)])
        _ = try await orders.connectProviderAccount()
        harness.simulator.updateState { state in
            let index = state.orders.firstIndex { $0.id == orderID }!
            state.orders[index].lines[0].statusId = 12
            state.orders[index].lines[1].statusId = 13
        }
        let reply = try await harness.send("POST", "/orders/\(orderID)/export")
        #expect(reply.status == 409)
        #expect(reply.json?["code"] as? String == "order_cancelled")
        #expect((reply.json?["detail"] as? String)?.contains("impossible to supply") == true)
        await harness.stop()
    }

    @Test func badRequestsAreRejected() async throws {
        let (harness, orders) = try await Self.start()
        let orderID = try await orders.paidOrder()
        _ = try await orders.connectProviderAccount()

        let badID = try await harness.send("POST", "/orders/ORD-12/export")
        #expect(badID.status == 400)
        let unknown = try await harness.send("POST", "/orders/999999/export")
        #expect(unknown.status == 404)
        let notArray = try await harness.send("POST", "/orders/\(orderID)/export", body: #"{"lineIds": "1"}"#)
        #expect(notArray.status == 400)
        #expect(((notArray.json?["errors"] as? [[String: Any]])?.first?["field"] as? String) == "lineIds")
        let unknownLine = try await harness.send("POST", "/orders/\(orderID)/export", body: #"{"lineIds": ["1"]}"#)
        #expect(unknownLine.status == 400)
        #expect(((unknownLine.json?["errors"] as? [[String: Any]])?.first?["field"] as? String) == "lineIds[0]")
        let badSession = try await harness.send("POST", "/orders/\(orderID)/export", body: #"{"providerSessionId": 5}"#)
        #expect(badSession.status == 400)
        let noToken = try await harness.send("POST", "/orders/\(orderID)/export", authorization: nil)
        #expect(noToken.status == 401)
        #expect(harness.simulator.callCount("RunOrderExportingToProvider") == 0)
        await harness.stop()
    }

    @Test func freshestConnectedSessionIsPicked() async throws {
        let (harness, orders) = try await Self.start()
        let older = try await orders.connectProviderAccount(
            "buyer_old",
            recordConnect: Date(timeIntervalSinceNow: -7200)
        )
        let newer = try await orders.connectProviderAccount("buyer_new", recordConnect: Date(timeIntervalSinceNow: -60))
        _ = try await orders.connectProviderAccount("buyer_elsewhere")
        #expect(older != newer)

        let first = try await orders.paidOrder()
        #expect(try await harness.send("POST", "/orders/\(first)/export").status == 202)
        #expect(harness.simulator.state.activities.last?.providerSessionId == newer)

        let second = try await orders.paidOrder()
        let body = #"{"providerSessionId": "\#(older)"}"#
        #expect(try await harness.send("POST", "/orders/\(second)/export", body: body).status == 202)
        #expect(harness.simulator.state.activities.last?.providerSessionId == older)

        let watch = try #require(try await harness.services.store.watchedOrder(orderID: second))
        #expect(WatchState(jsonText: watch.snapshotJSON).providerSessionID == older)
        await harness.stop()
    }

    @Test func firstListedSessionWithoutConnects() async throws {
        let (harness, orders) = try await Self.start()
        let first = try await orders.connectProviderAccount("buyer_a")
        _ = try await orders.connectProviderAccount("buyer_b")
        let orderID = try await orders.paidOrder()
        #expect(try await harness.send("POST", "/orders/\(orderID)/export").status == 202)
        #expect(harness.simulator.state.activities.last?.providerSessionId == first)
        await harness.stop()
    }

    @Test func syncUsesExportSession() async throws {
        let (harness, orders) = try await Self.start()
        let exportSession = try await orders.connectProviderAccount("buyer_a")
        _ = try await orders.connectProviderAccount("buyer_b", recordConnect: Date())
        let orderID = try await orders.paidOrder()
        let body = #"{"providerSessionId": "\#(exportSession)"}"#
        #expect(try await harness.send("POST", "/orders/\(orderID)/export", body: body).status == 202)

        let sync = try await harness.send("POST", "/orders/\(orderID)/sync")
        #expect(sync.status == 202)
        let activity = try #require(sync.json?["activity"] as? [String: Any])
        #expect(activity["type"] as? String == "ProviderOrdersIntegrationSynchronizing")
        #expect(activity["orderId"] as? String == orderID)
        #expect(harness.simulator.state.activities.last?.providerSessionId == exportSession)
        let records = try await harness.services.store.gatewayActivities(orderID: orderID)
        #expect(
            records.map(\.type) == ["ProviderOrdersIntegrationExporting", "ProviderOrdersIntegrationSynchronizing"]
        )

        harness.simulator.revokeProviderSessions(id: exportSession)
        let expired = try await harness.send("POST", "/orders/\(orderID)/sync")
        #expect(expired.status == 409)
        #expect(expired.json?["code"] as? String == "provider_session_required")
        await harness.stop()
    }

    @Test func exportAfterPaymentFollowsSetting() async throws {
        let (off, offOrders) = try await Self.start()
        let unexported = try await offOrders.paidOrder()
        _ = try await offOrders.connectProviderAccount()
        guard case .disabled = await Autopurchase.exportAfterPayment(orderID: unexported, services: off.services) else {
            Issue.record("expected no export with OTGW_AUTO_EXPORT unset")
            return
        }
        #expect(off.simulator.callCount("RunOrderExportingToProvider") == 0)
        await off.stop()

        let (harness, orders) = try await Self.start(["OTGW_AUTO_EXPORT": "true"])
        let withoutSession = try await orders.paidOrder()
        let refused = await Autopurchase.exportAfterPayment(orderID: withoutSession, services: harness.services)
        guard case .failed(let code, _) = refused else {
            Issue.record("expected a failed export without provider session, got \(refused)")
            return
        }
        #expect(code == "provider_session_required")

        _ = try await orders.connectProviderAccount()
        let orderID = try await orders.paidOrder()
        let outcome = await Autopurchase.exportAfterPayment(orderID: orderID, services: harness.services)
        guard case .started(let activity) = outcome else {
            Issue.record("expected a started export, got \(outcome)")
            return
        }
        #expect(activity.type == "ProviderOrdersIntegrationExporting")
        let record = try await harness.services.store.gatewayActivity(type: activity.type, id: activity.id)
        #expect(record?.orderID == orderID)
        #expect(record?.state == .running)
        #expect(try await harness.services.store.watchedOrder(orderID: orderID) != nil)
        await harness.stop()
    }
}
