import Foundation
import OTSimulator
import Testing

@testable import Gateway

@Suite struct PaymentConcurrencyTests {
    @Test func twentyConcurrentPaysOnOneOrderDepositOnce() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        let total = try PaymentFixture.total(harness.simulator, orderID)

        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask { await ThreadedHTTP.postStatus(harness, "/orders/\(orderID)/pay") }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }

        #expect(statuses == Array(repeating: 200, count: 20))
        #expect(PaymentFixture.deposits(harness.simulator).map(\.amount) == [total])
        #expect(harness.simulator.callCount("SalesPaymentReserve") == 1)
        #expect(harness.simulator.state.order(orderID)?.isPaid == true)
        #expect(harness.simulator.state.balance == 0)
        await harness.stop()
    }

    @Test func concurrentPaysOnTwoOrdersNeverShareADeposit() async throws {
        let harness = try await GatewayHarness.start()
        // Latency widens the window in which one order could spend the other's deposit.
        harness.simulator.setLatency(.milliseconds(20), method: "PostTransaction")
        let first = try PaymentFixture.placeOrder(harness.simulator, itemID: "600000000001")
        let second = try PaymentFixture.placeOrder(harness.simulator, itemID: "600000000002", quantity: 2)
        let needed =
            try PaymentFixture.total(harness.simulator, first) + PaymentFixture.total(harness.simulator, second)

        let statuses = await withTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                let orderID = index.isMultiple(of: 2) ? first : second
                group.addTask { await ThreadedHTTP.postStatus(harness, "/orders/\(orderID)/pay") }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }

        #expect(statuses == Array(repeating: 200, count: 20))
        let deposits = PaymentFixture.deposits(harness.simulator)
        #expect(deposits.count == 2)
        #expect(deposits.reduce(Decimal(0)) { $0 + $1.amount } == needed)
        #expect(harness.simulator.state.order(first)?.isPaid == true)
        #expect(harness.simulator.state.order(second)?.isPaid == true)
        #expect(harness.simulator.state.balance == 0)
        await harness.stop()
    }

    /// An incomplete payment's deposit stays reserved for its own order: another order deposits
    /// its own money instead of spending it.
    @Test func incompletePaymentKeepsItsDeposit() async throws {
        let harness = try await GatewayHarness.start()
        let first = try PaymentFixture.placeOrder(harness.simulator, itemID: "600000000001")
        let second = try PaymentFixture.placeOrder(harness.simulator, itemID: "600000000003")
        let firstTotal = try PaymentFixture.total(harness.simulator, first)
        let secondTotal = try PaymentFixture.total(harness.simulator, second)
        harness.simulator.injectError(PaymentFaultTests.rejected, method: "SalesPaymentReserve")

        let failed = await ThreadedHTTP.send(harness, "POST", "/orders/\(first)/pay")
        #expect(failed.status == 502)
        let other = await ThreadedHTTP.send(harness, "POST", "/orders/\(second)/pay")
        #expect(other.status == 200, "\(other.text)")
        #expect(other.json?["depositedAmount"] as? String == PaymentFixture.money(secondTotal))

        let resumed = await ThreadedHTTP.send(harness, "POST", "/orders/\(first)/pay")
        #expect(resumed.status == 200, "\(resumed.text)")
        #expect(PaymentFixture.deposits(harness.simulator).map(\.amount) == [firstTotal, secondTotal])
        #expect(harness.simulator.state.balance == 0)
        await harness.stop()
    }
}
