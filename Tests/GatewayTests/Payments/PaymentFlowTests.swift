import Foundation
import OTSimulator
import Store
import Testing

@testable import Gateway

@Suite struct PaymentFlowTests {
    @Test func paysOrderWithOneDepositAndOneReserve() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let total = try PaymentFixture.total(harness.simulator, orderID)

        let reply = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders/\(orderID)/pay",
            body: #"{"comment": "shop 1001"}"#
        )

        #expect(reply.status == 200, "\(reply.text)")
        let json = try #require(reply.json)
        #expect(json["orderId"] as? String == orderID)
        #expect(json["state"] as? String == "paid")
        #expect(json["depositedAmount"] as? String == PaymentFixture.money(total))
        #expect(json["reservedAmount"] as? String == PaymentFixture.money(total))
        #expect(json["remainAmount"] as? String == "0.00")
        #expect(json["currency"] as? String == "CNY")
        let order = try #require(json["order"] as? [String: Any])
        #expect(order["isPaid"] as? Bool == true)
        #expect((order["payment"] as? [String: Any])?["state"] as? String == "verified")

        #expect(harness.simulator.callCount("PostTransaction") == 1)
        #expect(harness.simulator.callCount("SalesPaymentReserve") == 1)
        #expect(harness.simulator.callCount("GetStatementForOperator") == 0)
        let deposit = try #require(harness.simulator.calls.first { $0.method == "PostTransaction" })
        #expect(deposit.parameter("isDebit") == "true")
        #expect(deposit.parameter("customerId") == String(SimulatorConfiguration.Defaults.customerId))
        #expect(Decimal(string: deposit.parameter("amount") ?? "") == total)
        let comment = try #require(deposit.parameter("comment"))
        #expect(comment.hasPrefix("otgw-pay:pay-"))
        #expect(comment.contains(" \(orderID) shop 1001"))

        let payments = try await harness.services.store.payments(orderID: orderID)
        #expect(payments.map(\.state) == [.verified])
        let steps = try await harness.services.store.paymentSteps(paymentID: try #require(payments.first).paymentID)
        let deposits = steps.filter { $0.step == "deposit" }.map(\.phase)
        #expect(deposits == [.before, .after])
        await harness.stop()
    }

    @Test func secondPayMakesNoMoneyCall() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let first = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(first.status == 200)

        let second = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID.dropFirst(4).drop { $0 == "0" })/pay")

        #expect(second.status == 200, "\(second.text)")
        #expect(second.json?["state"] as? String == "paid")
        #expect(harness.simulator.callCount("PostTransaction") == 1)
        #expect(harness.simulator.callCount("SalesPaymentReserve") == 1)
        await harness.stop()
    }

    @Test func balanceCoveringOrderSkipsDeposit() async throws {
        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.initialBalance = 10_000
        let harness = try await GatewayHarness.start(simulatorConfiguration: simulatorConfiguration)
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let total = try PaymentFixture.total(harness.simulator, orderID)

        let reply = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.json?["depositedAmount"] as? String == "0.00")
        #expect(reply.json?["reservedAmount"] as? String == PaymentFixture.money(total))
        #expect(harness.simulator.callCount("PostTransaction") == 0)
        #expect(harness.simulator.callCount("SalesPaymentReserve") == 1)
        #expect(harness.simulator.state.balance == 10_000 - total)
        await harness.stop()
    }

    @Test func partialBalanceDepositsOnlyTheDifference() async throws {
        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.initialBalance = Decimal(string: "3.33")!
        let harness = try await GatewayHarness.start(simulatorConfiguration: simulatorConfiguration)
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let total = try PaymentFixture.total(harness.simulator, orderID)

        let reply = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(reply.status == 200, "\(reply.text)")
        #expect(PaymentFixture.deposits(harness.simulator).map(\.amount) == [total - Decimal(string: "3.33")!])
        #expect(harness.simulator.state.balance == 0)
        await harness.stop()
    }

    @Test(arguments: ["0.29", "19.99", "100.10"])
    func explicitAmountPaysExactly(amount: String) async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator, quantity: 3)
        let total = try PaymentFixture.total(harness.simulator, orderID)
        let value = try #require(Decimal(string: amount, locale: Locale(identifier: "en_US_POSIX")))

        let reply = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders/\(orderID)/pay",
            body: #"{"amount": "\#(amount)"}"#,
            headers: ["Idempotency-Key": "pay-\(amount)"]
        )

        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.json?["state"] as? String == "partially_paid")
        #expect(reply.json?["depositedAmount"] as? String == amount)
        #expect(reply.json?["reservedAmount"] as? String == amount)
        #expect(reply.json?["remainAmount"] as? String == PaymentFixture.money(total - value))
        let sent = try #require(harness.simulator.calls.first { $0.method == "PostTransaction" }?.parameter("amount"))
        #expect(Decimal(string: sent, locale: Locale(identifier: "en_US_POSIX")) == value)
        #expect(!sent.contains(","))
        #expect(!sent.contains("e"))
        #expect(PaymentFixture.deposits(harness.simulator).map(\.amount) == [value])
        #expect(harness.simulator.state.order(orderID)?.paidAmount == value)
        await harness.stop()
    }

    @Test(arguments: [
        #"{"amount": "1e2"}"#, #"{"amount": "-5.00"}"#, #"{"amount": "0"}"#, #"{"amount": "0.00"}"#,
        #"{"amount": "1.005"}"#, #"{"amount": 100}"#, #"{"amount": "1,50"}"#, #"{"amount": "12", "currency": "CNY"}"#,
        #"{"comment": "a\u0007b"}"#, #"[1]"#, #"{"amount": "#,
    ])
    func invalidBodyIsRejected(body: String) async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)

        let reply = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders/\(orderID)/pay",
            body: body,
            headers: ["Idempotency-Key": "k1"]
        )

        #expect(reply.status == 400, "\(reply.text)")
        #expect(reply.json?["code"] as? String == "invalid_request")
        #expect(harness.simulator.callCount("GetSalesOrderDetailsForOperator") == 0)
        #expect(harness.simulator.callCount("PostTransaction") == 0)
        await harness.stop()
    }

    @Test func explicitAmountNeedsIdempotencyKey() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)

        let reply = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay", body: #"{"amount": "1.00"}"#)

        #expect(reply.status == 428)
        #expect(reply.json?["code"] as? String == "idempotency_key_required")
        #expect(harness.simulator.callCount("PostTransaction") == 0)
        await harness.stop()
    }

    @Test func amountAboveRemainderIsRejected() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let total = try PaymentFixture.total(harness.simulator, orderID)

        let over = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders/\(orderID)/pay",
            body: #"{"amount": "\#(PaymentFixture.money(total + Decimal(string: "0.01")!))"}"#,
            headers: ["Idempotency-Key": "over-1"]
        )
        #expect(over.status == 422, "\(over.text)")
        #expect(over.json?["code"] as? String == "amount_exceeds_remaining")
        #expect(over.json?["remainAmount"] as? String == PaymentFixture.money(total))

        let paid = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(paid.status == 200)
        let afterPaid = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders/\(orderID)/pay",
            body: #"{"amount": "0.01"}"#,
            headers: ["Idempotency-Key": "over-2"]
        )
        #expect(afterPaid.status == 422)
        #expect(afterPaid.json?["code"] as? String == "amount_exceeds_remaining")
        #expect(harness.simulator.callCount("PostTransaction") == 1)
        await harness.stop()
    }

    @Test func cancelledOrderIsRejected() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        harness.simulator.updateState { state in
            for index in state.orders.indices where state.orders[index].id == orderID {
                state.orders[index].isCancelled = true
            }
        }

        let reply = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(reply.status == 409)
        #expect(reply.json?["code"] as? String == "order_cancelled")
        #expect(harness.simulator.callCount("PostTransaction") == 0)
        #expect(harness.simulator.callCount("SalesPaymentReserve") == 0)
        await harness.stop()
    }

    @Test func unknownAndMalformedOrders() async throws {
        let harness = try await GatewayHarness.start()

        let unknown = await ThreadedHTTP.send(harness, "POST", "/orders/ORD-0000009999/pay")
        #expect(unknown.status == 404, "\(unknown.text)")
        #expect(unknown.json?["code"] as? String == "not_found")

        let malformed = await ThreadedHTTP.send(harness, "POST", "/orders/ORD-12/pay")
        #expect(malformed.status == 400)

        let anonymous = await ThreadedHTTP.send(harness, "POST", "/orders/1/pay", authorization: nil)
        #expect(anonymous.status == 401)
        #expect(harness.simulator.callCount("PostTransaction") == 0)
        await harness.stop()
    }

    @Test func idempotencyKeyReplaysAndRejectsReuse() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator, quantity: 2)
        let headers = ["Idempotency-Key": "shop-pay-7"]

        let first = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders/\(orderID)/pay",
            body: #"{"amount": "5.00"}"#,
            headers: headers
        )
        #expect(first.status == 200, "\(first.text)")
        let callsAfterFirst = harness.simulator.calls.count

        let again = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders/\(orderID)/pay",
            body: #"{"amount": "5"}"#,
            headers: headers
        )
        #expect(again.status == 200)
        #expect(again.body == first.body)
        #expect(again.headers["idempotent-replayed"] == "true")
        #expect(harness.simulator.calls.count == callsAfterFirst)

        let reused = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders/\(orderID)/pay",
            body: #"{"amount": "6.00"}"#,
            headers: headers
        )
        #expect(reused.status == 422)
        #expect(reused.json?["code"] as? String == "idempotency_key_reused")

        #expect(PaymentFixture.deposits(harness.simulator).map(\.amount) == [5])
        #expect(harness.simulator.state.order(orderID)?.paidAmount == 5)
        await harness.stop()
    }
}
