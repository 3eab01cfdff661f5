/// The problem codes the gateway sends, each with a short page in English and Russian:
/// what the problem means and what to do about it. `GET /problems/{code}` serves them.
public struct ProblemDescription: Sendable, Equatable {
    /// A page's text in one language.
    public struct Text: Sendable, Equatable {
        public var title: String
        public var meaning: String
        public var action: String
    }

    public var code: String
    public var status: Int
    public var english: Text
    public var russian: Text

    public func text(in language: PageLanguage) -> Text {
        language == .russian ? self.russian : self.english
    }
}

public enum ProblemCatalog {
    /// Every described problem: the codes of the JSON interface, then the ones the HTTP server
    /// sends on its own before a handler runs.
    public static let all: [ProblemDescription] =
        requestProblems + upstreamProblems + serverProblems + consoleProblems

    /// The codes the HTTP server itself sends (framing, limits, time-outs, overload).
    public static let serverCodes = [
        "uri_too_long", "header_fields_too_large", "not_implemented", "http_version_not_supported",
        "expectation_failed", "request_timeout", "server_busy",
    ]

    private static let byCode: [String: ProblemDescription] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.code, $0) }
    )

    /// Finds a problem by its code (`ot_timeout`) or by the last segment of its `type`
    /// (`ot-timeout`).
    public static func description(for codeOrSlug: String) -> ProblemDescription? {
        self.byCode[codeOrSlug.replacingOccurrences(of: "-", with: "_")]
    }

    static func entry(
        _ code: String,
        _ status: Int,
        en: (String, String, String),
        ru: (String, String, String)
    ) -> ProblemDescription {
        ProblemDescription(
            code: code,
            status: status,
            english: .init(title: en.0, meaning: en.1, action: en.2),
            russian: .init(title: ru.0, meaning: ru.1, action: ru.2)
        )
    }
}
