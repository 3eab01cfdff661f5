import Foundation

/// Payment state from `GetSalesPaymentInfo` and `SalesPaymentReserve`: the customer's
/// available balance and the amount paid on the order.
public struct SalesPaymentInfo: Sendable, Equatable {
    public var salesId: String?
    public var customerId: String?
    /// Money available on the customer's account.
    public var customerBalanceAvailable: Decimal
    public var salesAmount: Decimal?
    public var salesPaid: Decimal?
    public var currencyCode: String?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.salesId = d.id("SalesId")
        self.customerId = d.id("CustId")
        self.customerBalanceAvailable = try d.requiredDecimal("CustBalanceAvail")
        self.salesAmount = try d.decimal("SalesAmount")
        self.salesPaid = try d.decimal("SalesPaid")
        self.currencyCode = d.string("CurrencyCode")
    }
}

/// One transaction of a customer's account statement.
public struct AccountTransaction: Sendable, Equatable {
    public var id: String?
    /// `TransactionDateTime` when present, otherwise `TransDate`, as OT wrote it.
    public var date: String?
    /// Written by the poster; the gateway puts a unique payment id here to find lost deposits.
    public var comment: String?
    public var transactionType: String?
    public var amountInternal: Decimal?
    public var currencyCodeInternal: String?
    public var amountCust: Decimal?
    public var currencyCodeCust: String?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = d.id("TransId")
        self.date = d.string("TransactionDateTime") ?? d.string("TransDate")
        self.comment = d.string("Comment")
        self.transactionType = d.string("TransactionType")
        self.amountInternal = try d.decimal("AmountInternal")
        self.currencyCodeInternal = d.string("CurrencyCodeInternal")
        self.amountCust = try d.decimal("AmountCust")
        self.currencyCodeCust = d.string("CurrencyCodeCust")
    }
}

/// `GetStatementForOperator`: balances and transactions of one customer.
public struct AccountStatement: Sendable, Equatable {
    public var startBalanceInternal: Decimal?
    public var endBalanceInternal: Decimal?
    public var currencyCodeInternal: String?
    public var transactions: [AccountTransaction]

    init(_ result: OTNodeDecoder) throws(OTAPIError) {
        let header = result.child("Header")
        self.startBalanceInternal = try header?.decimal("StartBalanceInternal")
        self.endBalanceInternal = try header?.decimal("EndBalanceInternal")
        self.currencyCodeInternal = header?.string("CurrencyCodeInternal")
        var transactions: [AccountTransaction] = []
        for item in result.list(wrapper: "TransList", item: "TransInfo") {
            transactions.append(try AccountTransaction(item))
        }
        self.transactions = transactions
    }
}
