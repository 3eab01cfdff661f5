import Foundation
import Observability
import Testing

@testable import OTAPI

@Suite("Sessions")
struct SessionTests {
    static func operatorAnswer(_ id: String) -> ScriptedReply {
        .body(
            "<OtapiSessionIdAnswer><ErrorCode>Ok</ErrorCode><SessionId><Value>\(id)</Value></SessionId></OtapiSessionIdAnswer>"
        )
    }

    static func customerAnswer(_ id: String) -> ScriptedReply {
        .body(
            "<OtapiAuthenticateAnswer><ErrorCode>Ok</ErrorCode><SessionId>\(id)</SessionId></OtapiAuthenticateAnswer>"
        )
    }

    /// Operator logins hand out `op-1`, `op-2`, ...; `expired` decides which session ids OT
    /// answers `SessionExpired` to.
    static func transport(
        delay: @escaping ScriptedTransport.DelayScript = { _, _ in nil },
        expired: @escaping @Sendable (String) -> Bool
    ) -> ScriptedTransport {
        ScriptedTransport(delayFor: delay) { request, index in
            switch request.method {
            case "AuthenticateInstanceOperator": return self.operatorAnswer("op-\(index + 1)")
            case "Authenticate": return self.customerAnswer("cu-\(index + 1)")
            case "GetOrderStatusList": return .fixture("GetOrderStatusList.xml")
            default:
                if expired(request.parameters["sessionId"] ?? "") { return .fixture("SessionExpired.xml") }
                return .fixture(Fixtures.defaultName(for: request.method))
            }
        }
    }

