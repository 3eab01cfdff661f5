import Foundation
import Testing

@testable import Gateway

@Suite struct ProviderConnectFlowTests {
    @Test func connectAllowShowsNewAccount() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        #expect(start.reply.status == 303)
        let redirect = try #require(start.redirectURL)
        #expect(redirect.hasPrefix(gateway.simulator.baseURL + "/fake-taobao/login"))

        let setCookie = try #require(start.reply.headers["set-cookie"])
        #expect(setCookie.hasPrefix(TaobaoConnectPage.browserCookieName + "="))
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Lax"))
        #expect(!setCookie.contains("Secure"))

        let location = try await gateway.finishFakeLogin(redirect, decision: "allow", account: "tb_new_account")
        #expect(location.hasPrefix("http://\(gateway.address)/taobao/return/"))
        #expect(!location.contains("?"))

        let page = try await gateway.followReturn(location, cookie: start.cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("Taobao account connected"))
        #expect(page.text.contains("tb_new_account"))
        let connect = try await gateway.services.store.providerAccountConnect(accountName: "tb_new_account")
        #expect(connect != nil)
        await gateway.stop()
    }

    @Test func reconnectOfExistingAccount() async throws {
        let clock = ManualClock()
        let gateway = try await ProviderTestGateway.start(clock: clock)
        _ = try await gateway.connectAndAllow(account: "tb_buyer_1")
        let firstConnect = try await gateway.services.store.providerAccountConnect(accountName: "tb_buyer_1")
        clock.advance(by: 3600)

        let page = try await gateway.connectAndAllow(account: "tb_buyer_1", refreshing: "tb_buyer_1")
        #expect(page.status == 200)
        #expect(page.text.contains("Taobao account connected"))
        #expect(page.text.contains("tb_buyer_1"))
        // The simulator keeps the session id on a refresh, which the page explains.
        #expect(page.text.contains("OT kept the same session"))
        let secondConnect = try await gateway.services.store.providerAccountConnect(accountName: "tb_buyer_1")
        let firstTime = try #require(firstConnect).lastConnectedAt
        #expect(try #require(secondConnect).lastConnectedAt == firstTime + 3_600_000)
        await gateway.stop()
    }

    @Test func denyShowsRefusal() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "deny",
            account: "tb_denied"
        )
        let listsBefore = gateway.simulator.callCount("GetProviderOrdersIntegrationSessionInfoList")
        let page = try await gateway.followReturn(location, cookie: start.cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("Taobao login refused"))
        #expect(page.text.contains("The account owner denied access"))
        #expect(page.text.contains("access_denied"))
        #expect(page.text.contains("href=\"/taobao/connect\""))
        #expect(gateway.simulator.callCount("GetProviderOrdersIntegrationSessionInfoList") == listsBefore)
        #expect(try await gateway.services.store.providerAccountConnects().isEmpty)
        await gateway.stop()
    }

    @Test func repeatedCallbackShowsSameOutcome() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "allow",
            account: "tb_twice"
        )
        let first = try await gateway.followReturn(location, cookie: start.cookie)
        let listsAfterFirst = gateway.simulator.callCount("GetProviderOrdersIntegrationSessionInfoList")
        let second = try await gateway.followReturn(location, cookie: start.cookie)
        #expect(first.status == 200)
        #expect(second.status == 200)
        #expect(second.text.contains("tb_twice"))
        #expect(second.text.contains("Taobao account connected"))
        #expect(gateway.simulator.callCount("GetProviderOrdersIntegrationSessionInfoList") == listsAfterFirst)
        await gateway.stop()
    }

    @Test func parallelCallbacksShareOneCheck() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "allow",
            account: "tb_parallel"
        )
        async let first = gateway.followReturn(location, cookie: start.cookie)
        async let second = gateway.followReturn(location, cookie: start.cookie)
        let pages = try await [first, second]
        for page in pages {
            #expect(page.status == 200)
            #expect(page.text.contains("tb_parallel"))
        }
        await gateway.stop()
    }

    @Test func expiredStateIsRejected() async throws {
        let clock = ManualClock()
        let gateway = try await ProviderTestGateway.start(clock: clock)
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "allow",
            account: "tb_late"
        )
        clock.advance(by: 16 * 60)
        let page = try await gateway.followReturn(location, cookie: start.cookie)
        #expect(page.status == 400)
        #expect(page.text.contains("Login link not valid"))
        #expect(page.text.contains("href=\"/taobao/connect\""))
        #expect(try await gateway.services.store.providerAccountConnect(accountName: "tb_late") == nil)
        await gateway.stop()
    }

    @Test func stateFromAnotherBrowserIsForbidden() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "allow",
            account: "tb_elsewhere"
        )
        let otherBrowser = try await gateway.followReturn(location, cookie: "otgw_browser=someOtherBrowserToken123")
        #expect(otherBrowser.status == 403)
        #expect(otherBrowser.text.contains("Login started in another browser"))
        #expect(otherBrowser.text.contains("href=\"/taobao/connect\""))
        let noCookie = try await gateway.followReturn(location, cookie: nil)
        #expect(noCookie.status == 403)

        // The right browser can still finish it: a foreign callback does not consume the state.
        let own = try await gateway.followReturn(location, cookie: start.cookie)
        #expect(own.status == 200)
        #expect(own.text.contains("tb_elsewhere"))
        await gateway.stop()
    }

    @Test func unknownStateIsRejected() async throws {
        let gateway = try await ProviderTestGateway.start()
        for path in ["/taobao/return/notAStateWeIssued", "/taobao/return/%3Cscript%3E", "/taobao/return/abc%ZZ"] {
            let page = try await gateway.send("GET", path)
            #expect(page.status == 400, "\(path)")
            #expect(!page.text.contains("<script>"), "\(path)")
        }
        await gateway.stop()
    }

    @Test func hostileErrorDescriptionIsEscaped() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "allow",
            account: "tb_unused"
        )
        let hostile = location + "?error=%3Cb%3Ex%3C%2Fb%3E&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22'"
        let page = try await gateway.followReturn(hostile, cookie: start.cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("Taobao login refused"))
        #expect(!page.text.contains("<script>"))
        #expect(!page.text.contains("<b>x"))
        #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"))
        await gateway.stop()
    }

    @Test func errorGluedToPathIsRead() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "allow",
            account: "tb_glued"
        )
        let page = try await gateway.followReturn(
            location + "&error=access_denied&error_description=authorize%20reject",
            cookie: start.cookie
        )
        #expect(page.status == 200)
        #expect(page.text.contains("authorize reject"))
        await gateway.stop()
    }

    @Test func oddQueryStillConnects() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "allow",
            account: "tb_odd_query"
        )
        let page = try await gateway.followReturn(location + "/??&session=abc&&x=%ZZ", cookie: start.cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("tb_odd_query"))
        await gateway.stop()
    }

    @Test func noNewSessionOffersRetry() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        #expect(start.reply.status == 303)
        // The browser comes back without the operator logging in anywhere.
        let pending = try await gateway.services.store.pendingProviderAuthStates(now: 0)
        let token = try #require(pending.first?.stateToken)
        let page = try await gateway.send("GET", "/taobao/return/\(token)", headers: ["Cookie": start.cookie])
        #expect(page.status == 200)
        #expect(page.text.contains("No new session found"))
        #expect(page.text.contains("href=\"/taobao/connect\""))
        await gateway.stop()
    }

    @Test func secondConnectWaitsForFirst() async throws {
        let gateway = try await ProviderTestGateway.start()
        let first = try await gateway.connect()
        #expect(first.reply.status == 303)

        let second = try await gateway.connect(browserCookie: first.cookie)
        #expect(second.reply.status == 409)
        #expect(second.reply.text.contains("A Taobao login is already under way"))
        #expect(second.reply.text.contains("It was started in this browser"))
        let elsewhere = try await gateway.connect(browserCookie: "otgw_browser=anotherBrowser1234")
        #expect(elsewhere.reply.status == 409)
        #expect(elsewhere.reply.text.contains("another browser or by a script"))

        let pending = try await gateway.services.store.pendingProviderAuthStates(now: 0)
        let firstState = try #require(pending.first?.stateToken)
        let reference = RandomToken.reference(firstState)
        #expect(second.reply.text.contains("/taobao/connect?restart=\(reference)"))

        let restarted = try await gateway.send(
            "GET",
            "/taobao/connect?restart=\(reference)",
            headers: ["Cookie": first.cookie],
            operator: true
        )
        #expect(restarted.status == 303)
        let oldReturn = try await gateway.send("GET", "/taobao/return/\(firstState)", headers: ["Cookie": first.cookie])
        #expect(oldReturn.status == 200)
        #expect(oldReturn.text.contains("This login was replaced"))
        await gateway.stop()
    }

    @Test func connectNeedsOperatorSignIn() async throws {
        let gateway = try await ProviderTestGateway.start()
        let wrongPassword = "Basic " + Data("operator:wrong".utf8).base64EncodedString()
        let wrongUser = "Basic " + Data("admin:\(GatewayHarness.consolePassword)".utf8).base64EncodedString()
        for authorization in [nil, wrongPassword, wrongUser, "Basic !!!", "Bearer \(GatewayHarness.token)"] {
            let headers = authorization.map { ["Authorization": $0] } ?? [:]
            let reply = try await gateway.send("GET", "/taobao/connect", headers: headers)
            #expect(reply.status == 401)
            #expect(reply.headers["www-authenticate"]?.hasPrefix("Basic realm=") == true)
        }
        #expect(gateway.simulator.callCount("GetProviderOrdersIntegrationSessionAuthenticationInfo") == 0)
        await gateway.stop()
    }

    @Test func connectDisabledWithoutPassword() async throws {
        let gateway = try await ProviderTestGateway.start(environment: ["OTGW_CONSOLE_PASSWORD": ""])
        let reply = try await gateway.send("GET", "/taobao/connect", operator: true)
        #expect(reply.status == 404)
        #expect(reply.text.contains("OTGW_CONSOLE_PASSWORD"))
        let console = try await gateway.send("GET", "/console/", operator: true)
        #expect(console.status == 404)
        await gateway.stop()
    }

    @Test func invalidAccountIsRejected() async throws {
        let gateway = try await ProviderTestGateway.start()
        let longName = String(repeating: "a", count: 65)
        for query in ["account=tab%09name", "account=\(longName)", "account=%ZZ"] {
            let reply = try await gateway.send("GET", "/taobao/connect?\(query)", operator: true)
            #expect(reply.status == 400, "\(query)")
        }
        await gateway.stop()
    }

    @Test func pagesCarrySecurityHeaders() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let unknown = try await gateway.send("GET", "/taobao/return/unknownState")
        for reply in [start.reply, unknown] {
            #expect(reply.headers["content-security-policy"] == PageSecurityHeaders.pagePolicy)
            #expect(reply.headers["x-content-type-options"] == "nosniff")
            #expect(reply.headers["referrer-policy"] == "no-referrer")
            #expect(reply.headers["cache-control"] == "no-store")
        }
        #expect(!PageSecurityHeaders.pagePolicy.contains("unsafe-inline"))
        #expect(PageSecurityHeaders.pagePolicy.contains("default-src 'none'"))
        await gateway.stop()
    }

    @Test func secureCookieForHTTPSPublicURL() async throws {
        let gateway = try await ProviderTestGateway.start()
        let pages = OperatorPages(configuration: gateway.services.configuration)
        #expect(pages.secureCookies == false)
        await gateway.stop()
        var configuration = gateway.services.configuration
        configuration.server.publicURL = URL(string: "https://gw.example")!
        #expect(OperatorPages(configuration: configuration).secureCookies)
    }

    @Test func returnPageSpeaksRussian() async throws {
        let gateway = try await ProviderTestGateway.start()
        let start = try await gateway.connect()
        let location = try await gateway.finishFakeLogin(
            try #require(start.redirectURL),
            decision: "allow",
            account: "tb_ru"
        )
        let (_, path) = try ProviderTestGateway.split(location)
        let page = try await gateway.send(
            "GET",
            path,
            headers: ["Cookie": start.cookie, "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"]
        )
        #expect(page.status == 200)
        #expect(page.text.contains("Аккаунт Taobao подключён"))
        #expect(page.text.contains("<html lang=\"ru\">"))
        let english = try await gateway.send("GET", path + "?lang=en", headers: ["Cookie": start.cookie])
        #expect(english.text.contains("Taobao account connected"))
        #expect(english.headers["set-cookie"]?.hasPrefix("otgw_lang=en") == true)
        await gateway.stop()
    }
}
