import Foundation
import HTTPServer
import Testing

@testable import OTSimulator

@Suite struct FaultTests {
    @Test func sessionExpiredOnNextCallsEndsTheSession() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let customer = try await harness.customerSession()
        harness.simulator.expireSessionsOnNextCalls(1, kind: .operator)

        let customerCall = try await harness.call("GetUserProfileInfoList", [("sessionId", customer)])
        #expect(customerCall.errorCode == "Ok")
        let first = try await harness.call("GetOrderStatusList", [("sessionId", operatorSession)])
        #expect(first.errorCode == "Ok", "methods without a session are not affected")
        let hit = try await harness.call(
            "GetStatementForOperator",
            [("sessionId", operatorSession), ("customerId", "100001")]
        )
        #expect(hit.errorCode == "SessionExpired")
        let stillDead = try await harness.call(
            "GetStatementForOperator",
            [("sessionId", operatorSession), ("customerId", "100001")]
        )
        #expect(stillDead.errorCode == "SessionExpired")

        let fresh = try await harness.operatorSession()
        let after = try await harness.call("GetStatementForOperator", [("sessionId", fresh), ("customerId", "100001")])
        #expect(after.errorCode == "Ok")
    }

    @Test func expireSessionsEndsAllOfAKind() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let customer = try await harness.customerSession()
        harness.simulator.expireSessions(kind: .customer)
        #expect(harness.simulator.state.sessions[customer] == nil)
        #expect(harness.simulator.state.sessions[operatorSession] != nil)
    }

    @Test func injectedErrorAnswersNextCallsOfMethod() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        harness.simulator.injectError(
            InjectedError(code: "NotAvailable", subCode: "External_ProviderTemporaryUnavailable", description: "down"),
            method: "AddOrder",
            count: 2
        )
        for _ in 0..<2 {
            let answer = try await harness.addOrder([("1", "0", 1)], session: customer)
            #expect(answer.errorCode == "NotAvailable")
            #expect(answer.subErrorCode == "External_ProviderTemporaryUnavailable")
            #expect(answer.text("ErrorDescription") == "down")
        }
        #expect(harness.simulator.state.orders.isEmpty)
        let third = try await harness.addOrder([("1", "0", 1)], session: customer)
        #expect(third.errorCode == "Ok")
        #expect(harness.simulator.callCount("AddOrder") == 3)
    }

    @Test func dropConnectionAfterApplying() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        harness.simulator.injectResponseFault(.dropConnection, method: "AddOrder")
        await #expect(throws: SimulatorDropConnection.self) {
            _ = try await harness.addOrder([("1", "0", 1)], session: customer)
        }
        #expect(harness.simulator.state.orders.count == 1)
    }

    @Test func responseFaultsSpoilTheAnswer() async throws {
        let harness = try Harness()
        let parameters = [("instanceKey", harness.instanceKey)]
        harness.simulator.injectResponseFault(.badGateway, method: "GetOrderStatusList", afterApplying: false)
        let gateway = try await harness.send(Harness.request("GetOrderStatusList", parameters, get: false))
        #expect(gateway.status == .badGateway)

        harness.simulator.injectResponseFault(.truncatedBody, method: "GetOrderStatusList")
        let truncated = try await harness.send(Harness.request("GetOrderStatusList", parameters, get: false))
        #expect(truncated.status == .ok)
        #expect(XMLDocument.parse(String(decoding: truncated.body, as: UTF8.self)) == nil)

        harness.simulator.injectResponseFault(.nonXMLBody, method: "*")
        let html = try await harness.send(Harness.request("GetOrderStatusList", parameters, get: false))
        #expect(html.headers["Content-Type"]?.hasPrefix("text/html") == true)

        let normal = try await harness.call("GetOrderStatusList")
        #expect(normal.errorCode == "Ok")
        #expect(harness.simulator.calls.first?.resultCode == "Fault")
    }

    @Test func callLogMasksSecrets() async throws {
        let harness = try Harness()
        _ = try await harness.operatorSession()
        let record = try #require(harness.simulator.calls.first)
        #expect(record.method == "AuthenticateInstanceOperator")
        #expect(record.parameter("userPassword") == "***")
        #expect(record.parameter("userLogin") == "sim-operator")
        #expect(record.resultCode == "Ok")
    }

    func control(_ harness: Harness, _ path: String, _ json: String, remote: String = Harness.loopback) async throws
        -> Response
    {
        try await harness.send(
            Request(
                method: .post,
                target: "/_sim/" + path,
                headers: ["Content-Type": "application/json"],
                body: Array(json.utf8),
                remoteAddress: remote
            )
        )
    }

    @Test func controlAPIArmsFaults() async throws {
        let harness = try Harness()
        let latency = try await control(harness, "latency", #"{"method":"AddOrder","milliseconds":250}"#)
        #expect(latency.status == .ok)
        #expect(harness.simulator.latency(for: "AddOrder") == .milliseconds(250))
        #expect(harness.simulator.latency(for: "Authenticate") == .zero)

        let error = try await control(
            harness,
            "faults/error",
            #"{"method":"GetOrderStatusList","code":"CallLimit","count":1}"#
        )
        #expect(error.status == .ok)
        let limited = try await harness.call("GetOrderStatusList")
        #expect(limited.errorCode == "CallLimit")

        let expiry = try await control(harness, "faults/session-expired", #"{"count":1,"kind":"customer"}"#)
        #expect(expiry.status == .ok)
        let customer = try await harness.customerSession()
        let hit = try await harness.call("GetUserInfo", [("sessionId", customer)])
        #expect(hit.errorCode == "SessionExpired")

        _ = try await control(harness, "clock/advance", #"{"seconds":7200}"#)
        #expect(harness.simulator.state.clockOffsetSeconds == 7200)

        let calls = try await harness.send(
            Request(method: .get, target: "/_sim/calls?method=GetUserInfo", remoteAddress: Harness.loopback)
        )
        let object = try JSONSerialization.jsonObject(with: Data(calls.body)) as? [String: Any]
        #expect((object?["calls"] as? [Any])?.count == 1)

        let reset = try await control(harness, "reset", "")
        #expect(reset.status == .ok)
        #expect(harness.simulator.calls.isEmpty)
        #expect(harness.simulator.latency(for: "AddOrder") == .zero)
        #expect(harness.simulator.state.sessions.isEmpty)
    }

    @Test func controlAPIRejectsBadInputAndRemotePeers() async throws {
        let harness = try Harness()
        let bad = try await control(harness, "faults/response", #"{"method":"AddOrder","fault":"explode"}"#)
        #expect(bad.status == .badRequest)
        for remote in ["192.168.1.5:4000", "[2001:db8::1]:80", ""] {
            let response = try await control(harness, "reset", "", remote: remote)
            #expect(response.status == .forbidden, "\(remote)")
        }
        for remote in ["127.0.0.1:1", "[::1]:2"] {
            let response = try await control(harness, "faults/clear", "", remote: remote)
            #expect(response.status == .ok)
        }
    }

    @Test func controlAPISetsActivityBehaviour() async throws {
        let harness = try Harness()
        let response = try await control(
            harness,
            "activities",
            #"{"mode":"perPoll","steps":3,"awaitActionAtPercent":30,"actions":[{"id":"Go","displayName":"Go on"}]}"#
        )
        #expect(response.status == .ok)
        let behaviour = harness.simulator.core.withLock { $0.configuration.activityBehaviour }
        #expect(behaviour.progress == .perPoll(steps: 3))
        #expect(behaviour.awaitActionAtPercent == 30)
        #expect(behaviour.actions.map(\.id) == ["Go"])
    }
}
