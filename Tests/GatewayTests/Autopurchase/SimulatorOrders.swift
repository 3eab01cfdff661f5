import Foundation
import Gateway
import OTAPI
import OTSimulator
import Store
import Synchronization
import Testing

/// Builds the OT state the autopurchase tests need through the simulator's own API, so they
/// do not depend on the gateway's order and payment routes.
struct SimulatorOrders {
    let harness: GatewayHarness

    var simulator: Simulator { self.harness.simulator }

    /// Calls an OT method in-process and parses the response.
    func call(_ method: String, _ parameters: [(String, String)]) throws -> OTXMLNode {
        var all: [(name: String, value: String)] = [
            (name: "instanceKey", value: SimulatorConfiguration.Defaults.instanceKey), (name: "language", value: "en"),
        ]
        all += parameters.map { (name: $0.0, value: $0.1) }
        return try OTXMLReader.parse(Array(self.simulator.call(method, all).utf8))
    }

    func operatorSession() throws -> String {
        let answer = try self.call(
            "AuthenticateInstanceOperator",
            [
                ("userLogin", SimulatorConfiguration.Defaults.operatorLogin),
                ("userPassword", SimulatorConfiguration.Defaults.operatorPassword),
            ]
        )
        return try #require(answer.descendant(["SessionId", "Value"])?.text)
    }

    func customerSession() throws -> String {
        let answer = try self.call(
            "Authenticate",
            [
                ("userLogin", SimulatorConfiguration.Defaults.customerLogin),
                ("userPassword", SimulatorConfiguration.Defaults.customerPassword), ("rememberMe", "false"),
            ]
        )
        return try #require(answer.childText("SessionId"))
    }

    /// Adds an order of `items` (item id, quantity) with the customer session; returns its id
    /// and total. Registers it as a gateway order unless `register` is false.
    func addOrder(_ items: [(String, Int)] = [("600000000001", 1)], register: Bool = true) async throws
        -> (id: String, total: String)
    {
        var xml = "<OrderAddData><DeliveryModeId>\(SimulatorConfiguration.Defaults.freeDeliveryModeId)</DeliveryModeId>"
        xml += "<UserProfileId>\(SimulatorConfiguration.Defaults.userProfileId)</UserProfileId><Items>"
        for (item, quantity) in items {
            xml += "<Item><Id>\(item)</Id><ConfigurationId>0</ConfigurationId><Quantity>\(quantity)</Quantity></Item>"
        }
        xml += "</Items></OrderAddData>"
        let answer = try self.call("AddOrder", [("sessionId", try self.customerSession()), ("xmlAddData", xml)])
        let id = try #require(answer.descendant(["Result", "Id"])?.text)
        let total = try #require(answer.descendant(["Result", "TotalAmount"])?.text)
        if register {
            let now = UnixTime.milliseconds(from: self.harness.services.now())
            try await self.harness.services.store.insertGatewayOrder(
                GatewayOrderRecord(
                    orderID: id,
                    externalID: "SHOP-\(id)",
                    attemptID: UUID().uuidString,
                    state: .live,
                    snapshotJSON: nil,
                    createdAt: now,
                    updatedAt: now
                )
            )
        }
        return (id, total)
    }

    /// Adds an order and pays it in full the way the operator would: a deposit, then a reserve.
    func paidOrder(_ items: [(String, Int)] = [("600000000001", 1)], register: Bool = true) async throws -> String {
        let order = try await self.addOrder(items, register: register)
        let operatorSession = try self.operatorSession()
        let deposit = try self.call(
            "PostTransaction",
            [
                ("sessionId", operatorSession), ("customerId", String(SimulatorConfiguration.Defaults.customerId)),
                ("amount", order.total), ("isDebit", "true"), ("comment", "test deposit"),
            ]
        )
        #expect(deposit.childText("ErrorCode") == "Ok")
        let reserve = try self.call(
            "SalesPaymentReserve",
            [("sessionId", operatorSession), ("salesId", order.id), ("amount", order.total)]
        )
        #expect(reserve.childText("ErrorCode") == "Ok")
        return order.id
    }

    /// Connects a provider account through the simulator's fake Taobao login page and returns
    /// the new session's id. With `recordConnect` the gateway's store learns the connect time,
    /// as the gateway's own connect flow would record it.
    func connectProviderAccount(_ account: String = "tb_buyer_1", recordConnect: Date? = nil) async throws -> String {
        let answer = try self.call(
            "GetProviderOrdersIntegrationSessionAuthenticationInfo",
            [
                ("sessionId", try self.operatorSession()), ("providerType", "Taobao"),
                ("returnUrl", "http://127.0.0.1:1/back"),
            ]
        )
        let redirect = try #require(answer.descendant(["Result", "RedirectUrl"])?.text)
        let ticket = try #require(URLComponents(string: redirect)?.queryItems?.first { $0.name == "ticket" }?.value)
        let reply = try await TestHTTPClient.send(
            address: try #require(self.harness.simulatorServer.localAddress),
            method: "POST",
            path: "/fake-taobao/login",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array("ticket=\(ticket)&account=\(account)&decision=allow".utf8)
        )
        #expect(reply.status == 303)
        if let recordConnect {
            try await self.harness.services.store.recordProviderAccountConnect(
                accountName: account,
                at: UnixTime.milliseconds(from: recordConnect)
            )
        }
        return try #require(self.simulator.state.providerSessions.first { $0.name == account }?.id)
    }
}

/// A gateway whose simulator holds one paid, exported order whose export activity stopped
/// at 50 % waiting for an operator action (`Continue` or `Cancel`), as the poller recorded it.
struct AwaitingActivitySetup {
    let harness: GatewayHarness
    let clock: TestClock
    let work: BackgroundWork
    let orderID: String
    let type: String
    let id: String

    static func start() async throws -> AwaitingActivitySetup {
        let clock = TestClock()
        var configuration = SimulatorConfiguration()
        configuration.activityBehaviour = ActivityBehaviour(progress: .perPoll(steps: 2), awaitActionAtPercent: 50)
        let harness = try await GatewayHarness.start(simulatorConfiguration: configuration, now: { clock.now })
        let orders = SimulatorOrders(harness: harness)
        let orderID = try await orders.paidOrder()
        _ = try await orders.connectProviderAccount()
        let work = BackgroundWork(services: harness.services)

        let export = try await harness.send("POST", "/orders/\(orderID)/export")
        let activity = try #require(export.json?["activity"] as? [String: Any])
        let type = try #require(activity["type"] as? String)
        let id = try #require(activity["id"] as? String)

        clock.advance(seconds: 3)
        #expect(await work.poller.runOnce(now: clock.now) == 1)
        return AwaitingActivitySetup(harness: harness, clock: clock, work: work, orderID: orderID, type: type, id: id)
    }
}

/// A wall clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.current = Mutex(start)
    }

    var now: Date { self.current.withLock { $0 } }

    func advance(seconds: TimeInterval) {
        self.current.withLock { $0 += seconds }
    }
}
