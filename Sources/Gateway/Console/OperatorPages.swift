import Foundation
import HTTPServer
import Observability
import Store

/// What the operator pages share: the Basic authenticator, the language choice, and the
/// pages for a disabled console, a missing sign-in and an internal error.
struct OperatorPages: Sendable {
    let authenticator: ConsoleAuthenticator
    /// Whether cookies get `Secure`: the public URL is https.
    let secureCookies: Bool

    init(configuration: GatewayConfiguration) {
        self.authenticator = ConsoleAuthenticator(password: configuration.access.consolePassword)
        self.secureCookies = configuration.server.publicURL.scheme?.lowercased() == "https"
    }

    /// Returns nil when the operator is signed in, otherwise the page to answer with.
    func gate(_ request: Request, language: PageLanguage.Choice) -> Response? {
        let texts = PageTexts.forLanguage(language.language)
        switch self.authenticator.check(request) {
        case .allowed:
            return nil
        case .disabled:
            return self.page(
                request,
                language,
                status: .notFound,
                tone: .info,
                title: texts.disabledTitle,
                body: HTMLPage.paragraph(PageTexts.fill(texts.disabledBody))
            )
        case .unauthorized:
            return self.page(
                request,
                language,
                status: .unauthorized,
                tone: .warning,
                title: texts.unauthorizedTitle,
                body: HTMLPage.paragraph(PageTexts.fill(texts.unauthorizedBody)),
                extraHeaders: ["WWW-Authenticate": ConsoleAuthenticator.challenge]
            )
        }
    }

    /// Returns nil when the operator is signed in, otherwise the JSON problem for `/console/api/`.
    func gateJSON(_ request: Request) -> Problem? {
        switch self.authenticator.check(request) {
        case .allowed:
            return nil
        case .disabled:
            return Problem.notFound("The console is disabled; set OTGW_CONSOLE_PASSWORD to enable it.")
        case .unauthorized:
            return Problem(
                status: .unauthorized,
                code: "unauthorized",
                title: "Authentication required",
                detail: "Sign in as \(ConsoleAuthenticator.user) with OTGW_CONSOLE_PASSWORD (HTTP Basic).",
                headers: ["WWW-Authenticate": ConsoleAuthenticator.challenge]
            )
        }
    }

    func page(
        _ request: Request,
        _ language: PageLanguage.Choice,
        status: HTTPStatus,
        tone: HTMLPage.Tone,
        title: String,
        body: String,
        switchBase: String? = nil,
        extraHeaders: HTTPHeaders = HTTPHeaders()
    ) -> Response {
        HTMLPage(
            status: status,
            language: language.language,
            tone: tone,
            title: title,
            bodyHTML: body,
            languageSwitchBase: switchBase
        ).response(secureCookies: self.secureCookies, setLanguageCookie: language.fromQuery, extraHeaders: extraHeaders)
    }

    func internalError(_ request: Request, _ language: PageLanguage.Choice) -> Response {
        let texts = PageTexts.forLanguage(language.language)
        return self.page(
            request,
            language,
            status: .internalServerError,
            tone: .error,
            title: texts.internalErrorTitle,
            body: HTMLPage.paragraph(PageTexts.fill(texts.internalErrorBody + " {id}", ["id": request.id]))
        )
    }

    /// A time as operators read it on the pages: `2026-12-04 09:12 UTC`.
    static func displayTime(milliseconds: Int64) -> String {
        let text = RFC3339.format(UnixTime.date(fromMilliseconds: milliseconds), fractionalSeconds: false)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }
}
