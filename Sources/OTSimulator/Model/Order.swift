import Foundation

/// One order line as OT stores it.
public struct OrderLine: Sendable, Codable, Equatable {
    public var id: String
    public var lineNumber: Int
    public var itemId: String
    public var configurationId: String
    public var quantity: Int
    public var price: Decimal
    public var statusId: Int
    public var comment: String?
    public var isTmall: Bool
    /// The order id at the provider, set when an export books the line.
    public var providerOrderId: String?
    /// The provider's domestic tracking number, set by a synchronisation after booking.
    public var providerWaybill: String?
    public var providerAccountName: String?

    public var amount: Decimal { price * Decimal(quantity) }
}

/// An international package of an order.
public struct Package: Sendable, Codable, Equatable {
    public var id: String
    public var trackingNumber: String
    public var createdAt: Date
    public var lineIds: [String]
}

/// One OT order with its money and lines.
public struct Order: Sendable, Codable, Equatable {
    public var id: String
    public var customerId: Int
    public var createdAt: Date
    public var statusId: Int
    public var comment: String
    public var deliveryModeId: String
    public var deliveryAmount: Decimal
    public var userProfileId: Int
    public var lines: [OrderLine]
    /// Money reserved for this order from the customer's balance.
    public var paidAmount: Decimal = 0
    public var isCancelled = false
    public var isExported = false
    public var packages: [Package] = []

    public var goodsAmount: Decimal { lines.reduce(Decimal(0)) { $0 + $1.amount } }
    public var totalAmount: Decimal { goodsAmount + deliveryAmount }
    /// What is still to be paid; nothing is owed on a cancelled order.
    public var remainAmount: Decimal { isCancelled ? 0 : max(0, totalAmount - paidAmount) }
    public var isPaid: Bool { !isCancelled && paidAmount >= totalAmount }
    public var canCancel: Bool { !isCancelled && !isExported }
}
