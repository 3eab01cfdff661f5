import Foundation
import OTAPI
import OTSimulator
import Testing

/// The OT API client against the simulator over loopback HTTP, with each binding.
@Suite struct ClientFlowTests {
    static let routes: [OTBinding: String] = [.xml: "/service/{method}", .soap11: "/OtapiWebService2.asmx"]

    @Test(arguments: [OTBinding.xml, .soap11])
    func orderIsAddedPaidAndReadBack(binding: OTBinding) async throws {
        let loopback = try LoopbackSimulator.start(binding: binding)
        let client = loopback.client

        let added = try await client.addOrder(LoopbackSimulator.twoLineOrder)
        #expect(added.id == "ORD-0000000001")
        #expect(added.isPaid == false)
        let total = try #require(added.totalAmount)
        #expect(total > 0)

        try await client.postTransaction(
            customerId: LoopbackSimulator.customerId,
            amount: total,
            isDebit: true,
            comment: "deposit for \(added.id)",
            transactionDate: Date()
        )
        let reserved = try await client.salesPaymentReserve(salesId: added.id, amount: total)
        #expect(reserved.salesPaid == total)
        #expect(reserved.customerBalanceAvailable == 0)

        let details = try await client.getSalesOrderDetailsForOperator(salesId: added.id)
        #expect(details.order.id == added.id)
        #expect(details.order.isPaid == true)
        #expect(details.order.remainAmount == 0)
        #expect(details.order.customerComment == "loopback test & <escaping>")
        #expect(details.lines.map(\.itemId) == ["abb-560724366248", "abb-612093475821"])
        #expect(details.lines.map(\.quantity) == [2, 1])

        #expect(loopback.simulator.callCount("AuthenticateInstanceOperator") == 1)
        #expect(loopback.simulator.callCount("Authenticate") == 1)
        let route = try #require(Self.routes[binding])
        #expect(loopback.responses(route: route) == 6, "every call used the \(binding.rawValue) binding")
        await loopback.stop()
    }

    @Test(arguments: [OTBinding.xml, .soap11])
    func signedCallsAreAccepted(binding: OTBinding) async throws {
        let loopback = try LoopbackSimulator.start(binding: binding, secret: "shared-secret") {
            $0.apiSecret = "shared-secret"
        }
        let added = try await loopback.client.addOrder(LoopbackSimulator.twoLineOrder)
        let details = try await loopback.client.getSalesOrderDetailsForOperator(salesId: added.id)
        #expect(details.order.id == added.id)

        let signed = loopback.simulator.calls.filter { call in
            call.parameters.contains { $0.name == "signature" } && call.resultCode == "Ok"
        }
        #expect(signed.count == loopback.simulator.calls.count)
        #expect(signed.count == 4)
        await loopback.stop()
    }

    @Test func wrongSecretFailsTheLogin() async throws {
        let loopback = try LoopbackSimulator.start(secret: "not-the-secret") { $0.apiSecret = "shared-secret" }
        let error = await #expect(throws: OTAPIError.self) {
            _ = try await loopback.client.getSalesPaymentInfo(salesId: "ORD-0000000001")
        }
        guard case .sessionLoginFailed(let session, let cause) = error?.code else {
            Issue.record("expected sessionLoginFailed, got \(String(describing: error))")
            await loopback.stop()
            return
        }
        #expect(session == .operator)
        #expect(cause.contains("AccessDenied"))
        await loopback.stop()
    }

    @Test(arguments: [OTBinding.xml, .soap11])
    func expiredSessionLogsInOnceAgain(binding: OTBinding) async throws {
        let loopback = try LoopbackSimulator.start(binding: binding)
        let added = try await loopback.client.addOrder(LoopbackSimulator.twoLineOrder)
        _ = try await loopback.client.getSalesPaymentInfo(salesId: added.id)
        #expect(loopback.simulator.callCount("AuthenticateInstanceOperator") == 1)

        loopback.simulator.expireSessionsOnNextCalls(1, kind: .operator)
        let info = try await loopback.client.getSalesPaymentInfo(salesId: added.id)
        #expect(info.salesId == added.id)
        #expect(loopback.simulator.callCount("AuthenticateInstanceOperator") == 2)
        #expect(loopback.simulator.callCount("GetSalesPaymentInfo") == 3)
        await loopback.stop()
    }

    @Test func sessionExpiredTwiceIsTypedError() async throws {
        let loopback = try LoopbackSimulator.start()
        _ = try await loopback.client.getStatementForOperator(customerId: LoopbackSimulator.customerId)
        loopback.simulator.expireSessionsOnNextCalls(2, kind: .operator)

        let error = await #expect(throws: OTAPIError.self) {
            _ = try await loopback.client.getStatementForOperator(customerId: LoopbackSimulator.customerId)
        }
        guard case .sessionExpired(let session, let method) = error?.code else {
            Issue.record("expected sessionExpired, got \(String(describing: error))")
            await loopback.stop()
            return
        }
        #expect(session == .operator)
        #expect(method == "GetStatementForOperator")
        #expect(loopback.simulator.callCount("AuthenticateInstanceOperator") == 2, "exactly one re-login")
        await loopback.stop()
    }
}
