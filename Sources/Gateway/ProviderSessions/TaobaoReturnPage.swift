import HTTPServer
import Observability

/// `GET /taobao/return/{state}`: the page the browser lands on after the Taobao login.
///
/// It needs no sign-in because the state is the credential. It never redirects: every answer
/// is a page, and its links point only at the gateway's own paths.
struct TaobaoReturnPage: Sendable {
    let pages: OperatorPages
    let processor: ProviderReturnProcessor
    let services: GatewayServices

    func handle(_ request: Request) async -> Response {
        let language = PageLanguage.choose(for: request)
        let texts = PageTexts.forLanguage(language.language)
        let logger = self.services.logger.with(["http.request_id": .string(request.id)])

        let rawSegment = Self.rawStateSegment(request.rawPath)
        guard let callback = ProviderReturnCallback.parse(rawStateSegment: rawSegment, rawQuery: request.rawQuery)
        else {
            return self.unknownState(request, language)
        }
        let switchBase = ProviderReturnURL.pathPrefix + callback.state
        let browserToken = Cookies.value(named: TaobaoConnectPage.browserCookieName, in: request)

        let result: ProviderReturnProcessor.Result
        do {
            result = try await self.processor.handle(callback, browserToken: browserToken, logger: logger)
        } catch {
            logger.error("provider return failed", metadata: ["error": .string(error.message)])
            return self.pages.internalError(request, language)
        }

        switch result {
        case .unknownState, .expiredState:
            return self.unknownState(request, language)
        case .otherBrowser:
            return self.pages.page(
                request,
                language,
                status: .forbidden,
                tone: .error,
                title: texts.otherBrowserTitle,
                body: HTMLPage.paragraph(PageTexts.fill(texts.otherBrowserBody))
                    + HTMLPage.actions([(TaobaoConnectPage.path, texts.startAgain, true)]),
                switchBase: switchBase
            )
        case .stillChecking(let account):
            return self.pages.page(
                request,
                language,
                status: .ok,
                tone: .info,
                title: texts.stillCheckingTitle,
                body: HTMLPage.paragraph(PageTexts.fill(texts.stillCheckingBody))
                    + HTMLPage.actions([
                        (switchBase + "?lang=" + language.language.rawValue, texts.reload, true),
                        (Self.connectPath(account), texts.startAgain, false),
                    ]),
                switchBase: switchBase
            )
        case .outcome(let outcome, let account):
            return self.outcomePage(outcome, requestedAccount: account, request: request, language: language)
        }
    }

    private func outcomePage(
        _ outcome: ProviderConnectOutcome,
        requestedAccount: String?,
        request: Request,
        language: PageLanguage.Choice
    ) -> Response {
        let texts = PageTexts.forLanguage(language.language)
        let consoleLink = ("/console/", texts.openConsole, false)
        let retryLink = (Self.connectPath(requestedAccount), texts.tryAgain, true)
        let title: String
        let tone: HTMLPage.Tone
        var body: String
        switch outcome {
        case .connected(let account, _, let change):
            title = texts.connectedTitle
            tone = .success
            body = HTMLPage.paragraph(PageTexts.fill(texts.connectedBody, ["account": account]))
            if let requestedAccount, requestedAccount != account {
                body += HTMLPage.paragraph(
                    PageTexts.fill(texts.connectedOtherAccount, ["requested": requestedAccount, "account": account]),
                    className: "hint"
                )
            }
            if change == .unchanged {
                body += HTMLPage.paragraph(PageTexts.fill(texts.connectedSameSession), className: "hint")
            }
            body += HTMLPage.actions([("/console/", texts.openConsole, true)])
        case .refused(let error, let description):
            title = texts.refusedTitle
            tone = .error
            body = HTMLPage.paragraph(PageTexts.fill(texts.refusedBody))
            let reason = (description ?? texts.refusedNoDescription) + " (" + error + ")"
            body += HTMLPage.paragraph(HTMLText.escape(reason), className: "reason")
            body += HTMLPage.actions([(Self.connectPath(requestedAccount), texts.startAgain, true), consoleLink])
        case .noNewSession:
            title = texts.noSessionTitle
            tone = .warning
            body = HTMLPage.paragraph(PageTexts.fill(texts.noSessionBody))
            body += HTMLPage.actions([retryLink, consoleLink])
        case .cancelled:
            title = texts.cancelledTitle
            tone = .info
            body = HTMLPage.paragraph(PageTexts.fill(texts.cancelledBody))
            body += HTMLPage.actions([("/console/", texts.openConsole, true)])
        case .checkFailed(let detail):
            title = texts.checkFailedTitle
            tone = .error
            body = HTMLPage.paragraph(PageTexts.fill(texts.checkFailedBody))
            body += HTMLPage.paragraph(HTMLText.escape(detail), className: "reason")
            body += HTMLPage.actions([retryLink, consoleLink])
        }
        let switchBase = Self.switchBase(request)
        return self.pages.page(
            request,
            language,
            status: .ok,
            tone: tone,
            title: title,
            body: body,
            switchBase: switchBase
        )
    }

    private func unknownState(_ request: Request, _ language: PageLanguage.Choice) -> Response {
        let texts = PageTexts.forLanguage(language.language)
        return self.pages.page(
            request,
            language,
            status: .badRequest,
            tone: .error,
            title: texts.unknownStateTitle,
            body: HTMLPage.paragraph(PageTexts.fill(texts.unknownStateBody))
                + HTMLPage.actions([(TaobaoConnectPage.path, texts.startAgain, true)])
        )
    }

    /// The connect page for `account`, the gateway's own path.
    static func connectPath(_ account: String?) -> String {
        TaobaoConnectPage.path + (account.map { "?account=" + HTMLText.queryValue($0) } ?? "")
    }

    /// The raw segment after `/taobao/return/`, before any further `/`.
    static func rawStateSegment(_ rawPath: Substring) -> Substring {
        let rest = rawPath.dropFirst(ProviderReturnURL.pathPrefix.count)
        return rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? rest
    }

    /// The language links of a result page: this return path with the state only.
    private static func switchBase(_ request: Request) -> String? {
        let segment = self.rawStateSegment(request.rawPath)
        let stateEnd = segment.utf8.firstIndex { !RandomToken.isTokenCharacter($0) } ?? segment.utf8.endIndex
        let state = segment[..<stateEnd]
        return RandomToken.isWellFormed(state) ? ProviderReturnURL.pathPrefix + state : nil
    }
}
