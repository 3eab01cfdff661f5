import Foundation
import OTSimulator
import Store
import Testing

@testable import Gateway

@Suite struct PaymentFaultTests {
    static let rejected = InjectedError(code: "InternalError", description: "Simulated failure")

    @Test func reserveFailureThenRetryDepositsOnce() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let total = try PaymentFixture.total(harness.simulator, orderID)
        harness.simulator.injectError(Self.rejected, method: "SalesPaymentReserve")

        let failed = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(failed.status == 502, "\(failed.text)")
        #expect(failed.json?["code"] as? String == "payment_incomplete")
        #expect(failed.json?["state"] as? String == "incomplete")
        #expect(failed.json?["depositedAmount"] as? String == PaymentFixture.money(total))
        #expect(failed.json?["reservedAmount"] as? String == "0.00")
        #expect(failed.json?["remainAmount"] as? String == PaymentFixture.money(total))

        let unresolved = await ThreadedHTTP.send(harness, "GET", "/payments?state=unresolved")
        let listed = try #require(unresolved.json?["payments"] as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed.first?["orderId"] as? String == orderID)
        #expect(listed.first?["state"] as? String == "incomplete")
        #expect(listed.first?["depositedAmount"] as? String == PaymentFixture.money(total))
        #expect((listed.first?["lastError"] as? String)?.contains("InternalError") == true)
        #expect(harness.services.metrics.render().contains("otgw_payments_unresolved 1"))
        #expect(harness.logSink.records.contains { $0.message == "Payment needs an operator" })

