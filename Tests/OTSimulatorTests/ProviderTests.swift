import Foundation
import HTTPServer
import Synchronization
import Testing

@testable import OTSimulator

@Suite struct ProviderTests {
    static let returnURL = "http://127.0.0.1:8080/taobao/return/state-1?op=42"

    /// Starts a provider login and returns the ticket from the redirect URL.
    func startLogin(_ harness: Harness, operatorSession: String, returnURL: String = returnURL) async throws -> String {
        let answer = try await harness.call(
            "GetProviderOrdersIntegrationSessionAuthenticationInfo",
            [("sessionId", operatorSession), ("providerType", "Taobao"), ("returnUrl", returnURL)]
        )
        let redirect = try #require(answer.text("Result/RedirectUrl"))
        #expect(redirect.hasPrefix(harness.simulator.baseURL + "/fake-taobao/login?ticket="))
        return try #require(URLComponents(string: redirect)?.queryItems?.first { $0.name == "ticket" }?.value)
    }

    func submit(_ harness: Harness, ticket: String, account: String, decision: String) async throws -> Response {
        let body = Harness.formEncode([("ticket", ticket), ("account", account), ("decision", decision)])
        return try await harness.send(
            Request(
                method: .post,
                target: "/fake-taobao/login",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Array(body.utf8)
            )
        )
    }

    func connect(_ harness: Harness, operatorSession: String, account: String = "tb_buyer_1") async throws -> String {
        let ticket = try await startLogin(harness, operatorSession: operatorSession)
        let response = try await submit(harness, ticket: ticket, account: account, decision: "allow")
        #expect(response.status == .seeOther)
        return try #require(harness.simulator.state.providerSessions.first { $0.name == account }?.id)
    }

    @Test func loginPageShowsEscapedForm() async throws {
        let harness = try Harness { $0.defaultProviderAccountName = "<script>x</script>" }
        let operatorSession = try await harness.operatorSession()
        let ticket = try await startLogin(harness, operatorSession: operatorSession)
        let page = try await harness.send(Request(method: .get, target: "/fake-taobao/login?ticket=" + ticket))
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(page.status == .ok)
        #expect(html.contains("value=\"allow\""))
        #expect(html.contains("value=\"deny\""))
        #expect(!html.contains("<script>x"))
        #expect(html.contains("&lt;script&gt;x"))
        let unknown = try await harness.send(Request(method: .get, target: "/fake-taobao/login?ticket=nope"))
        #expect(unknown.status == .badRequest)
    }

    @Test func allowCreatesSessionAndRedirects() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let ticket = try await startLogin(harness, operatorSession: operatorSession)
        let response = try await submit(harness, ticket: ticket, account: "buyer-a", decision: "allow")
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"] == Self.returnURL)

        let list = try await harness.call(
            "GetProviderOrdersIntegrationSessionInfoList",
            [("sessionId", operatorSession), ("providerType", "Taobao")]
        )
        let items = list.elements("Result/Content/Item")
        #expect(items.map { $0.text("Name") } == ["buyer-a"])
        #expect(UUID(uuidString: items.first?.text("Id") ?? "") != nil)
        #expect(items.first?.text("Balance/CurrencyCode") == "CNY")

