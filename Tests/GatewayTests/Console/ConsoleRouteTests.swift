import Foundation
import Store
import Testing

@testable import Gateway

@Suite struct ConsoleRouteTests {
    @Test func consolePageNeedsSignIn() async throws {
        let gateway = try await ProviderTestGateway.start()
        let anonymous = try await gateway.send("GET", "/console/")
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"] == ConsoleAuthenticator.challenge)
        let api = try await gateway.send("GET", "/console/api/sessions")
        #expect(api.status == 401)
        #expect(api.json?["code"] as? String == "unauthorized")

        let page = try await gateway.send("GET", "/console/", operator: true)
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["content-security-policy"] == PageSecurityHeaders.consolePolicy)
        #expect(page.headers["x-content-type-options"] == "nosniff")
        #expect(page.headers["referrer-policy"] == "no-referrer")
        #expect(page.text.contains("/console/console.js"))
        let index = try await gateway.send("GET", "/console/index.html")
        #expect(index.status == 401)
        await gateway.stop()
    }

    @Test func bareConsolePathRedirectsToFixedPlace() async throws {
        let gateway = try await ProviderTestGateway.start()
        let reply = try await gateway.send("GET", "/console?next=//evil.example")
        #expect(reply.status == 301)
        #expect(reply.headers["location"] == "/console/")
        await gateway.stop()
    }

    @Test func staticFilesHaveTypesAndETags() async throws {
        let gateway = try await ProviderTestGateway.start()
        let expected = [
            "/console/console.css": "text/css; charset=utf-8",
            "/console/console.js": "text/javascript; charset=utf-8",
            "/console/i18n/ru.json": "application/json",
        ]
        for (path, type) in expected {
            let reply = try await gateway.send("GET", path)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.headers["content-type"] == type, "\(path)")
            let etag = try #require(reply.headers["etag"])
            let again = try await gateway.send("GET", path, headers: ["If-None-Match": etag])
            #expect(again.status == 304, "\(path)")
            #expect(again.body.isEmpty)
            let weak = try await gateway.send("GET", path, headers: ["If-None-Match": "\"other\", W/\(etag)"])
            #expect(weak.status == 304, "\(path)")
            let stale = try await gateway.send("GET", path, headers: ["If-None-Match": "\"stale\""])
            #expect(stale.status == 200, "\(path)")
        }
        await gateway.stop()
    }

    @Test func pathsOutsidePublicAreUnreachable() async throws {
        let gateway = try await ProviderTestGateway.start()
        let attempts = [
            "/console/../Package.swift",
            "/console/%2e%2e/Package.swift",
            "/console/%2E%2E/%2E%2E/etc/passwd",
            "/console/..%2FPackage.swift",
            "/console/%2FPackage.swift",
            "/console/i18n%2F..%2F..%2FPackage.swift",
            "/console//etc/passwd",
            "/console/etc/passwd",
            "/console/.gitignore",
            "/console/i18n/.hidden.json",
            "/console/..\\Package.swift",
            "/console/Package.swift",
            "/console/i18n",
            "/console/i18n/",
        ]
        for path in attempts {
            let reply = try await gateway.send("GET", path)
            #expect([400, 404].contains(reply.status), "\(path) answered \(reply.status)")
            #expect(!reply.text.contains("swift-tools-version"), "\(path)")
            #expect(!reply.text.contains("root:"), "\(path)")
        }
        await gateway.stop()
    }

    @Test func languageFollowsQueryCookieAndHeader() async throws {
        let gateway = try await ProviderTestGateway.start()
        let russian = try await gateway.send(
            "GET",
            "/console/api/texts",
            headers: ["Accept-Language": "ru-RU,ru;q=0.9"],
            operator: true
        )
        #expect(russian.json?["language"] as? String == "ru")
        #expect((russian.json?["texts"] as? [String: Any])?["connectButton"] as? String == "Подключить аккаунт Taobao")

        let switched = try await gateway.send("GET", "/console/?lang=ru", operator: true)
        #expect(switched.headers["set-cookie"]?.hasPrefix("otgw_lang=ru;") == true)
        let byCookie = try await gateway.send(
            "GET",
            "/console/api/texts",
            headers: ["Cookie": "otgw_lang=ru", "Accept-Language": "en"],
            operator: true
        )
        #expect(byCookie.json?["language"] as? String == "ru")
        let english = try await gateway.send("GET", "/console/api/texts", operator: true)
        #expect(english.json?["language"] as? String == "en")
        await gateway.stop()
    }

    @Test func sessionsEndpointShowsPendingConnect() async throws {
        let gateway = try await ProviderTestGateway.start()
        _ = try await gateway.connectAndAllow(account: "tb_console")
        _ = try await gateway.connect(account: "tb_console")
        let reply = try await gateway.send("GET", "/console/api/sessions", operator: true)
        #expect(reply.status == 200)
        #expect(reply.headers["cache-control"] == "no-store")
        let json = try #require(reply.json)
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["name"] as? String } == ["tb_console"])
        #expect((json["pendingConnect"] as? [String: Any])?["account"] as? String == "tb_console")
        await gateway.stop()
    }

    @Test func ordersAndPaymentsComeFromStore() async throws {
        let gateway = try await ProviderTestGateway.start()
        let store = gateway.services.store
        try await store.insertGatewayOrder(
            GatewayOrderRecord(
                orderID: "ORD-0000000042",
                externalID: "shop-42",
                attemptID: "attempt-42",
                state: .live,
                snapshotJSON: #"{"status":{"id":1,"name":"Processing"},"totalAmount":"118.50","currency":"CNY"}"#,
                createdAt: 1_000,
                updatedAt: 1_000
            )
        )
        try await store.insertPayment(
            PaymentRecord(
                paymentID: "pay-42",
                orderID: "ORD-0000000042",
                customerID: "customer-1",
                state: .incomplete,
                amount: Decimal(string: "118.50")!,
                depositAmount: nil,
                depositedAmount: Decimal(string: "118.50")!,
                reservedAmount: 0,
                currency: "CNY",
                depositComment: nil,
                createdAt: 1_000,
                updatedAt: 2_000,
                depositStartedAt: nil,
                lastError: "SalesPaymentReserve timed out"
            )
        )
        let orders = try await gateway.send("GET", "/console/api/orders", operator: true)
        let order = try #require((orders.json?["orders"] as? [[String: Any]])?.first)
        #expect(order["id"] as? String == "ORD-0000000042")
        #expect(order["status"] as? String == "Processing")
        #expect(order["totalAmount"] as? String == "118.50")
        #expect((order["payment"] as? [String: Any])?["state"] as? String == "incomplete")
        #expect(order["export"] is NSNull)

        let payments = try await gateway.send("GET", "/console/api/payments", operator: true)
        let payment = try #require((payments.json?["payments"] as? [[String: Any]])?.first)
        #expect(payment["id"] as? String == "pay-42")
        #expect(payment["depositedAmount"] as? String == "118.50")
        #expect(payment["lastError"] as? String == "SalesPaymentReserve timed out")

        let activities = try await gateway.send("GET", "/console/api/activities", operator: true)
        #expect((activities.json?["activities"] as? [Any])?.isEmpty == true)
        await gateway.stop()
    }

    @Test func applicationRouterServesTheRoutes() async throws {
        let harness = try await GatewayHarness.start()
        let sessions = try await harness.send("GET", "/provider-sessions")
        #expect(sessions.status == 200)
        let console = try await harness.send("GET", "/console/", authorization: ProviderTestGateway.basicAuthorization)
        #expect(console.status == 200)
        let connect = try await harness.send("GET", "/taobao/connect", authorization: nil)
        #expect(connect.status == 401)
        let callback = try await harness.send("GET", "/taobao/return/unknownState", authorization: nil)
        #expect(callback.status == 400)
        await harness.stop()
    }
}
