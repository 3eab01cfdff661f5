import Foundation

extension OTAPIClient {
    /// `GetSalesPaymentInfo` (operator session).
    public func getSalesPaymentInfo(salesId: String) async throws(OTAPIError) -> SalesPaymentInfo {
        let method = OTMethod.getSalesPaymentInfo
        let envelope = try await self.perform(OTCall(method, [OTParameter(OTParameterName.salesId, salesId)]))
        return try SalesPaymentInfo(self.result(envelope, method))
    }

    /// `PostTransaction` (operator session, write): moves `amount` (in the instance's internal
    /// currency) on a customer's account. `isDebit == true` tops the account up and `false`
    /// withdraws, the opposite of what the name suggests. Put a unique payment id in `comment`
    /// so that a deposit whose response was lost can be found in the statement.
    public func postTransaction(
        customerId: String,
        amount: Decimal,
        isDebit: Bool,
        comment: String,
        transactionDate: Date
    ) async throws(OTAPIError) {
        try self.checkAmount(amount, field: OTParameterName.amount)
        let call = OTCall(
            .postTransaction,
            [
                OTParameter(OTParameterName.customerId, customerId),
                OTParameter(OTParameterName.amount, OTWireFormat.money(amount)),
                OTParameter(OTParameterName.comment, comment),
                OTParameter(OTParameterName.isDebit, OTWireFormat.bool(isDebit)),
                OTParameter(OTParameterName.transactionDate, OTWireFormat.dateTime(transactionDate)),
            ]
        )
        _ = try await self.perform(call)
    }

    /// `SalesPaymentReserve` (operator session, write): pays `amount` of the order from the
    /// customer's account. There is no currency parameter.
    public func salesPaymentReserve(salesId: String, amount: Decimal) async throws(OTAPIError) -> SalesPaymentInfo {
        try self.checkAmount(amount, field: OTParameterName.amount)
        let method = OTMethod.salesPaymentReserve
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.salesId, salesId),
                OTParameter(OTParameterName.amount, OTWireFormat.money(amount)),
            ]
        )
        return try SalesPaymentInfo(self.result(await self.perform(call), method))
    }

    /// `GetStatementForOperator` (operator session): a customer's transactions; a nil bound
    /// is sent empty, which OT reads as "no limit".
    public func getStatementForOperator(
        customerId: String,
        fromDate: Date? = nil,
        toDate: Date? = nil
    ) async throws(OTAPIError) -> AccountStatement {
        let method = OTMethod.getStatementForOperator
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.customerId, customerId),
                OTParameter(OTParameterName.fromDate, fromDate.map(OTWireFormat.dateTime) ?? ""),
                OTParameter(OTParameterName.toDate, toDate.map(OTWireFormat.dateTime) ?? ""),
            ]
        )
        return try AccountStatement(self.result(await self.perform(call), method))
    }
}
