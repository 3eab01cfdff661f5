import Foundation
import OTSimulator
import Testing

@testable import Gateway

@Suite struct ProviderSessionAPITests {
    @Test func postStartsUnboundLogin() async throws {
        let gateway = try await ProviderTestGateway.start()
        let reply = try await gateway.harness.send("POST", "/provider-sessions", body: #"{"account": "tb_script"}"#)
        #expect(reply.status == 201)
        let json = try #require(reply.json)
        let redirect = try #require(json["redirectUrl"] as? String)
        let state = try #require(json["state"] as? String)
        #expect(state.count >= 22)
        #expect(RandomToken.isWellFormed(Substring(state)))
        #expect((json["expiresAt"] as? String)?.hasSuffix("Z") == true)
        #expect(try await gateway.services.store.providerAuthState(stateToken: state)?.browserBindingHash == nil)

        // Not bound to a browser: the callback works without any cookie.
        let location = try await gateway.finishFakeLogin(redirect, decision: "allow", account: "tb_script")
        #expect(location.hasSuffix("/taobao/return/\(state)"))
        let page = try await gateway.followReturn(location, cookie: nil)
        #expect(page.status == 200)
        #expect(page.text.contains("tb_script"))
        await gateway.stop()
    }

    @Test func postWhilePendingConflicts() async throws {
        let gateway = try await ProviderTestGateway.start()
        let first = try await gateway.harness.send("POST", "/provider-sessions")
        #expect(first.status == 201)
        let second = try await gateway.harness.send("POST", "/provider-sessions", body: "{}")
        #expect(second.status == 409)
        #expect(second.json?["code"] as? String == "provider_login_pending")
        let restarted = try await gateway.harness.send("POST", "/provider-sessions", body: #"{"restart": true}"#)
        #expect(restarted.status == 201)
        #expect(restarted.json?["state"] as? String != first.json?["state"] as? String)
        await gateway.stop()
    }

    @Test func postRejectsBadFields() async throws {
        let gateway = try await ProviderTestGateway.start()
        let reply = try await gateway.harness.send(
            "POST",
            "/provider-sessions",
            body: #"{"account": 5, "restart": "yes", "extra": 1}"#
        )
        #expect(reply.status == 400)
        let fields = (reply.json?["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
        #expect(fields == ["account", "restart", "extra"])
        let empty = try await gateway.harness.send("POST", "/provider-sessions", body: #"{"account": "  "}"#)
        #expect(empty.status == 400)
        #expect(gateway.simulator.callCount("GetProviderOrdersIntegrationSessionAuthenticationInfo") == 0)
        await gateway.stop()
    }

    @Test func endpointsNeedBearerToken() async throws {
        let gateway = try await ProviderTestGateway.start()
        for method in ["GET", "POST"] {
            let reply = try await gateway.harness.send(method, "/provider-sessions", authorization: nil)
            #expect(reply.status == 401, "\(method)")
            #expect(reply.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        }
        await gateway.stop()
    }

    @Test func listShowsAgeAndExpiresSoon() async throws {
        let clock = ManualClock()
        let gateway = try await ProviderTestGateway.start(clock: clock)
        _ = try await gateway.connectAndAllow(account: "tb_tracked")
        // A session logged in outside the gateway: straight through OT, no return page.
        let outside = try await gateway.services.otapi.getProviderOrdersIntegrationSessionAuthenticationInfo(
            providerType: "Taobao",
            returnUrl: "http://127.0.0.1:9/elsewhere"
        )
        _ = try await gateway.finishFakeLogin(outside.redirectURL, decision: "allow", account: "tb_outside")

        clock.advance(by: 19.5 * 3600)
        let early = try await gateway.harness.send("GET", "/provider-sessions")
        #expect(early.status == 200)
        let earlyJSON = try #require(early.json)
        #expect(earlyJSON["providerType"] as? String == "Taobao")
        #expect(earlyJSON["integrationEnabled"] as? Bool == true)
        let earlySessions = try #require(earlyJSON["sessions"] as? [[String: Any]])
        let tracked = try #require(earlySessions.first { $0["name"] as? String == "tb_tracked" })
        #expect(tracked["ageHours"] as? Double == 19.5)
        #expect(tracked["expiresSoon"] as? Bool == false)
        #expect((tracked["lastConnectedAt"] as? String)?.hasSuffix("Z") == true)
        #expect(tracked["id"] is String)
        #expect((tracked["balance"] as? [String: Any])?["currency"] as? String == "CNY")
        let untracked = try #require(earlySessions.first { $0["name"] as? String == "tb_outside" })
        #expect(untracked["ageHours"] is NSNull)
        #expect(untracked["lastConnectedAt"] is NSNull)
        #expect(untracked["expiresSoon"] as? Bool == false)

        clock.advance(by: 1 * 3600)
        let late = try await gateway.harness.send("GET", "/provider-sessions")
        let lateSessions = try #require(late.json?["sessions"] as? [[String: Any]])
        let stale = try #require(lateSessions.first { $0["name"] as? String == "tb_tracked" })
        #expect(stale["ageHours"] as? Double == 20.5)
        #expect(stale["expiresSoon"] as? Bool == true)
        await gateway.stop()
    }

    @Test func listShowsIntegrationDisabled() async throws {
        let gateway = try await ProviderTestGateway.start()
        var flags = OrdersIntegrationFlags()
        flags.isEnabled = false
        gateway.simulator.setOrdersIntegration(flags)
        let reply = try await gateway.harness.send("GET", "/provider-sessions")
        #expect(reply.status == 200)
        #expect(reply.json?["integrationEnabled"] as? Bool == false)
        await gateway.stop()
    }

    @Test func warnHoursFollowConfiguration() async throws {
        let clock = ManualClock()
        let gateway = try await ProviderTestGateway.start(environment: ["OTGW_SESSION_WARN_HOURS": "2"], clock: clock)
        _ = try await gateway.connectAndAllow(account: "tb_short")
        clock.advance(by: 2 * 3600)
        let reply = try await gateway.harness.send("GET", "/provider-sessions")
        let sessions = try #require(reply.json?["sessions"] as? [[String: Any]])
        #expect(sessions.first?["expiresSoon"] as? Bool == true)
        #expect(reply.json?["warnAfterHours"] as? Int == 2)
        await gateway.stop()
    }
}
