import Foundation
import HTTPServer

/// The fake Taobao login page that `RedirectUrl` points at: the operator names an account
/// and allows or denies access, and the browser goes back to the `returnUrl`.
extension Simulator {
    static let loginPath = "/fake-taobao/login"
    static let maxAccountNameLength = 64
    static let deniedDescription = "The account owner denied access"

    func registerFakeTaobaoRoutes(_ router: inout Router) {
        router.get(Self.loginPath) { [self] request in self.showLoginPage(request) }
        router.post(Self.loginPath) { [self] request in self.submitLoginPage(request) }
    }

    func showLoginPage(_ request: Request) -> Response {
        let items = request.rawQuery.flatMap { PercentDecoding.queryItems($0) } ?? []
        let ticketId = items.first { $0.name == "ticket" }?.value ?? ""
        let ticket = core.withLock { $0.state.loginTicket(ticketId, now: $0.now) }
        guard let ticket else {
            return Self.page(status: .badRequest, title: "Login link not valid", body: Self.unknownTicketText)
        }
        return Self.page(
            status: .ok,
            title: "Taobao login (simulated)",
            body: Self.loginForm(
                ticket: ticket.ticket,
                account: initialConfiguration.defaultProviderAccountName,
                error: nil
            )
        )
    }

    func submitLoginPage(_ request: Request) -> Response {
        let text = String(validating: request.body, as: UTF8.self) ?? ""
        let items = PercentDecoding.queryItems(Substring(text)) ?? []
        func field(_ name: String) -> String { items.first { $0.name == name }?.value ?? "" }
        let account = field("account").trimmingCharacters(in: .whitespacesAndNewlines)
        let decision = field("decision")

        let outcome: Response = core.withLock { core in
            guard let ticket = core.state.loginTicket(field("ticket"), now: core.now) else {
                return Self.page(status: .badRequest, title: "Login link not valid", body: Self.unknownTicketText)
            }
            switch decision {
            case "allow":
                guard !account.isEmpty, account.count <= Self.maxAccountNameLength,
                    !account.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else {
                    let form = Self.loginForm(
                        ticket: ticket.ticket,
                        account: account,
                        error: "Enter an account name of 1 to \(Self.maxAccountNameLength) printable characters."
                    )
                    return Self.page(status: .badRequest, title: "Taobao login (simulated)", body: form)
                }
                let session = core.state.allowProviderLogin(ticket, accountName: account, now: core.now)
                core.configuration.logger.info(
                    "Provider login allowed",
                    metadata: ["provider.session_id": "\(session.id)", "provider.account": "\(session.name)"]
                )
                saveLocked(core)
                return Self.redirect(to: ticket.returnURL)
            case "deny":
                core.state.denyProviderLogin(ticket)
                saveLocked(core)
                return Self.redirect(
                    to: Self.appendingQuery(
                        to: ticket.returnURL,
                        "error=access_denied&error_description=" + HTMLText.queryValue(Self.deniedDescription)
                    )
                )
            default:
                return Self.page(status: .badRequest, title: "Unknown choice", body: "<p>Choose Allow or Deny.</p>")
            }
        }
        return outcome
    }

    static let unknownTicketText =
        "<p>This login link is unknown, was already used or has expired. Start the connection again.</p>"

    static func loginForm(ticket: String, account: String, error: String?) -> String {
        var html = ""
        if let error {
            html += "<p class=\"error\">" + HTMLText.escape(error) + "</p>"
        }
        html += """
            <p>An application asks to place orders with your Taobao account.</p>
            <form method="post" action="\(loginPath)">
            <input type="hidden" name="ticket" value="\(HTMLText.escape(ticket))">
            <label>Account name <input name="account" value="\(HTMLText.escape(account))"></label>
            <button type="submit" name="decision" value="allow">Allow</button>
            <button type="submit" name="decision" value="deny">Deny</button>
            </form>
            """
        return html
    }

    static func page(status: HTTPStatus, title: String, body: String) -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title></head>
            <body><h1>\(HTMLText.escape(title))</h1>
            \(body)
            </body></html>
            """
        var response = Response(status: status, contentType: "text/html; charset=utf-8", body: html)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    static func redirect(to location: String) -> Response {
        var response = Response(status: .seeOther, headers: ["Location": location])
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// Appends `query` with `?` or `&` as the URL needs, keeping any fragment last.
    static func appendingQuery(to url: String, _ query: String) -> String {
        var base = Substring(url)
        var fragment = ""
        if let hash = url.firstIndex(of: "#") {
            base = url[..<hash]
            fragment = String(url[hash...])
        }
        var separator = "?"
        if base.hasSuffix("?") || base.hasSuffix("&") {
            separator = ""
        } else if base.contains("?") {
            separator = "&"
        }
        return base + separator + query + fragment
    }
}
