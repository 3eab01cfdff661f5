import Foundation

extension SimulatorState {
    /// Posts a transaction on the customer's account. As in OT, `isDebit` true raises the
    /// balance (a deposit) and false lowers it.
    mutating func postTransaction(
        customerId: Int,
        amount: Decimal,
        isDebit: Bool,
        comment: String,
        transactionDate: String?,
        now: Date
    ) throws(OTFailure) -> AccountTransaction {
        guard customerId == self.customerId else {
            throw .notFound("Customer \(customerId) does not exist.")
        }
        if !isDebit && amount > balance {
            throw .validation(
                "The withdrawal of \(Money.format(amount)) exceeds the balance of \(Money.format(balance))."
            )
        }
        balance += isDebit ? amount : -amount
        let transaction = AccountTransaction(
            id: makeTransactionId(),
            date: now,
            kind: isDebit ? .deposit : .withdrawal,
            amount: isDebit ? amount : -amount,
            comment: comment,
            transactionDate: transactionDate
        )
        transactions.append(transaction)
        return transaction
    }

    /// Moves `amount` from the customer's balance to the order. A fully paid order and its
    /// lines become paid.
    mutating func reservePayment(orderId: String, amount: Decimal, now: Date) throws(OTFailure) -> Order {
        guard let index = orderIndex(orderId) else {
            throw .notFound("Order \(orderId) does not exist.")
        }
        let order = orders[index]
        if order.isCancelled {
            throw .validation("Order \(orderId) is cancelled.")
        }
        if amount > order.remainAmount {
            throw .validation(
                "The amount \(Money.format(amount)) exceeds what remains to be paid, \(Money.format(order.remainAmount))."
            )
        }
        if amount > balance {
            throw .validation(
                "The amount \(Money.format(amount)) exceeds the available balance of \(Money.format(balance))."
            )
        }
        balance -= amount
        orders[index].paidAmount += amount
        transactions.append(
            AccountTransaction(
                id: makeTransactionId(),
                date: now,
                kind: .orderPayment,
                amount: -amount,
                comment: "Payment of order \(orderId)"
            )
        )
        if orders[index].isPaid && orders[index].statusId == OrderStatus.awaitingPayment {
            orders[index].statusId = OrderStatus.paid
            for lineIndex in orders[index].lines.indices
            where orders[index].lines[lineIndex].statusId == LineStatus.awaitingPayment {
                orders[index].lines[lineIndex].statusId = LineStatus.paid
            }
        }
        return orders[index]
    }
}
