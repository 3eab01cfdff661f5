import HTTPServer

/// The HTML page of one problem code, in English or Russian.
enum ProblemPage {
    /// Pages load nothing and run no script; inline styles only.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func response(for problem: ProblemDescription, language: PageLanguage) -> Response {
        var headers = self.securityHeaders
        headers.set("Content-Type", "text/html; charset=utf-8")
        headers.set("Content-Language", language.rawValue)
        headers.set("Vary", "Accept-Language")
        headers.set("Cache-Control", "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: Array(self.html(problem, language).utf8))
    }

    static var securityHeaders: HTTPHeaders {
        [
            "Content-Security-Policy": self.contentSecurityPolicy,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY",
        ]
    }

    static func html(_ problem: ProblemDescription, _ language: PageLanguage) -> String {
        let text = problem.text(in: language)
        let labels = Labels(language)
        let slug = problem.code.replacingOccurrences(of: "_", with: "-")
        let switchLink =
            language == .russian
            ? "<a href=\"?lang=en\" hreflang=\"en\">English</a>"
            : "<a href=\"?lang=ru\" hreflang=\"ru\">Русский</a>"
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(text.title)) — \(HTMLText.escape(problem.code))</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
            code{background:#f2f2f2;padding:0 .25rem}
            nav{float:right}
            </style>
            </head>
            <body>
            <nav>\(switchLink)</nav>
            <h1>\(HTMLText.escape(text.title))</h1>
            <p><code>\(HTMLText.escape(problem.code))</code> · HTTP \(problem.status) · <code>type: /problems/\(HTMLText.escape(slug))</code></p>
            <h2>\(labels.meaning)</h2>
            <p>\(HTMLText.escape(text.meaning))</p>
            <h2>\(labels.action)</h2>
            <p>\(HTMLText.escape(text.action))</p>
            </body>
            </html>

            """
    }

    private struct Labels {
        var meaning: String
        var action: String

        init(_ language: PageLanguage) {
            switch language {
            case .english:
                self.meaning = "What it means"
                self.action = "What to do"
            case .russian:
                self.meaning = "Что это значит"
                self.action = "Что делать"
            }
        }
    }
}