        let reused = try await submit(harness, ticket: ticket, account: "buyer-a", decision: "allow")
        #expect(reused.status == .badRequest)
    }

    @Test func denyRedirectsWithError() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        for (returnURL, separator) in [(Self.returnURL, "&"), ("http://127.0.0.1:8080/return#top", "?")] {
            let ticket = try await startLogin(harness, operatorSession: operatorSession, returnURL: returnURL)
            let response = try await submit(harness, ticket: ticket, account: "x", decision: "deny")
            #expect(response.status == .seeOther)
            let location = try #require(response.headers["Location"])
            let base = returnURL.split(separator: "#").first.map(String.init) ?? returnURL
            #expect(location.hasPrefix(base + separator + "error=access_denied&error_description="))
            let items = URLComponents(string: location)?.queryItems ?? []
            #expect(items.first { $0.name == "error_description" }?.value == Simulator.deniedDescription)
            if returnURL.contains("#") { #expect(location.hasSuffix("#top")) }
        }
        #expect(harness.simulator.state.providerSessions.isEmpty)
    }

    @Test func allowForKnownAccountRefreshesSession() async throws {
        let clock = TestClock()
        let harness = try Harness { $0.clock = { clock.now } }
        let operatorSession = try await harness.operatorSession()
        let first = try await connect(harness, operatorSession: operatorSession, account: "buyer-a")
        clock.advance(3600)
        let second = try await connect(harness, operatorSession: operatorSession, account: "buyer-a")
        #expect(first == second)
        let sessions = harness.simulator.state.providerSessions
        #expect(sessions.count == 1)
        #expect(sessions.first?.connectedAt == clock.now)
    }

    @Test func invalidReturnURLIsRejected() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let answer = try await harness.call(
            "GetProviderOrdersIntegrationSessionAuthenticationInfo",
            [("sessionId", operatorSession), ("providerType", "Taobao"), ("returnUrl", "javascript:alert(1)")]
        )
        #expect(answer.errorCode == "ContractViolation")
    }

    func exportParameters(_ orderId: String) -> String {
        "<Parameters><OrderId>\(orderId)</OrderId></Parameters>"
    }

    @Test func exportOfUnpaidOrderIsRefused() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let providerSession = try await connect(harness, operatorSession: operatorSession)
        let customer = try await harness.customerSession()
        let added = try await harness.addOrder([("1", "0", 1)], session: customer)
        let orderId = try #require(added.text("Result/Id"))
        let answer = try await harness.call(
            "RunOrderExportingToProvider",
            [
                ("sessionId", operatorSession), ("providerType", "Taobao"), ("providerSessionId", providerSession),
                ("xmlParameters", exportParameters(orderId)),
            ]
        )
        #expect(answer.errorCode == "ValidationError")
        #expect(harness.simulator.state.activities.isEmpty)
    }

    @Test func exportWithoutLiveProviderSessionIsRefused() async throws {
        let clock = TestClock()
        let harness = try Harness { $0.clock = { clock.now } }
        let orderId = try await harness.paidOrder()
        let operatorSession = try await harness.operatorSession()
        let parameters = [
            ("sessionId", operatorSession), ("providerType", "Taobao"), ("xmlParameters", exportParameters(orderId)),
        ]
        let missing = try await harness.call(
            "RunOrderExportingToProvider",
            parameters + [("providerSessionId", UUID().uuidString)]
        )
        #expect(missing.errorCode == "NotFound")

        let providerSession = try await connect(harness, operatorSession: operatorSession)
        clock.advance(24 * 3600)
        let expired = try await harness.call(
            "RunOrderExportingToProvider",
            parameters + [("providerSessionId", providerSession)]
        )
        #expect(expired.errorCode == SimulatorConfiguration.Defaults.providerSessionExpiredError.code)
        #expect(expired.subErrorCode == SimulatorConfiguration.Defaults.providerSessionExpiredError.subCode)

        _ = try await connect(harness, operatorSession: operatorSession)
        harness.simulator.revokeProviderSessions()
        let revoked = try await harness.call(
            "RunOrderExportingToProvider",
            parameters + [("providerSessionId", providerSession)]
        )
        #expect(revoked.errorCode == "NotAvailable")
        #expect(harness.simulator.state.activities.isEmpty)
    }

    @Test func disabledIntegrationRejectsExport() async throws {
        let harness = try Harness()
        let orderId = try await harness.paidOrder()
        let operatorSession = try await harness.operatorSession()
        let providerSession = try await connect(harness, operatorSession: operatorSession)
        var flags = OrdersIntegrationFlags()
        flags.isEnabled = false
        harness.simulator.setOrdersIntegration(flags)

        let info = try await harness.call("GetProviderInfo", [("providerType", "Taobao")])
        #expect(info.text("Result/OrdersIntegration/IsEnabled") == "false")
        let export = try await harness.call(
            "RunOrderExportingToProvider",
            [
                ("sessionId", operatorSession), ("providerType", "Taobao"), ("providerSessionId", providerSession),
                ("xmlParameters", exportParameters(orderId)),
            ]
        )
        #expect(export.errorCode == "NotAvailable")
        #expect(harness.simulator.state.activities.isEmpty)
    }

    func poll(_ harness: Harness, _ operatorSession: String, type: String, id: String) async throws -> XMLDocument {
        try await harness.call(
            "GetBackgroundActivityInfo",
            [("sessionId", operatorSession), ("activityType", type), ("activityId", id)]
        )
    }

    @Test func exportThenSyncBooksAndShips() async throws {
        let harness = try Harness()
        let orderId = try await harness.paidOrder([("1", "0", 1), ("tmall-2", "0", 1)])
        let operatorSession = try await harness.operatorSession()
        let providerSession = try await connect(harness, operatorSession: operatorSession)
        let started = try await harness.call(
            "RunOrderExportingToProvider",
            [
                ("sessionId", operatorSession), ("providerType", "Taobao"), ("providerSessionId", providerSession),
                ("xmlParameters", exportParameters(orderId)),
            ]
        )
        #expect(started.root.name == "OtapiBackgroundActivityIdentificationInfoAnswer")
        let type = try #require(started.text("Result/Type"))
        let id = try #require(started.text("Result/Id"))
        #expect(type == "ProviderOrdersIntegrationExporting")

        let halfway = try await poll(harness, operatorSession, type: type, id: id)
        #expect(halfway.text("Result/IsFinished") == "false")
        #expect(halfway.text("Result/ProgressPercent") == "50")
        let done = try await poll(harness, operatorSession, type: type, id: id)
        #expect(done.text("Result/IsFinished") == "true")
        #expect(done.text("Result/ProgressPercent") == "100")
        #expect(done.elements("Result/Steps/Step").isEmpty == false)

        var order = try #require(harness.simulator.state.order(orderId))
        #expect(order.lines[0].statusId == LineStatus.orderedAtProvider)
        #expect(order.lines[0].providerOrderId != nil)
        #expect(order.lines[1].statusId == LineStatus.paid)
        #expect(order.statusId == OrderStatus.processing)

        let sync = try await harness.call(
            "RunOrdersSynchronizingWithProvider",
            [
                ("sessionId", operatorSession), ("providerType", "Taobao"), ("providerSessionId", providerSession),
                ("xmlParameters", "<Parameters><OrderIds><Id>\(orderId)</Id></OrderIds></Parameters>"),
            ]
        )
        let syncId = try #require(sync.text("Result/Id"))
        #expect(sync.text("Result/Type") == "ProviderOrdersIntegrationSynchronizing")
        _ = try await poll(harness, operatorSession, type: "ProviderOrdersIntegrationSynchronizing", id: syncId)
        _ = try await poll(harness, operatorSession, type: "ProviderOrdersIntegrationSynchronizing", id: syncId)

        let details = try await harness.call(
            "GetSalesOrderDetailsForOperator",
            [("sessionId", operatorSession), ("salesId", orderId), ("queryType", "0")]
        )
        let line = try #require(details.elements("Result/SalesLinesList/SalesLine").first)
        #expect(line.text("StatusId") == "9")
        #expect(line.text("VendPurchId")?.isEmpty == false)
        #expect(line.text("VendPurchWaybill")?.isEmpty == false)
        #expect(details.text("Result/SalesOrderInfo/CanCancel") == "0")
        let packages = try await harness.call(
            "GetSalesPackageList",
            [("sessionId", operatorSession), ("salesId", orderId)]
        )
        #expect(packages.text("Result/Content/Item/DeliveryTrackingNum")?.isEmpty == false)

        order = try #require(harness.simulator.state.order(orderId))
        let customer = try await harness.customerSession()
        let cancel = try await harness.call("CancelSalesOrder", [("sessionId", customer), ("salesId", orderId)])
        #expect(cancel.errorCode == "ValidationError")
        #expect(harness.simulator.state.order(orderId) == order)
    }

    @Test func timedActivityFollowsTheClock() async throws {
        let clock = TestClock()
        let harness = try Harness {
            $0.clock = { clock.now }
            $0.activityBehaviour = ActivityBehaviour(progress: .timed(milliseconds: 4000))
        }
        let orderId = try await harness.paidOrder()
        let operatorSession = try await harness.operatorSession()
        let providerSession = try await connect(harness, operatorSession: operatorSession)
        let started = try await harness.call(
            "RunOrderExportingToProvider",
            [
                ("sessionId", operatorSession), ("providerType", "Taobao"), ("providerSessionId", providerSession),
                ("xmlParameters", exportParameters(orderId)),
            ]
        )
        let id = try #require(started.text("Result/Id"))
        clock.advance(1)
        let quarter = try await poll(harness, operatorSession, type: "ProviderOrdersIntegrationExporting", id: id)
        #expect(quarter.text("Result/ProgressPercent") == "25")
        harness.simulator.advanceClock(by: .seconds(3))
        #expect(harness.simulator.state.order(orderId)?.lines[0].statusId == LineStatus.orderedAtProvider)
    }

    @Test func awaitingActivityContinuesAfterAction() async throws {
        let harness = try Harness {
            $0.activityBehaviour = ActivityBehaviour(progress: .perPoll(steps: 4), awaitActionAtPercent: 50)
        }
        let orderId = try await harness.paidOrder()
        let operatorSession = try await harness.operatorSession()
        let providerSession = try await connect(harness, operatorSession: operatorSession)
        let started = try await harness.call(
            "RunOrderExportingToProvider",
            [
                ("sessionId", operatorSession), ("providerType", "Taobao"), ("providerSessionId", providerSession),
                ("xmlParameters", exportParameters(orderId)),
            ]
        )
        let type = "ProviderOrdersIntegrationExporting"
        let id = try #require(started.text("Result/Id"))
        _ = try await poll(harness, operatorSession, type: type, id: id)
        let waiting = try await poll(harness, operatorSession, type: type, id: id)
        #expect(waiting.text("Result/IsAwaitingAction") == "true")
        #expect(waiting.elements("Result/Actions/Action").compactMap { $0.text("Id") } == ["Continue", "Cancel"])
        let stillWaiting = try await poll(harness, operatorSession, type: type, id: id)
        #expect(stillWaiting.text("Result/ProgressPercent") == "50")

        let wrong = try await harness.call(
            "DoActionForBackgroundActivity",
            [("sessionId", operatorSession), ("activityType", type), ("activityId", id), ("actionId", "Nope")]
        )
        #expect(wrong.errorCode == "ContractViolation")
        let answered = try await harness.call(
            "DoActionForBackgroundActivity",
            [("sessionId", operatorSession), ("activityType", type), ("activityId", id), ("actionId", "Continue")]
        )
        #expect(answered.errorCode == "Ok")
        _ = try await poll(harness, operatorSession, type: type, id: id)
        let done = try await poll(harness, operatorSession, type: type, id: id)
        #expect(done.text("Result/IsFinished") == "true")
        #expect(done.text("Result/IsAwaitingAction") == "false")
        #expect(harness.simulator.state.order(orderId)?.lines[0].providerOrderId != nil)
    }

    @Test func cancelActionStopsActivityWithoutBooking() async throws {
        let harness = try Harness {
            $0.activityBehaviour = ActivityBehaviour(progress: .perPoll(steps: 2), awaitActionAtPercent: 0)
        }
        let orderId = try await harness.paidOrder()
        let operatorSession = try await harness.operatorSession()
        let providerSession = try await connect(harness, operatorSession: operatorSession)
        let started = try await harness.call(
            "RunOrderExportingToProvider",
            [
                ("sessionId", operatorSession), ("providerType", "Taobao"), ("providerSessionId", providerSession),
                ("xmlParameters", exportParameters(orderId)),
            ]
        )
        let id = try #require(started.text("Result/Id"))
        let type = "ProviderOrdersIntegrationExporting"
        _ = try await poll(harness, operatorSession, type: type, id: id)
        _ = try await harness.call(
            "DoActionForBackgroundActivity",
            [("sessionId", operatorSession), ("activityType", type), ("activityId", id), ("actionId", "Cancel")]
        )
        let info = try await poll(harness, operatorSession, type: type, id: id)
        #expect(info.text("Result/IsCancelled") == "true")
        #expect(harness.simulator.state.order(orderId)?.lines[0].statusId == LineStatus.paid)
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
