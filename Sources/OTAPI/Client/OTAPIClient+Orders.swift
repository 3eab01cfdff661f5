/// The line selection of `GetSalesOrderDetailsForOperator` (its `queryType`).
public enum OrderLinesQuery: Int, Sendable {
    case all = 0
    /// Lines in statuses 2 (paid) and 3 (price changed).
    case readyToPurchase = 1
    /// Lines in statuses 6 to 10.
    case purchased = 2
}

extension OTAPIClient {
    /// `AddOrder` (customer session, write): creates an order from items. A transport failure
    /// after sending throws `outcomeUnknown`; look the order up before adding it again.
    public func addOrder(_ data: OrderAddData) async throws(OTAPIError) -> OrderInfo {
        let method = OTMethod.addOrder
        let xml = try self.xml(data)
        let envelope = try await self.perform(OTCall(method, [OTParameter(OTParameterName.xmlAddData, xml)]))
        let result = try self.result(envelope, method)
        return try OrderInfo(result.child("SalesOrderInfo") ?? result)
    }

    /// `GetSalesOrderDetails` (customer session).
    public func getSalesOrderDetails(salesId: String) async throws(OTAPIError) -> OrderDetails {
        let method = OTMethod.getSalesOrderDetails
        let envelope = try await self.perform(OTCall(method, [OTParameter(OTParameterName.salesId, salesId)]))
        return try OrderDetails(self.result(envelope, method))
    }

    /// `GetSalesOrderDetailsForOperator` (operator session); `filter` is always sent empty.
    public func getSalesOrderDetailsForOperator(
        salesId: String,
        queryType: OrderLinesQuery = .all
    ) async throws(OTAPIError) -> OrderDetails {
        let method = OTMethod.getSalesOrderDetailsForOperator
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.salesId, salesId),
                OTParameter(OTParameterName.filter, ""),
                OTParameter(OTParameterName.queryType, String(queryType.rawValue)),
            ]
        )
        return try OrderDetails(self.result(await self.perform(call), method))
    }

    /// `SearchOrders` (operator session): one page of orders matching `parameters`.
    public func searchOrders(
        _ parameters: OrderSearchParameters,
        framePosition: Int = 0,
        frameSize: Int = 100
    ) async throws(OTAPIError) -> OrderSearchResult {
        let method = OTMethod.searchOrders
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.xmlSearchParameters, try self.xml(parameters)),
                OTParameter(OTParameterName.framePosition, String(framePosition)),
                OTParameter(OTParameterName.frameSize, String(frameSize)),
            ]
        )
        return try OrderSearchResult(self.result(await self.perform(call), method))
    }

    /// `CancelSalesOrder` (customer session, write).
    public func cancelSalesOrder(salesId: String) async throws(OTAPIError) {
        _ = try await self.perform(OTCall(.cancelSalesOrder, [OTParameter(OTParameterName.salesId, salesId)]))
    }

    /// `CancelSalesOrderForOperator` (operator session, write).
    public func cancelSalesOrderForOperator(salesId: String) async throws(OTAPIError) {
        _ = try await self.perform(
            OTCall(.cancelSalesOrderForOperator, [OTParameter(OTParameterName.salesId, salesId)])
        )
    }

    /// `GetOrderStatusList` (operator session): order status ids and localised names.
    public func getOrderStatusList() async throws(OTAPIError) -> [StatusInfo] {
        let method = OTMethod.getOrderStatusList
        let result = try self.result(await self.perform(OTCall(method, [])), method)
        var statuses: [StatusInfo] = []
        for item in self.items(result, shapes: [(nil, "SalesStatusInfo"), ("Content", "Item"), (nil, "Item")]) {
            statuses.append(try StatusInfo(item))
        }
        return statuses
    }

    /// `GetSalesPackageList` (operator session): packages with international tracking numbers.
    public func getSalesPackageList(salesId: String) async throws(OTAPIError) -> [SalesPackage] {
        let method = OTMethod.getSalesPackageList
        let envelope = try await self.perform(OTCall(method, [OTParameter(OTParameterName.salesId, salesId)]))
        let result = try self.result(envelope, method)
        var packages: [SalesPackage] = []
        let shapes: [(wrapper: String?, item: String)] = [
            ("Content", "Item"), (nil, "SalesShippingInfo"), (nil, "Package"), (nil, "Item"),
        ]
        for item in self.items(result, shapes: shapes) {
            packages.append(try SalesPackage(item))
        }
        return packages
    }
}
