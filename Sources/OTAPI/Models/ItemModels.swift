import Foundation

/// The parts of an item's full info the gateway checks before ordering.
public struct ItemInfo: Sendable, Equatable {
    public static let tmallFeature = "Tmall"

    public var id: String
    public var title: String?
    public var providerType: String?
    /// Texts of `Features/Feature` (or their `Name` attribute).
    public var features: [String]
    /// Whether the item is a Tmall item, which autopurchase cannot buy: a `Tmall` feature,
    /// a true `IsTmall` element, or a `Tmall` provider or stuff status.
    public var isTmall: Bool

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.title = d.string("Title") ?? d.string("OriginalTitle")
        self.providerType = d.string("ProviderType")
        var features: [String] = []
        for feature in d.list(wrapper: "Features", item: "Feature") {
            let text = feature.node.text.isEmpty ? (feature.node.attributes["Name"] ?? "") : feature.node.text
            if !text.isEmpty { features.append(text) }
        }
        self.features = features
        let flagged = (try? d.bool("IsTmall")) ?? nil
        let tmall = Self.tmallFeature.lowercased()
        self.isTmall =
            flagged == true
            || features.contains { $0.lowercased() == tmall }
            || self.providerType?.lowercased() == tmall
            || d.string("StuffStatus")?.lowercased() == tmall
    }
}