        let retried = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(retried.status == 200, "\(retried.text)")
        #expect(retried.json?["depositedAmount"] as? String == PaymentFixture.money(total))
        #expect(retried.json?["reservedAmount"] as? String == PaymentFixture.money(total))
        #expect(harness.simulator.callCount("PostTransaction") == 1)
        #expect(PaymentFixture.okCalls(harness.simulator, "SalesPaymentReserve") == 1)
        let empty = await ThreadedHTTP.send(harness, "GET", "/payments?state=unresolved")
        #expect((empty.json?["payments"] as? [Any])?.isEmpty == true)
        let metrics = harness.services.metrics.render()
        #expect(metrics.contains("otgw_payments_unresolved 0"))
        #expect(metrics.contains(#"otgw_payments_total{state="incomplete"} 1"#))
        #expect(metrics.contains(#"otgw_payments_total{state="verified"} 1"#))
        await harness.stop()
    }

    /// The simulator applies the deposit, then spoils the response: the gateway cannot know it
    /// happened and must find it in the statement instead of depositing again.
    @Test(arguments: [ResponseFault.truncatedBody, .dropConnection, .badGateway, .nonXMLBody])
    func lostDepositReplyIsFoundInStatement(fault: ResponseFault) async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        harness.simulator.injectResponseFault(fault, method: "PostTransaction", afterApplying: true)

        let reply = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(reply.status == 200, "\(reply.text)")
        #expect(harness.simulator.callCount("PostTransaction") == 1)
        #expect(harness.simulator.callCount("GetStatementForOperator") == 1)
        #expect(PaymentFixture.deposits(harness.simulator).count == 1)
        #expect(harness.simulator.state.order(orderID)?.isPaid == true)
        await harness.stop()
    }

    /// The deposit's response is spoiled before OT applies it: the statement never shows it, so the
    /// payment waits for the settle time and only then deposits again.
    @Test func lostDepositNotFoundWaitsForSettleTime() async throws {
        let clock = PaymentTestClock()
        let harness = try await GatewayHarness.start(now: { clock.now() })
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        harness.simulator.injectResponseFault(.truncatedBody, method: "PostTransaction", afterApplying: false)

        let first = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(first.status == 503, "\(first.text)")
        #expect(first.json?["code"] as? String == "payment_reconciling")
        #expect(first.json?["state"] as? String == "reconciling")
        #expect(first.headers["retry-after"] != nil)

        let again = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(again.status == 503)
        #expect(harness.simulator.callCount("PostTransaction") == 1)
        let early = await ThreadedHTTP.send(harness, "GET", "/payments?state=unresolved")
        #expect((early.json?["payments"] as? [Any])?.isEmpty == true)

        // Harness write timeout 5 s plus the settle margin.
        clock.advance(by: 5 + 30)
        let late = await ThreadedHTTP.send(harness, "GET", "/payments?state=unresolved")
        #expect((late.json?["payments"] as? [[String: Any]])?.first?["state"] as? String == "reconciling")

        let settled = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(settled.status == 200, "\(settled.text)")
        #expect(harness.simulator.callCount("PostTransaction") == 2)
        #expect(PaymentFixture.deposits(harness.simulator).count == 1)
        let comments = harness.simulator.calls.filter { $0.method == "PostTransaction" }.compactMap {
            $0.parameter("comment")
        }
        #expect(Set(comments).count == 2)
        await harness.stop()
    }

    @Test func lostReserveReplyIsSettledFromSalesPaid() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        harness.simulator.injectResponseFault(.truncatedBody, method: "SalesPaymentReserve", afterApplying: true)

        let reply = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(reply.status == 200, "\(reply.text)")
        #expect(harness.simulator.callCount("SalesPaymentReserve") == 1)
        #expect(harness.simulator.callCount("PostTransaction") == 1)
        #expect(harness.simulator.state.order(orderID)?.isPaid == true)
        await harness.stop()
    }

    @Test func reserveNotAppliedIsRepeatedAfterSettleTime() async throws {
        let clock = PaymentTestClock()
        let harness = try await GatewayHarness.start(now: { clock.now() })
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        harness.simulator.injectResponseFault(.truncatedBody, method: "SalesPaymentReserve", afterApplying: false)

        let first = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(first.status == 503, "\(first.text)")
        #expect(first.json?["code"] as? String == "payment_reconciling")
        #expect(harness.simulator.callCount("SalesPaymentReserve") == 1)

        clock.advance(by: 5 + 30)
        let settled = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(settled.status == 200, "\(settled.text)")
        #expect(harness.simulator.callCount("SalesPaymentReserve") == 2)
        #expect(PaymentFixture.deposits(harness.simulator).count == 1)
        await harness.stop()
    }

    @Test func sessionExpiryMidFlowDepositsOnce() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let expired = InjectedError(code: "SessionExpired", description: "Session expired")
        harness.simulator.injectError(expired, method: "PostTransaction")
        harness.simulator.injectError(expired, method: "SalesPaymentReserve")

        let reply = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(reply.status == 200, "\(reply.text)")
        #expect(PaymentFixture.okCalls(harness.simulator, "PostTransaction") == 1)
        #expect(PaymentFixture.okCalls(harness.simulator, "SalesPaymentReserve") == 1)
        #expect(PaymentFixture.deposits(harness.simulator).count == 1)
        #expect(harness.simulator.callCount("AuthenticateInstanceOperator") >= 2)
        await harness.stop()
    }

    /// A crash between the journal's "before" entry and the deposit call leaves
    /// `deposit_pending` with nothing at OT; the restarted gateway must wait for the settle time.
    @Test func crashBeforeDepositCallIsSettled() async throws {
        let clock = PaymentTestClock()
        let harness = try await GatewayHarness.start(now: { clock.now() })
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let total = try PaymentFixture.total(harness.simulator, orderID)
        let startedAt = UnixTime.milliseconds(from: clock.now())
        let crashed = PaymentRecord(
            paymentID: "pay-crashed",
            orderID: orderID,
            customerID: String(SimulatorConfiguration.Defaults.customerId),
            state: .depositPending,
            amount: total,
            depositAmount: total,
            currency: "CNY",
            depositComment: "otgw-pay:pay-crashed.\(startedAt) \(orderID)",
            createdAt: startedAt,
            updatedAt: startedAt,
            depositStartedAt: startedAt
        )
        try await harness.services.store.insertPayment(crashed)

        let waiting = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(waiting.status == 503, "\(waiting.text)")
        #expect(waiting.json?["paymentId"] as? String == "pay-crashed")
        #expect(harness.simulator.callCount("PostTransaction") == 0)

        clock.advance(by: 5 + 30)
        let paid = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(paid.status == 200, "\(paid.text)")
        #expect(paid.json?["paymentId"] as? String == "pay-crashed")
        #expect(PaymentFixture.deposits(harness.simulator).map(\.amount) == [total])
        await harness.stop()
    }

    @Test func unresolvedListNeedsStateFilter() async throws {
        let harness = try await GatewayHarness.start()
        let missing = await ThreadedHTTP.send(harness, "GET", "/payments")
        #expect(missing.status == 400)
        let other = await ThreadedHTTP.send(harness, "GET", "/payments?state=verified")
        #expect(other.status == 400)
        let anonymous = await ThreadedHTTP.send(harness, "GET", "/payments?state=unresolved", authorization: nil)
        #expect(anonymous.status == 401)
        await harness.stop()
    }
}
