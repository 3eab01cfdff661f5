import Foundation

/// Builds the XML documents OT takes inside one form field. Each type turns into an
/// `OTXMLNode` tree and then into text through `OTXMLWriter`, so every value is escaped.
public protocol OTXMLParameter: Sendable {
    var xmlNode: OTXMLNode { get }
}

extension OTXMLParameter {
    /// Serialises the document compactly, without an XML declaration.
    public func xmlString() throws(OTXMLWriteError) -> String {
        try OTXMLWriter.string(self.xmlNode)
    }
}

extension OTXMLNode {
    /// Makes a leaf element. A nil value makes an empty element, which the writer omits.
    static func leaf(_ name: String, _ value: String?) -> OTXMLNode {
        OTXMLNode(name: name, text: value ?? "")
    }
}

/// One line of `OrderAddData`. Input names differ from the order answer's names:
/// `ConfigurationId`/`Quantity` here, `ConfigId`/`Qty` on sales lines.
public struct OrderAddItem: Sendable, Equatable {
    /// The OT item id (for example a Taobao id), not a basket element id.
    public var itemId: String
    public var configurationId: String?
    public var quantity: Int
    public var weight: Decimal?
    public var comment: String?
    public var promotionId: String?
    public var priceType: String?

    public init(
        itemId: String,
        configurationId: String? = nil,
        quantity: Int,
        weight: Decimal? = nil,
        comment: String? = nil,
        promotionId: String? = nil,
        priceType: String? = nil
    ) {
        self.itemId = itemId
        self.configurationId = configurationId
        self.quantity = quantity
        self.weight = weight
        self.comment = comment
        self.promotionId = promotionId
        self.priceType = priceType
    }
}

/// The `xmlAddData` of `AddOrder` (root `OrderAddData`).
public struct OrderAddData: OTXMLParameter, Equatable {
    public var deliveryModeId: String
    public var userProfileId: String?
    /// Omitted when nil or empty: OT cannot store an empty comment.
    public var comment: String?
    public var items: [OrderAddItem]

    public init(deliveryModeId: String, userProfileId: String?, comment: String?, items: [OrderAddItem]) {
        self.deliveryModeId = deliveryModeId
        self.userProfileId = userProfileId
        self.comment = comment
        self.items = items
    }

    public var xmlNode: OTXMLNode {
        let items = self.items.map { item in
            OTXMLNode(
                name: "Item",
                children: [
                    .leaf("Id", item.itemId),
                    .leaf("ConfigurationId", item.configurationId),
                    .leaf("Quantity", String(item.quantity)),
                    .leaf("Weight", item.weight.map(OTWireFormat.decimal)),
                    .leaf("Comment", item.comment),
                    .leaf("PromotionId", item.promotionId),
                    .leaf("PriceType", item.priceType),
                ]
            )
        }
        return OTXMLNode(
            name: "OrderAddData",
            children: [
                .leaf("DeliveryModeId", self.deliveryModeId),
                .leaf("UserProfileId", self.userProfileId),
                .leaf("Comment", self.comment),
                OTXMLNode(name: "Items", children: items),
            ]
        )
    }
}

/// The `xmlParameters` of `RunOrderExportingToProvider` (root `Parameters`): one order, and
/// optionally only some of its lines.
public struct OrderExportParameters: OTXMLParameter, Equatable {
    public var orderId: String
    /// Empty exports every line the provider can take.
    public var orderLineIds: [String]

    public init(orderId: String, orderLineIds: [String] = []) {
        self.orderId = orderId
        self.orderLineIds = orderLineIds
    }

    public var xmlNode: OTXMLNode {
        OTXMLNode(
            name: "Parameters",
            children: [
                .leaf("OrderId", self.orderId),
                OTXMLNode(name: "OrderLineIds", children: self.orderLineIds.map { .leaf("Id", $0) }),
            ]
        )
    }
}

/// The `xmlParameters` of `RunOrdersSynchronizingWithProvider` (root `Parameters`).
public struct OrdersSynchronizationParameters: OTXMLParameter, Equatable {
    public var orderIds: [String]

    public init(orderIds: [String]) {
        self.orderIds = orderIds
    }

    public var xmlNode: OTXMLNode {
        OTXMLNode(
            name: "Parameters",
            children: [OTXMLNode(name: "OrderIds", children: self.orderIds.map { .leaf("Id", $0) })]
        )
    }
}

/// The `xmlSearchParameters` of `SearchOrders` (root `OrderSearchParameters`).
public struct OrderSearchParameters: OTXMLParameter, Equatable {
    public var orderId: String?
    public var orderIds: [String]
    public var statusIds: [Int]
    public var creationDateFrom: Date?
    public var creationDateTo: Date?
    public var userIds: [String]
    public var providerType: String?
    public var deliveryModeIds: [String]

    public init(
        orderId: String? = nil,
        orderIds: [String] = [],
        statusIds: [Int] = [],
        creationDateFrom: Date? = nil,
        creationDateTo: Date? = nil,
        userIds: [String] = [],
        providerType: String? = nil,
        deliveryModeIds: [String] = []
    ) {
        self.orderId = orderId
        self.orderIds = orderIds
        self.statusIds = statusIds
        self.creationDateFrom = creationDateFrom
        self.creationDateTo = creationDateTo
        self.userIds = userIds
        self.providerType = providerType
        self.deliveryModeIds = deliveryModeIds
    }

    public var xmlNode: OTXMLNode {
        // NOTE: the separator of UserIdDelimitedList is not published; ";" follows the
        // other delimited lists of the OT contract (orderLineIds).
        OTXMLNode(
            name: "OrderSearchParameters",
            children: [
                .leaf("Id", self.orderId),
                OTXMLNode(name: "OrderIds", children: self.orderIds.map { .leaf("Id", $0) }),
                OTXMLNode(name: "StatusIdList", children: self.statusIds.map { .leaf("Id", String($0)) }),
                .leaf("CreationDateFrom", self.creationDateFrom.map(OTWireFormat.dateTime)),
                .leaf("CreationDateTo", self.creationDateTo.map(OTWireFormat.dateTime)),
                .leaf("UserIdDelimitedList", self.userIds.isEmpty ? nil : self.userIds.joined(separator: ";")),
                .leaf("ProviderType", self.providerType),
                OTXMLNode(name: "DeliveryModeIds", children: self.deliveryModeIds.map { .leaf("Id", $0) }),
            ]
        )
    }
}
