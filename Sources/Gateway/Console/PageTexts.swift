import Foundation
import HTTPServer

/// Every text of the server-rendered operator pages (connect and return), one table per
/// language. `{name}` marks a value filled in by `PageTexts.fill`, which escapes it.
struct PageTexts: Sendable {
    var productName: String
    var languageLabel: String
    var openConsole: String
    var startAgain: String
    var tryAgain: String
    var reload: String

    var connectedTitle: String
    var connectedBody: String
    var connectedSameSession: String
    var connectedOtherAccount: String
    var refusedTitle: String
    var refusedBody: String
    var refusedNoDescription: String
    var noSessionTitle: String
    var noSessionBody: String
    var cancelledTitle: String
    var cancelledBody: String
    var checkFailedTitle: String
    var checkFailedBody: String
    var stillCheckingTitle: String
    var stillCheckingBody: String
    var unknownStateTitle: String
    var unknownStateBody: String
    var otherBrowserTitle: String
    var otherBrowserBody: String

    var pendingTitle: String
    var pendingBody: String
    var pendingAccount: String
    var pendingHere: String
    var pendingElsewhere: String
    var startOver: String
    var startOverHint: String
    var redirectingTitle: String
    var redirectingLink: String
    var connectFailedTitle: String
    var connectFailedBody: String
    var invalidAccountTitle: String
    var invalidAccountBody: String
    var disabledTitle: String
    var disabledBody: String
    var unauthorizedTitle: String
    var unauthorizedBody: String
    var filesMissingTitle: String
    var filesMissingBody: String
    var internalErrorTitle: String
    var internalErrorBody: String

    static func forLanguage(_ language: PageLanguage) -> PageTexts {
        switch language {
        case .english: .english
        case .russian: .russian
        }
    }

    /// Escapes `template` for HTML and replaces each `{name}` with the escaped value in `<strong>`.
    static func fill(_ template: String, _ values: [String: String] = [:]) -> String {
        var html = HTMLText.escape(template)
        for (name, value) in values {
            html = html.replacingOccurrences(of: "{\(name)}", with: "<strong>" + HTMLText.escape(value) + "</strong>")
        }
        return html
    }
}
