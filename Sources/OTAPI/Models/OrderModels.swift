import Foundation

/// An order's header (`SalesOrderInfo`, or `Result` of `AddOrder`). Only `Id` is required;
/// amounts and flags are nil when OT leaves them out.
public struct OrderInfo: Sendable, Equatable {
    /// `ORD-` followed by 10 digits.
    public var id: String
    public var displayId: String?
    public var statusId: Int?
    public var statusCode: String?
    /// Localised by the call's `language`: compare `statusId`, never names.
    public var statusName: String?
    public var isPaid: Bool?
    public var isCancelled: Bool?
    public var isCompleted: Bool?
    public var customerId: String?
    public var goodsAmount: Decimal?
    public var deliveryAmount: Decimal?
    public var totalAmount: Decimal?
    public var remainAmount: Decimal?
    public var paidAmount: Decimal?
    public var currencyCode: String?
    public var customerComment: String?
    public var createdDateTime: String?
    public var deliveryModeId: String?
    public var providerType: String?
    public var canCancel: Bool?
    public var canConfirmShipment: Bool?
    public var canChangeAddress: Bool?
    public var canRestore: Bool?
    public var canClose: Bool?
    public var canPurchaseItems: Bool?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.displayId = d.string("DisplayId")
        self.statusId = try d.int("StatusId")
        self.statusCode = d.string("StatusCode")
        self.statusName = d.string("StatusName")
        self.isPaid = try d.bool("IsPaid")
        self.isCancelled = try d.bool("IsCancelled")
        self.isCompleted = try d.bool("IsCompleted")
        self.customerId = d.id("CustId")
        self.goodsAmount = try d.decimal("GoodsAmount")
        self.deliveryAmount = try d.decimal("DeliveryAmount")
        self.totalAmount = try d.decimal("TotalAmount")
        self.remainAmount = try d.decimal("RemainAmount")
        self.paidAmount = try d.decimal("PaidAmount")
        self.currencyCode = d.string("CurrencyCode")
        self.customerComment = d.string("CustComment")
        self.createdDateTime = d.string("CreatedDateTime")
        self.deliveryModeId = d.string("DeliveryModeId")
        self.providerType = d.string("ProviderTypeEnum") ?? d.string("ProviderType")
        self.canCancel = try d.bool("CanCancel")
        self.canConfirmShipment = try d.bool("CanConfirmShipment")
        self.canChangeAddress = try d.bool("CanChangeAddress")
        self.canRestore = try d.bool("CanRestore")
        self.canClose = try d.bool("CanClose")
        self.canPurchaseItems = try d.bool("CanPurchaseItems")
    }
}

/// One order line (`SalesLine`). Output names differ from `AddOrder` input names:
/// `ConfigId` and `Qty`.
public struct SalesLine: Sendable, Equatable {
    /// Line statuses that mean the line will not be delivered: 12 impossible to supply,
    /// 13 cancelled.
    public static let cancelledStatusIds: Set<Int> = [12, 13]

    public var id: String
    public var itemId: String?
    public var configId: String?
    public var quantity: Int?
    public var statusId: Int?
    public var statusCode: String?
    public var statusName: String?
    public var amountCust: Decimal?
    public var priceCust: Decimal?
    /// A changed price awaiting the customer's confirmation (status 3).
    public var newPriceCust: Decimal?
    public var currencyCust: String?
    public var weight: Decimal?
    /// The order id at the provider (Taobao), set once the line is exported.
    public var vendPurchId: String?
    /// The provider's shipping waybill: the domestic tracking number.
    public var vendPurchWaybill: String?
    public var customerComment: String?
    public var operatorComment: String?

    /// Whether the line's status means it will not be delivered (12 or 13).
    public var isCancelledStatus: Bool {
        self.statusId.map(Self.cancelledStatusIds.contains) ?? false
    }

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.itemId = d.id("ItemId")
        self.configId = d.id("ConfigId")
        self.quantity = try d.int("Qty")
        self.statusId = try d.int("StatusId")
        self.statusCode = d.string("StatusCode")
        self.statusName = d.string("StatusName")
        self.amountCust = try d.decimal("AmountCust")
        self.priceCust = try d.decimal("PriceCust")
        self.newPriceCust = try d.decimal("NewPriceCust")
        self.currencyCust = d.string("CurrencyCust")
        self.weight = try d.weight("Weight")
        self.vendPurchId = d.string("VendPurchId")
        self.vendPurchWaybill = d.string("VendPurchWaybill")
        self.customerComment = d.string("CustComment") ?? d.string("Comment")
        self.operatorComment = d.string("OperatorComment")
    }
}

/// `GetSalesOrderDetails(ForOperator)`: the header and every line OT returned, cancelled
/// lines included.
public struct OrderDetails: Sendable, Equatable {
    public var order: OrderInfo
    public var lines: [SalesLine]

    init(_ result: OTNodeDecoder) throws(OTAPIError) {
        self.order = try OrderInfo(result.requiredChild("SalesOrderInfo"))
        var lines: [SalesLine] = []
        for line in result.list(wrapper: "SalesLinesList", item: "SalesLine") {
            lines.append(try SalesLine(line))
        }
        self.lines = lines
    }
}

/// One page of `SearchOrders`.
public struct OrderSearchResult: Sendable, Equatable {
    public var orders: [OrderInfo]
    public var totalCount: Int?

    init(_ result: OTNodeDecoder) throws(OTAPIError) {
        var orders: [OrderInfo] = []
        for item in result.list(wrapper: "Content", item: "Item") {
            orders.append(try OrderInfo(item))
        }
        self.orders = orders
        self.totalCount = try result.int("TotalCount")
    }
}

/// An entry of a status dictionary (`GetOrderStatusList`).
public struct StatusInfo: Sendable, Equatable {
    public var id: String
    public var name: String?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.name = d.string("Name")
    }
}

/// A shipment package of an order; `deliveryTrackingNumber` is the international tracking
/// number.
public struct SalesPackage: Sendable, Equatable {
    public var id: String
    public var deliveryTrackingNumber: String?
    public var statusId: Int?
    public var statusCode: String?
    public var statusName: String?
    public var weight: Decimal?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.deliveryTrackingNumber = d.string("DeliveryTrackingNum") ?? d.string("MailTrackingNum")
        self.statusId = try d.int("StatusId")
        self.statusCode = d.string("StatusCode")
        self.statusName = d.string("StatusName")
        self.weight = try d.weight("Weight")
    }
}
