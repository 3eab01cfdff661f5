import Foundation
import HTTPServer
import Observability
import Store

/// `GET /taobao/connect[?account=NAME][&restart=REF]`: starts a provider login in the
/// operator's browser and redirects it to OT's login page.
struct TaobaoConnectPage: Sendable {
    static let path = "/taobao/connect"
    /// The cookie that binds a login state to the browser that started it.
    static let browserCookieName = "otgw_browser"
    static let browserCookieMaxAgeSeconds = 30 * 24 * 3600

    let pages: OperatorPages
    let starter: ProviderConnectStarter
    let services: GatewayServices

    func handle(_ request: Request) async -> Response {
        let language = PageLanguage.choose(for: request)
        let texts = PageTexts.forLanguage(language.language)
        if let refusal = self.pages.gate(request, language: language) {
            return refusal
        }

        var query: [(name: String, value: String)] = []
        if let rawQuery = request.rawQuery {
            guard let items = PercentDecoding.queryItems(rawQuery) else {
                return self.invalidAccount(request, language)
            }
            query = items
        }
        let requested = query.last { $0.name == "account" }?.value.trimmingCharacters(in: .whitespacesAndNewlines)
        let account = requested.flatMap { $0.isEmpty ? nil : $0 }
        if let account, !ProviderConnectStarter.isAcceptableAccount(account) {
            return self.invalidAccount(request, language)
        }
        let restart = query.last { $0.name == "restart" }.map { ProviderConnectStarter.Restart.reference($0.value) }

        let presentedToken = Cookies.value(named: Self.browserCookieName, in: request)
            .flatMap { RandomToken.isWellFormed(Substring($0)) ? $0 : nil }
        let browserToken: String
        do {
            browserToken = try presentedToken ?? RandomToken.make()
        } catch {
            return self.pages.internalError(request, language)
        }
        let browserHash = RandomToken.digestHex(browserToken)
        let switchBase = Self.path + (account.map { "?account=" + HTMLText.queryValue($0) } ?? "")

        let result: ProviderConnectStarter.Result
        do {
            result = try await self.starter.start(
                account: account,
                browserBindingHash: browserHash,
                restart: restart ?? .none
            )
        } catch {
            return self.failurePage(error, request: request, language: language, switchBase: switchBase)
        }

        switch result {
        case .started(_, let redirectURL, _):
            var headers: HTTPHeaders = ["Location": redirectURL]
            headers.add(
                "Set-Cookie",
                Cookies.setCookie(
                    name: Self.browserCookieName,
                    value: browserToken,
                    path: "/taobao",
                    maxAgeSeconds: Self.browserCookieMaxAgeSeconds,
                    secure: self.pages.secureCookies,
                    httpOnly: true
                )
            )
            return self.pages.page(
                request,
                language,
                status: .seeOther,
                tone: .info,
                title: texts.redirectingTitle,
                body: HTMLPage.actions([(redirectURL, texts.redirectingLink, true)]),
                extraHeaders: headers
            )
        case .pending(let pending):
            return self.pendingPage(
                pending,
                account: account,
                browserHash: presentedToken == nil ? nil : browserHash,
                request: request,
                language: language,
                switchBase: switchBase
            )
        }
    }

    private func pendingPage(
        _ pending: ProviderAuthStateRecord,
        account: String?,
        browserHash: String?,
        request: Request,
        language: PageLanguage.Choice,
        switchBase: String
    ) -> Response {
        let texts = PageTexts.forLanguage(language.language)
        var body = HTMLPage.paragraph(
            PageTexts.fill(
                texts.pendingBody,
                [
                    "started": OperatorPages.displayTime(milliseconds: pending.createdAt),
                    "expires": OperatorPages.displayTime(milliseconds: pending.expiresAt),
                ]
            )
        )
        if let pendingAccount = pending.account {
            body += HTMLPage.paragraph(PageTexts.fill(texts.pendingAccount, ["account": pendingAccount]))
        }
        let startedHere = browserHash != nil && pending.browserBindingHash == browserHash
        body += HTMLPage.paragraph(PageTexts.fill(startedHere ? texts.pendingHere : texts.pendingElsewhere))
        body += HTMLPage.paragraph(PageTexts.fill(texts.startOverHint), className: "hint")
        var restartLink = Self.path + "?restart=" + RandomToken.reference(pending.stateToken)
        if let account {
            restartLink += "&account=" + HTMLText.queryValue(account)
        }
        body += HTMLPage.actions([(restartLink, texts.startOver, true), ("/console/", texts.openConsole, false)])
        return self.pages.page(
            request,
            language,
            status: .conflict,
            tone: .warning,
            title: texts.pendingTitle,
            body: body,
            switchBase: switchBase
        )
    }

    private func failurePage(
        _ failure: ProviderConnectStarter.Failure,
        request: Request,
        language: PageLanguage.Choice,
        switchBase: String
    ) -> Response {
        let texts = PageTexts.forLanguage(language.language)
        let logger = self.services.logger.with(["http.request_id": .string(request.id)])
        let status: HTTPStatus
        let reason: String
        switch failure {
        case .ot(let error):
            let problem = OTProblemMapping.problem(for: error)
            status = problem.status
            reason = problem.detail ?? problem.title
            logger.warning("provider login could not start", metadata: ["error": .string(error.description)])
        case .invalidRedirect:
            status = .badGateway
            reason = "OT's RedirectUrl is not an absolute http or https URL."
            logger.error("provider login got an unusable RedirectUrl from OT")
        case .internalError(let message):
            logger.error("provider login could not start", metadata: ["error": .string(message)])
            return self.pages.internalError(request, language)
        }
        let body =
            HTMLPage.paragraph(PageTexts.fill(texts.connectFailedBody))
            + HTMLPage.paragraph(HTMLText.escape(reason), className: "reason")
            + HTMLPage.actions([(switchBase, texts.tryAgain, true), ("/console/", texts.openConsole, false)])
        return self.pages.page(
            request,
            language,
            status: status,
            tone: .error,
            title: texts.connectFailedTitle,
            body: body,
            switchBase: switchBase
        )
    }

    private func invalidAccount(_ request: Request, _ language: PageLanguage.Choice) -> Response {
        let texts = PageTexts.forLanguage(language.language)
        return self.pages.page(
            request,
            language,
            status: .badRequest,
            tone: .error,
            title: texts.invalidAccountTitle,
            body: HTMLPage.paragraph(PageTexts.fill(texts.invalidAccountBody))
                + HTMLPage.actions([(Self.path, texts.startAgain, true), ("/console/", texts.openConsole, false)]),
            switchBase: Self.path
        )
    }
}