    @Test("20 concurrent callers share exactly one re-login and all succeed")
    func concurrentExpiry() async throws {
        // Expired answers arrive spread over 60 ms and the re-login takes 10 ms, so some
        // callers learn of the expiry while the re-login runs and others after it finished.
        let transport = Self.transport(
            delay: { request, index in
                switch request.method {
                case "GetSalesPaymentInfo": .milliseconds(3 * (index % 20))
                case "AuthenticateInstanceOperator": .milliseconds(10)
                default: nil
                }
            },
            expired: { $0 == "op-1" }
        )
        let metrics = MetricsRegistry()
        let client = TestConfiguration.client(transport, metrics: metrics)
        // Log in as op-1 through a call that succeeds, so that all 20 callers start with op-1.
        _ = try await client.getOrderStatusList()
        #expect(transport.requests(for: "AuthenticateInstanceOperator").count == 1)

        let succeeded = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask {
                    (try? await client.getSalesPaymentInfo(salesId: "ORD-\(index)")) != nil
                }
            }
            var count = 0
            for await ok in group where ok {
                count += 1
            }
            return count
        }
        #expect(succeeded == 20)
        #expect(transport.requests(for: "AuthenticateInstanceOperator").count == 2)
        // A caller that starts after the re-login finished sends with the new session at once.
        // How many callers used the expired one depends on scheduling, and each of them repeats once.
        let calls = transport.requests(for: "GetSalesPaymentInfo")
        let withExpired = calls.filter { $0.parameters["sessionId"] == "op-1" }.count
        #expect((1...20).contains(withExpired))
        #expect(calls.filter { $0.parameters["sessionId"] == "op-2" }.count == 20)
        #expect(calls.count == 20 + withExpired)
        #expect(metrics.counter(CallMetrics.reloginsName, help: "", labelNames: ["session"]).value(["operator"]) == 1)
    }

    @Test("a second SessionExpired is an error, not a loop")
    func secondExpiry() async throws {
        let transport = Self.transport { _ in true }
        let client = TestConfiguration.client(transport)
        await #expect {
            _ = try await client.getSalesPaymentInfo(salesId: "ORD-1")
        } throws: { error in
            guard case .sessionExpired(let session, let method) = (error as? OTAPIError)?.code else { return false }
            return session == .operator && method == "GetSalesPaymentInfo"
        }
        #expect(transport.requests(for: "AuthenticateInstanceOperator").count == 2)
        #expect(transport.requests(for: "GetSalesPaymentInfo").count == 2)
    }

    @Test("a rejected login is sessionLoginFailed and is not repeated")
    func loginRejected() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "AuthenticateInstanceOperator"
                ? .fixture("LoginRejected.xml") : .fixture(Fixtures.defaultName(for: request.method))
        }
        let client = TestConfiguration.client(transport)
        await #expect {
            _ = try await client.getSalesPaymentInfo(salesId: "ORD-1")
        } throws: { error in
            guard case .sessionLoginFailed(let session, let cause) = (error as? OTAPIError)?.code else { return false }
            return session == .operator && cause.contains("AccessDenied")
        }
        #expect(transport.requests(for: "AuthenticateInstanceOperator").count == 1)
        #expect(transport.requests(for: "GetSalesPaymentInfo").isEmpty)
    }

    @Test("a failed re-login after expiry is sessionLoginFailed")
    func reloginRejected() async throws {
        let transport = ScriptedTransport { request, index in
            switch request.method {
            case "AuthenticateInstanceOperator":
                index == 0 ? Self.operatorAnswer("op-1") : .fixture("LoginRejected.xml")
            case "GetSalesPaymentInfo": .fixture("SessionExpired.xml")
            default: .fixture(Fixtures.defaultName(for: request.method))
            }
        }
        await #expect {
            _ = try await TestConfiguration.client(transport).getSalesPaymentInfo(salesId: "ORD-1")
        } throws: { error in
            guard case .sessionLoginFailed(.operator, _) = (error as? OTAPIError)?.code else { return false }
            return true
        }
        #expect(transport.requests(for: "GetSalesPaymentInfo").count == 1)
    }

    @Test("a login that cannot reach OT keeps its transport error")
    func loginUnreachable() async throws {
        let refused = TransportError(
            kind: .couldNotConnect,
            requestMayHaveBeenSent: false,
            message: "connection refused"
        )
        let transport = ScriptedTransport { _, _ in .failure(refused) }
        await #expect {
            _ = try await TestConfiguration.client(transport).getUserInfo()
        } throws: { error in
            guard case .transport(let transportError) = (error as? OTAPIError)?.code else { return false }
            return transportError.kind == .couldNotConnect
        }
        #expect(transport.requests(for: "Authenticate").count == RetryPolicy.defaultMaxAttempts)
    }

    @Test("expiry of the operator session leaves the customer session alone")
    func sessionsDroppedApart() async throws {
        let transport = Self.transport { $0 == "op-1" }
        let client = TestConfiguration.client(transport)
        _ = try await client.getUserInfo()
        _ = try await client.getSalesPaymentInfo(salesId: "ORD-1")
        _ = try await client.getUserProfileInfoList()
        #expect(transport.requests(for: "Authenticate").count == 1)
        #expect(transport.requests(for: "AuthenticateInstanceOperator").count == 2)
        #expect(transport.requests(for: "GetUserProfileInfoList").first?.parameters["sessionId"] == "cu-1")
    }

    @Test("a write answered SessionExpired is repeated once with the new session")
    func writeRepeatedAfterExpiry() async throws {
        let transport = Self.transport { $0 == "cu-1" }
        let order = try await TestConfiguration.client(transport).addOrder(
            OrderAddData(
                deliveryModeId: "D",
                userProfileId: "1",
                comment: nil,
                items: [OrderAddItem(itemId: "1", quantity: 1)]
            )
        )
        #expect(order.id == "ORD-0000000042")
        let sent = transport.requests(for: "AddOrder").map { $0.parameters["sessionId"] }
        #expect(sent == ["cu-1", "cu-2"])
    }

    @Test("dropSession forces a new login")
    func dropSession() async throws {
        let transport = Self.transport { _ in false }
        let client = TestConfiguration.client(transport)
        _ = try await client.getOrderStatusList()
        client.dropSession(.operator)
        _ = try await client.getOrderStatusList()
        #expect(transport.requests(for: "AuthenticateInstanceOperator").count == 2)
    }
}
