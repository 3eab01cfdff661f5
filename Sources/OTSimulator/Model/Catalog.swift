import CCrypto
import Foundation

/// The simulated marketplace catalog: every well-formed item id exists, with a price derived
/// from the id, and documented prefixes make AddOrder drop the line for one of OT's four
/// reasons.
public enum Catalog {
    /// Why AddOrder cannot order a line; OT drops such lines without saying which reason.
    public enum Unavailability: String, Sendable, CaseIterable {
        case itemGone = "gone-"
        case configurationGone = "noconf-"
        case sellerGone = "noseller-"
        case badField = "badfield-"
    }

    public static let tmallPrefix = "tmall-"
    static let lowestPriceCents: UInt64 = 1_000
    static let highestPriceCents: UInt64 = 50_000

    /// Whether `id` is 1 to 128 characters with no control characters and not only spaces.
    public static func isWellFormedId(_ id: String) -> Bool {
        guard (1...SimulatorConfiguration.Defaults.maxItemIdLength).contains(id.count) else { return false }
        let hasControl = id.unicodeScalars.contains { $0.properties.generalCategory == .control }
        return !hasControl && !id.allSatisfy(\.isWhitespace)
    }

    public static func unavailability(of itemId: String) -> Unavailability? {
        Unavailability.allCases.first { itemId.hasPrefix($0.rawValue) }
    }

    public static func isTmall(_ itemId: String) -> Bool {
        itemId.hasPrefix(tmallPrefix)
    }

    /// A price between 10.00 and 500.00 that depends only on the item id.
    public static func price(of itemId: String) -> Decimal {
        let span = highestPriceCents - lowestPriceCents + 1
        let cents = lowestPriceCents + hash(itemId) % span
        return Decimal(cents) / 100
    }

    /// The configuration ids item info offers for an item; AddOrder accepts these and any other
    /// well-formed id, because a real item's configurations are not known in advance.
    public static func configurationIds(of itemId: String) -> [String] {
        let base = 4_000_000_000_000 + hash(itemId + "#config") % 1_000_000_000
        return [String(base), String(base + 1)]
    }

    static func hash(_ text: String) -> UInt64 {
        var digest = [UInt8](repeating: 0, count: 32)
        let bytes = Array(text.utf8)
        _ = gw_sha256(bytes, bytes.count, &digest)
        return digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
