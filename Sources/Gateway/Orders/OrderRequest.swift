import Foundation

/// Limits of the `POST /orders` body. A test pins each value.
public enum OrderLimits {
    /// The route's body limit (256 KiB); larger bodies get 413 `payload_too_large`.
    public static let maxBodyBytes = 256 * 1024
    public static let lineCount = 1...200
    public static let itemIDLength = 1...128
    public static let configurationIDLength = 1...64
    public static let quantity = 1...10_000
    /// The maximum length of an order or line comment, in Unicode scalars.
    public static let maxCommentLength = 1_000
    public static let externalIDLength = 1...64
    /// The longest `deliveryModeId`, `userProfileId` or `promotionId`.
    public static let maxOptionalIDLength = 64
}

/// What the shop does when OT leaves some lines out of a new order.
public enum PartialOrderPolicy: String, Sendable, Equatable {
    /// Cancel the OT order and respond with 409 `partial_order_cancelled` (the default).
    case cancel
    /// Keep the order and respond with 201 and `rejectedLines`.
    case accept
}

/// One validated line of a `POST /orders` body.
public struct OrderRequestLine: Sendable, Equatable {
    public var itemID: String
    /// `"0"` for an item without options.
    public var configurationID: String
    public var quantity: Int
    public var weight: Decimal?
    public var comment: String?
    public var promotionID: String?

    public init(
        itemID: String,
        configurationID: String,
        quantity: Int,
        weight: Decimal? = nil,
        comment: String? = nil,
        promotionID: String? = nil
    ) {
        self.itemID = itemID
        self.configurationID = configurationID
        self.quantity = quantity
        self.weight = weight
        self.comment = comment
        self.promotionID = promotionID
    }
}

/// A validated `POST /orders` body.
public struct OrderRequest: Sendable, Equatable {
    public var externalID: String?
    public var comment: String?
    public var lines: [OrderRequestLine]
    public var onPartial: PartialOrderPolicy
    /// Overrides `OTGW_DELIVERY_MODE_ID` when set.
    public var deliveryModeID: String?
    /// Overrides `OTGW_USER_PROFILE_ID` (or the customer's first profile) when set.
    public var userProfileID: String?

    public init(
        externalID: String? = nil,
        comment: String? = nil,
        lines: [OrderRequestLine],
        onPartial: PartialOrderPolicy = .cancel,
        deliveryModeID: String? = nil,
        userProfileID: String? = nil
    ) {
        self.externalID = externalID
        self.comment = comment
        self.lines = lines
        self.onPartial = onPartial
        self.deliveryModeID = deliveryModeID
        self.userProfileID = userProfileID
    }
}
