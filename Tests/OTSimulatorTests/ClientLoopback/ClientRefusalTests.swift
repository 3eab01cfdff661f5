import Foundation
import OTAPI
import OTSimulator
import Testing

/// The simulator's refusals and spoiled responses as the OT API client reports them.
@Suite struct ClientRefusalTests {
    private func unpaidOrder(_ loopback: LoopbackSimulator) async throws -> OrderInfo {
        try await loopback.client.addOrder(LoopbackSimulator.twoLineOrder)
    }

    @Test(arguments: [OTBinding.xml, .soap11])
    func reserveOverBalanceIsValidationError(binding: OTBinding) async throws {
        let loopback = try LoopbackSimulator.start(binding: binding)
        let order = try await self.unpaidOrder(loopback)
        let total = try #require(order.totalAmount)
        try await loopback.client.postTransaction(
            customerId: LoopbackSimulator.customerId,
            amount: total - 1,
            isDebit: true,
            comment: "short deposit",
            transactionDate: Date()
        )

        let error = await #expect(throws: OTAPIError.self) {
            _ = try await loopback.client.salesPaymentReserve(salesId: order.id, amount: total)
        }
        #expect(error?.rejectedCode == "ValidationError")
        #expect(error?.description.contains("exceeds the available balance") == true)
        #expect(loopback.simulator.state.orders.first?.paidAmount == 0)
        await loopback.stop()
    }

    @Test func reserveOverRemainingIsValidationError() async throws {
        let loopback = try LoopbackSimulator.start()
        let order = try await self.unpaidOrder(loopback)
        let total = try #require(order.totalAmount)
        try await loopback.client.postTransaction(
            customerId: LoopbackSimulator.customerId,
            amount: total + 10,
            isDebit: true,
            comment: "large deposit",
            transactionDate: Date()
        )

        let error = await #expect(throws: OTAPIError.self) {
            _ = try await loopback.client.salesPaymentReserve(salesId: order.id, amount: total + 10)
        }
        #expect(error?.rejectedCode == "ValidationError")
        #expect(error?.description.contains("exceeds what remains") == true)
        await loopback.stop()
    }

    @Test func reserveOnCancelledOrderIsValidationError() async throws {
        let loopback = try LoopbackSimulator.start()
        let order = try await self.unpaidOrder(loopback)
        try await loopback.client.cancelSalesOrderForOperator(salesId: order.id)

        let error = await #expect(throws: OTAPIError.self) {
            _ = try await loopback.client.salesPaymentReserve(salesId: order.id, amount: 1)
        }
        #expect(error?.rejectedCode == "ValidationError")
        #expect(error?.description.contains("is cancelled") == true)
        await loopback.stop()
    }

    @Test func withdrawalOverBalanceIsValidationError() async throws {
        let loopback = try LoopbackSimulator.start()
        let error = await #expect(throws: OTAPIError.self) {
            try await loopback.client.postTransaction(
                customerId: LoopbackSimulator.customerId,
                amount: 5,
                isDebit: false,
                comment: "withdrawal",
                transactionDate: Date()
            )
        }
        #expect(error?.rejectedCode == "ValidationError")
        await loopback.stop()
    }

    @Test(arguments: [OTBinding.xml, .soap11])
    func unknownOrderIsNotFound(binding: OTBinding) async throws {
        let loopback = try LoopbackSimulator.start(binding: binding)
        let error = await #expect(throws: OTAPIError.self) {
            _ = try await loopback.client.getSalesOrderDetailsForOperator(salesId: "ORD-0000009999")
        }
        #expect(error?.rejectedCode == "NotFound")
        await loopback.stop()
    }

    @Test(arguments: [OTBinding.xml, .soap11])
    func droppedWriteIsOutcomeUnknown(binding: OTBinding) async throws {
        let loopback = try LoopbackSimulator.start(binding: binding)
        loopback.simulator.injectResponseFault(.dropConnection, method: "AddOrder")

        let error = await #expect(throws: OTAPIError.self) {
            _ = try await loopback.client.addOrder(LoopbackSimulator.twoLineOrder)
        }
        guard case .outcomeUnknown(let method, _) = error?.code else {
            Issue.record("expected outcomeUnknown, got \(String(describing: error))")
            await loopback.stop()
            return
        }
        #expect(method == "AddOrder")
        #expect(loopback.simulator.state.orders.count == 1, "the dropped call took effect")
        #expect(loopback.simulator.callCount("AddOrder") == 1, "a write is never sent twice")
        await loopback.stop()
    }

    @Test(arguments: [OTBinding.xml, .soap11])
    func droppedReadIsRetried(binding: OTBinding) async throws {
        let loopback = try LoopbackSimulator.start(binding: binding)
        let order = try await self.unpaidOrder(loopback)
        loopback.simulator.injectResponseFault(.dropConnection, method: "GetSalesOrderDetailsForOperator")

        let details = try await loopback.client.getSalesOrderDetailsForOperator(salesId: order.id)
        #expect(details.order.id == order.id)
        #expect(loopback.simulator.callCount("GetSalesOrderDetailsForOperator") == 2)
        await loopback.stop()
    }
}
