import HTTPServer
import Observability
import Store

/// The operator console: `/console/` (the page from `public/`), its JSON under
/// `/console/api/`, and its static files.
///
/// The page and the JSON need the operator's Basic sign-in. The other files (stylesheet,
/// script, texts) hold no data and are served without it, because the Taobao return page,
/// which an operator may reach without signing in, uses the same stylesheet.
enum ConsoleRoutes {
    static let indexFile = "index.html"
    /// The header every state-changing console request carries.
    static let actionHeader = "X-OTGW-Console"

    static func register(
        into router: inout Router,
        services: GatewayServices,
        pages: OperatorPages,
        publicDirectory: String?,
        unresolvedPayments: @escaping @Sendable () async throws -> [PaymentRecord]
    ) {
        let files = publicDirectory.map { StaticFileServer(root: $0) }
        let api = ConsoleAPI(services: services, files: files, unresolvedPayments: unresolvedPayments)

        router.get("/console") { _ in
            Response(status: HTTPStatus(code: 301), headers: ["Location": "/console/", "Cache-Control": "no-store"])
        }
        router.get("/console/") { request in
            self.index(request, pages: pages, files: files)
        }
        for (name, handler) in api.endpoints {
            router.get("/console/api/" + name) { request in
                if let problem = pages.gateJSON(request) {
                    throw problem
                }
                var response = try await handler(request)
                response.headers.set("Cache-Control", "no-store")
                response.headers.set("X-Content-Type-Options", "nosniff")
                return response
            }
        }
        // A form on another site cannot set this header without a CORS preflight, which the
        // gateway never grants, so the browser's remembered Basic sign-in cannot be abused to
        // answer an activity (cross-site request forgery).
        router.post("/console/api/activities/{type}/{id}/actions/{actionId}") { request in
            if let problem = pages.gateJSON(request) {
                throw problem
            }
            guard request.headers[Self.actionHeader] == "1" else {
                throw Problem(
                    status: .forbidden,
                    code: "unauthorized",
                    title: "Console header missing",
                    detail: "Send \(Self.actionHeader): 1 with console actions; the console page does."
                )
            }
            var response = try await api.answerActivity(request)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        router.get("/console/{path...}") { request in
            let segments = (request.pathParameters["path"] ?? "").split(separator: "/").map(String.init)
            if segments == [self.indexFile] {
                return self.index(request, pages: pages, files: files)
            }
            guard let file = files?.file(segments) else {
                throw Problem.notFound("No console file exists at this path.")
            }
            return StaticFileServer.response(file, request: request)
        }
    }

    private static func index(_ request: Request, pages: OperatorPages, files: StaticFileServer?) -> Response {
        let language = PageLanguage.choose(for: request)
        if let refusal = pages.gate(request, language: language) {
            return refusal
        }
        guard let file = files?.file([self.indexFile]) else {
            let texts = PageTexts.forLanguage(language.language)
            return pages.page(
                request,
                language,
                status: .serviceUnavailable,
                tone: .error,
                title: texts.filesMissingTitle,
                body: HTMLPage.paragraph(PageTexts.fill(texts.filesMissingBody))
            )
        }
        var response = StaticFileServer.response(
            file,
            request: request,
            policy: PageSecurityHeaders.consolePolicy,
            cacheControl: "private, no-cache"
        )
        if language.fromQuery {
            response.headers.add("Set-Cookie", language.language.cookie(secure: pages.secureCookies))
        }
        return response
    }
}
