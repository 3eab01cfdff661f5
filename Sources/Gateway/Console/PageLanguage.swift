import Foundation
import HTTPServer

/// The language of the operator pages: `?lang=` wins, then the language cookie, then
/// `Accept-Language`, then English.
public enum PageLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case russian = "ru"

    static let cookieName = "otgw_lang"
    static let cookieMaxAgeSeconds = 365 * 24 * 3600
    static let fallback = PageLanguage.english

    struct Choice: Sendable, Equatable {
        var language: PageLanguage
        /// Set when the request asked for a language with `?lang=`; the response then stores it
        /// in the cookie.
        var fromQuery: Bool
    }

    static func choose(for request: Request) -> Choice {
        let query = request.rawQuery.flatMap { PercentDecoding.queryItems($0) } ?? []
        if let asked = query.last(where: { $0.name == "lang" }), let language = PageLanguage(rawValue: asked.value) {
            return Choice(language: language, fromQuery: true)
        }
        if let stored = Cookies.value(named: self.cookieName, in: request),
            let language = PageLanguage(rawValue: stored)
        {
            return Choice(language: language, fromQuery: false)
        }
        let accepted = self.fromAcceptLanguage(request.headers["Accept-Language"] ?? "")
        return Choice(language: accepted ?? self.fallback, fromQuery: false)
    }

    /// Picks the language from a `lang` query value when it names one, else from
    /// `Accept-Language`, else English; for pages that keep no language cookie.
    static func choose(query: String?, acceptLanguage: String?) -> PageLanguage {
        if let query, let chosen = PageLanguage(rawValue: query.lowercased()) {
            return chosen
        }
        return self.fromAcceptLanguage(acceptLanguage ?? "") ?? self.fallback
    }

    /// Returns the supported language with the highest `q` in an `Accept-Language` value, the
    /// first listed on a tie, or nil when none is supported.
    static func fromAcceptLanguage(_ header: String) -> PageLanguage? {
        var best: (language: PageLanguage, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let tag = parts.first else { continue }
            let primary = tag.split(separator: "-").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let primary, let language = PageLanguage(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "q" {
                    quality = Double(pair[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            guard quality > 0 else { continue }
            if let current = best, current.quality >= quality {
                continue
            }
            best = (language, quality)
        }
        return best?.language
    }

    /// Returns the `Set-Cookie` value that stores this language.
    func cookie(secure: Bool) -> String {
        Cookies.setCookie(
            name: Self.cookieName,
            value: self.rawValue,
            path: "/",
            maxAgeSeconds: Self.cookieMaxAgeSeconds,
            secure: secure,
            httpOnly: false
        )
    }
}
