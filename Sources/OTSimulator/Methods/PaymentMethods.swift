import Foundation

/// The customer's account: deposits, reservations and the statement.
enum PaymentMethods {
    static let all: [(String, MethodSpec)] = [
        ("PostTransaction", MethodSpec(answerType: "VoidOtapiAnswer", session: .operator, run: postTransaction)),
        (
            "SalesPaymentReserve",
            MethodSpec(answerType: "OtapiSalesPaymentInfoAnswer", session: .operator, run: reserve)
        ),
        ("GetSalesPaymentInfo", MethodSpec(answerType: "OtapiSalesPaymentInfoAnswer", session: .any, run: paymentInfo)),
        (
            "GetStatementForOperator",
            MethodSpec(answerType: "OtapiAccountStatementAdministrationAnswer", session: .operator, run: statement)
        ),
    ]

    static func postTransaction(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let customerId = try context.parameters.requiredInt("customerId")
        let amount = try context.parameters.requiredAmount("amount")
        let isDebit = try context.parameters.requiredBool("isDebit")
        _ = try state.postTransaction(
            customerId: customerId,
            amount: amount,
            isDebit: isDebit,
            comment: context.parameters["comment"] ?? "",
            transactionDate: context.parameters.optional("transactionDate"),
            now: context.now
        )
        return []
    }

    static func reserve(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let orderId = try context.parameters.requiredOrderId()
        let amount = try context.parameters.requiredAmount("amount")
        let order = try state.reservePayment(orderId: orderId, amount: amount, now: context.now)
        return [info(order, state: state)]
    }

    static func paymentInfo(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let order = try OrderMethods.existingOrder(state, context)
        return [info(order, state: state)]
    }

    static func info(_ order: Order, state: SimulatorState) -> XMLNode {
        XMLNode(
            "Result",
            children: [
                XMLNode("SalesId", text: order.id),
                XMLNode("CustId", text: String(order.customerId)),
                XMLNode("CustBalanceAvail", text: Money.format(state.balance)),
                XMLNode("SalesAmount", text: Money.format(order.totalAmount)),
                XMLNode("SalesPaid", text: Money.format(order.paidAmount)),
                XMLNode("CurrencyCode", text: state.currencyCode),
            ]
        )
    }

    static func statement(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let customerId = try context.parameters.requiredInt("customerId")
        guard customerId == state.customerId else {
            throw .notFound("Customer \(customerId) does not exist.")
        }
        let from = try date(context, "fromDate")
        let to = try date(context, "toDate")

        let before = state.transactions.filter { from != nil && $0.date < from! }
        let listed = state.transactions.filter { transaction in
            (from == nil || transaction.date >= from!) && (to == nil || transaction.date <= to!)
        }
        let start = before.reduce(Decimal(0)) { $0 + $1.amount }
        let debit = listed.filter { $0.amount > 0 }.reduce(Decimal(0)) { $0 + $1.amount }
        let credit = listed.filter { $0.amount < 0 }.reduce(Decimal(0)) { $0 - $1.amount }
        let end = start + debit - credit

        let currency = state.currencyCode
        let header = XMLNode(
            "Header",
            children: [
                XMLNode("StartBalanceInternal", text: Money.format(start)),
                XMLNode("DebitInternal", text: Money.format(debit)),
                XMLNode("CreditInternal", text: Money.format(credit)),
                XMLNode("EndBalanceInternal", text: Money.format(end)),
                XMLNode("CurrencyCodeInternal", text: currency),
                XMLNode("StartBalanceCust", text: Money.format(start)),
                XMLNode("DebitCust", text: Money.format(debit)),
                XMLNode("CreditCust", text: Money.format(credit)),
                XMLNode("EndBalanceCust", text: Money.format(end)),
                XMLNode("CurrencyCodeCust", text: currency),
                XMLNode("TransCount", listed.count),
            ]
        )

        let transactions = listed.map { transaction in
            XMLNode(
                "TransInfo",
                children: [
                    XMLNode("TransId", text: transaction.id),
                    XMLNode("TransDate", text: Timestamps.formatISO(transaction.date)),
                    XMLNode("TransactionDateTime", text: Timestamps.formatISO(transaction.date)),
                    XMLNode("Comment", text: transaction.comment),
                    XMLNode("TransactionType", text: transaction.kind.rawValue),
                    XMLNode("AmountInternal", text: Money.format(transaction.amount)),
                    XMLNode("CurrencyCodeInternal", text: currency),
                    XMLNode("AmountCust", text: Money.format(transaction.amount)),
                    XMLNode("CurrencyCodeCust", text: currency),
                    XMLNode("UserId", text: String(state.customerId)),
                    XMLNode("UserLogin", text: context.configuration.customerLogin),
                ]
            )
        }
        return [XMLNode("Result", children: [header, XMLNode("TransList", children: transactions)])]
    }

    private static func date(_ context: CallContext, _ name: String) throws(OTFailure) -> Date? {
        guard let text = context.parameters.optional(name) else { return nil }
        guard let date = Timestamps.parseLoose(text) else {
            throw .invalidInput(name, "must be a date such as 2026-12-04 or 2026-12-04T10:00:00, got \(text)")
        }
        // A bare date as the upper bound includes that whole day.
        if name == "toDate" && text.count == 10 {
            return date.addingTimeInterval(86_399)
        }
        return date
    }
}
