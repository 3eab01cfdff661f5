import Foundation

/// The languages of the gateway's pages.
public enum PageLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case russian = "ru"

    /// Picks the language from `?lang=` when it names one, else from `Accept-Language`
    /// (the supported language with the highest `q`, earlier wins a tie), else English.
    public static func choose(query: String?, acceptLanguage: String?) -> PageLanguage {
        if let query, let chosen = PageLanguage(rawValue: query.lowercased()) {
            return chosen
        }
        guard let acceptLanguage else { return .english }
        var best: (language: PageLanguage, quality: Double)?
        for range in acceptLanguage.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = PageLanguage(rawValue: primary) else { continue }
            let quality = parts.dropFirst().compactMap(Self.quality).first ?? 1
            if quality > 0, quality > (best?.quality ?? 0) {
                best = (language, quality)
            }
        }
        return best?.language ?? .english
    }

    private static func quality(_ parameter: String) -> Double? {
        let pieces = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.count == 2, pieces[0].lowercased() == "q" else { return nil }
        return Double(pieces[1]).map { min(max($0, 0), 1) }
    }
}
