import Foundation
import HTTPServer

/// What the browser brought back to `/taobao/return/{state}`.
///
/// Public material does not say what OT appends to the return URL, so the parser relies on
/// nothing but the state in the path. It reads an `error` and `error_description` when they
/// appear anywhere after the state: in the query, after a second `?`, or glued to the path
/// with `&` or `;` by a provider that assumed the URL already had a query.
struct ProviderReturnCallback: Sendable, Equatable {
    /// Limits on reflected text, so a hostile callback cannot blow up the page or the store.
    static let maxErrorLength = 100
    static let maxDescriptionLength = 500

    var state: String
    var error: String?
    var errorDescription: String?

    /// Parses the raw (not yet percent-decoded) last path segment and the raw query; nil when
    /// the segment does not start with a state token.
    static func parse(rawStateSegment: Substring, rawQuery: Substring?) -> ProviderReturnCallback? {
        let stateEnd =
            rawStateSegment.utf8.firstIndex { !RandomToken.isTokenCharacter($0) } ?? rawStateSegment.utf8.endIndex
        let state = rawStateSegment[..<stateEnd]
        guard RandomToken.isWellFormed(state) else { return nil }

        var extra = String(rawStateSegment[stateEnd...])
        if let rawQuery {
            extra += "&" + rawQuery
        }
        var callback = ProviderReturnCallback(state: String(state))
        for pair in extra.split(whereSeparator: { $0 == "&" || $0 == "?" || $0 == ";" }) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = self.lenientDecode(parts[0])
            let value = parts.count > 1 ? self.lenientDecode(parts[1]) : ""
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if name == "error", callback.error == nil, !trimmed.isEmpty {
                callback.error = String(trimmed.prefix(self.maxErrorLength))
            } else if name == "error_description", callback.errorDescription == nil, !trimmed.isEmpty {
                callback.errorDescription = String(trimmed.prefix(self.maxDescriptionLength))
            }
        }
        return callback
    }

    init(state: String, error: String? = nil, errorDescription: String? = nil) {
        self.state = state
        self.error = error
        self.errorDescription = errorDescription
    }

    /// Percent-decodes with `+` as space; a malformed escape leaves the text as it came.
    private static func lenientDecode(_ text: Substring) -> String {
        PercentDecoding.decode(text, plusAsSpace: true) ?? String(decoding: text.utf8, as: UTF8.self)
    }
}
