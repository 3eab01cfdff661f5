import Foundation
import Testing

@testable import OTSimulator

@Suite struct PaymentTests {
    @Test func depositRaisesBalanceAndAppearsInStatement() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let comment = "gateway payment 7f3a & <ok>"
        let posted = try await harness.call(
            "PostTransaction",
            [
                ("sessionId", operatorSession), ("customerId", "100001"), ("amount", "150.5"), ("isDebit", "true"),
                ("comment", comment), ("transactionDate", "2026-12-04T10:00:00"),
            ]
        )
        #expect(posted.root.name == "VoidOtapiAnswer")
        #expect(posted.errorCode == "Ok")
        #expect(harness.simulator.state.balance == Decimal(string: "150.50"))

        let withdrawn = try await harness.call(
            "PostTransaction",
            [
                ("sessionId", operatorSession), ("customerId", "100001"), ("amount", "0.50"), ("isDebit", "false"),
                ("comment", "fee"),
            ]
        )
        #expect(withdrawn.errorCode == "Ok")
        #expect(harness.simulator.state.balance == 150)

        let statement = try await harness.call(
            "GetStatementForOperator",
            [("sessionId", operatorSession), ("customerId", "100001"), ("fromDate", ""), ("toDate", "")]
        )
        let transactions = statement.elements("Result/TransList/TransInfo")
        #expect(transactions.count == 2)
        #expect(transactions.first?.text("Comment") == comment)
        #expect(transactions.first?.text("AmountInternal") == "150.50")
        #expect(transactions.first?.text("TransId")?.isEmpty == false)
        #expect(statement.text("Result/Header/EndBalanceInternal") == "150.00")
    }

    @Test func reserveIsLimitedByBalanceAndRemainder() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let operatorSession = try await harness.operatorSession()
        let added = try await harness.addOrder([("600000000001", "0", 1)], session: customer)
        let orderId = try #require(added.text("Result/Id"))
        let total = Catalog.price(of: "600000000001")

        _ = try await harness.call(
            "PostTransaction",
            [("sessionId", operatorSession), ("customerId", "100001"), ("amount", "5.00"), ("isDebit", "true")]
        )
        let overBalance = try await harness.call(
            "SalesPaymentReserve",
            [("sessionId", operatorSession), ("salesId", orderId), ("amount", "6.00")]
        )
        #expect(overBalance.errorCode == "ValidationError")
        #expect(harness.simulator.state.balance == 5)

        let partial = try await harness.call(
            "SalesPaymentReserve",
            [("sessionId", operatorSession), ("salesId", orderId), ("amount", "5.00")]
        )
        #expect(partial.errorCode == "Ok")
        #expect(partial.text("Result/SalesPaid") == "5.00")
        #expect(partial.text("Result/CustBalanceAvail") == "0.00")
        #expect(partial.text("Result/SalesAmount") == Money.format(total))

        _ = try await harness.call(
            "PostTransaction",
            [("sessionId", operatorSession), ("customerId", "100001"), ("amount", "1000.00"), ("isDebit", "true")]
        )
        let overRemainder = try await harness.call(
            "SalesPaymentReserve",
            [("sessionId", operatorSession), ("salesId", orderId), ("amount", Money.format(total))]
        )
        #expect(overRemainder.errorCode == "ValidationError")
        #expect(harness.simulator.state.order(orderId)?.paidAmount == 5)
    }

    @Test func fullPaymentMarksOrderAndLinesPaid() async throws {
        let harness = try Harness()
        let orderId = try await harness.paidOrder([("1", "0", 2), ("2", "0", 1)])
        let operatorSession = try await harness.operatorSession()
        let details = try await harness.call(
            "GetSalesOrderDetailsForOperator",
            [("sessionId", operatorSession), ("salesId", orderId), ("queryType", "0")]
        )
        #expect(details.text("Result/SalesOrderInfo/IsPaid") == "true")
        #expect(details.text("Result/SalesOrderInfo/StatusId") == "20")
        #expect(details.text("Result/SalesOrderInfo/RemainAmount") == "0.00")
        #expect(details.elements("Result/SalesLinesList/SalesLine").map { $0.text("StatusId") } == ["2", "2"])
        let info = try await harness.call(
            "GetSalesPaymentInfo",
            [("sessionId", operatorSession), ("salesId", orderId)]
        )
        #expect(info.text("Result/SalesId") == orderId)
        #expect(info.text("Result/CustId") == "100001")
        #expect(info.text("Result/SalesPaid") == info.text("Result/SalesAmount"))
        #expect(info.text("Result/CurrencyCode") == "CNY")
    }

    @Test func cancelRefundsAndCancelsLines() async throws {
        let harness = try Harness()
        let orderId = try await harness.paidOrder([("1", "0", 1), ("2", "0", 1)])
        #expect(harness.simulator.state.balance == 0)
        let customer = try await harness.customerSession()
        let cancelled = try await harness.call("CancelSalesOrder", [("sessionId", customer), ("salesId", orderId)])
        #expect(cancelled.errorCode == "Ok")
        let state = harness.simulator.state
        let order = try #require(state.order(orderId))
        #expect(state.balance == order.totalAmount)
        #expect(order.isCancelled)
        #expect(order.lines.allSatisfy { $0.statusId == LineStatus.cancelled })

        let operatorSession = try await harness.operatorSession()
        let details = try await harness.call(
            "GetSalesOrderDetailsForOperator",
            [("sessionId", operatorSession), ("salesId", orderId)]
        )
        #expect(details.text("Result/SalesOrderInfo/IsCancelled") == "true")
        #expect(details.text("Result/SalesOrderInfo/CanCancel") == "0")
        #expect(details.text("Result/SalesOrderInfo/StatusId") == "90")

        let again = try await harness.call(
            "CancelSalesOrderForOperator",
            [("sessionId", operatorSession), ("salesId", orderId)]
        )
        #expect(again.errorCode == "ValidationError")
        #expect(harness.simulator.state.balance == order.totalAmount)
    }
}
