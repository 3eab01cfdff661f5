import Foundation

/// Autopurchase support of a provider (Taobao, 1688, ...).
public struct OrdersIntegrationInfo: Sendable, Equatable {
    public var isAvailable: Bool?
    /// Autopurchase is usable only when this is true.
    public var isEnabled: Bool?
    public var isSessionRequired: Bool?
    public var allowCancelOrders: Bool?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.isAvailable = try d.bool("IsAvailable")
        self.isEnabled = try d.bool("IsEnabled")
        self.isSessionRequired = try d.bool("IsSessionRequired")
        self.allowCancelOrders = try d.bool("AllowCancelOrders")
    }
}

/// `GetProviderInfo`.
public struct ProviderInfo: Sendable, Equatable {
    public var type: String?
    public var displayName: String?
    public var isEnabled: Bool?
    /// Nil when OT's response has no `OrdersIntegration` block.
    public var ordersIntegration: OrdersIntegrationInfo?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.type = d.string("Type")
        self.displayName = d.string("DisplayName")
        self.isEnabled = try d.bool("IsEnabled")
        self.ordersIntegration = try d.child("OrdersIntegration").map { child throws(OTAPIError) in
            try OrdersIntegrationInfo(child)
        }
    }
}

/// `GetProviderOrdersIntegrationSettings`: the warehouse recipient that autopurchase ships
/// provider orders to.
///
/// NOTE: the element names inside the `Taobao` block are not published. Each field takes the
/// first element found anywhere in the block under any of the candidate names below, so the
/// reading must be verified against a live response.
public struct ProviderIntegrationSettings: Sendable, Equatable {
    static let nameCandidates = ["RecipientName", "ReceiverName", "ContactName", "FullName", "Name"]
    static let phoneCandidates = ["Phone", "RecipientPhone", "ReceiverPhone", "Telephone"]
    static let mobileCandidates = ["Mobile", "MobilePhone", "RecipientMobile", "ReceiverMobile", "CellPhone"]
    static let regionCodeCandidates = ["RegionCode", "AreaCode", "DivisionCode", "RegionId", "AreaId"]
    static let postalCodeCandidates = ["PostalCode", "PostCode", "ZipCode", "Zip"]
    static let addressCandidates = ["Address", "DetailAddress", "AddressDetail", "Street", "AddressLine"]

    public var recipientName: String?
    public var phone: String?
    public var mobile: String?
    public var regionCode: String?
    public var postalCode: String?
    public var address: String?
    /// The whole `Taobao` block (or `Result` when there is none), for display and diagnosis.
    public var raw: OTXMLNode

    init(_ result: OTNodeDecoder) {
        let block = result.node.child("Taobao") ?? result.node
        self.raw = block
        self.recipientName = Self.find(Self.nameCandidates, in: block)
        self.phone = Self.find(Self.phoneCandidates, in: block)
        self.mobile = Self.find(Self.mobileCandidates, in: block)
        self.regionCode = Self.find(Self.regionCodeCandidates, in: block)
        self.postalCode = Self.find(Self.postalCodeCandidates, in: block)
        self.address = Self.find(Self.addressCandidates, in: block)
    }

    /// Depth-first: the first candidate name that has non-empty text anywhere below `node`.
    static func find(_ names: [String], in node: OTXMLNode) -> String? {
        for name in names {
            if let text = self.firstText(named: name, in: node) { return text }
        }
        return nil
    }

    private static func firstText(named name: String, in node: OTXMLNode) -> String? {
        for child in node.children {
            if child.name == name, !child.text.isEmpty { return child.text }
            if let found = self.firstText(named: name, in: child) { return found }
        }
        return nil
    }
}

/// A logged-in marketplace account that autopurchase can use (`providerSessionId`).
/// OT publishes no expiry for it.
public struct ProviderSession: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var balanceAmount: Decimal?
    public var balanceCurrencyCode: String?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.name = d.string("Name")
        let balance = d.child("Balance")
        self.balanceAmount = try balance?.decimal("Amount")
        self.balanceCurrencyCode = balance?.string("CurrencyCode")
    }
}

/// `GetProviderOrdersIntegrationSessionAuthenticationInfo`: where the operator logs in.
public struct ProviderAuthenticationInfo: Sendable, Equatable {
    public var redirectURL: String

    init(_ result: OTNodeDecoder) throws(OTAPIError) {
        self.redirectURL = try result.requiredString("RedirectUrl")
    }
}
