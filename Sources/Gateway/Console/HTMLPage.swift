import HTTPServer

/// A server-rendered operator page in the console's look, with the security headers.
struct HTMLPage: Sendable {
    enum Tone: String, Sendable {
        case success, warning, error, info
    }

    var status: HTTPStatus
    var language: PageLanguage
    var tone: Tone
    /// Plain text; escaped when rendered.
    var title: String
    /// Trusted HTML: every value in it must already be escaped.
    var bodyHTML: String
    /// The gateway's own path (never one taken from the request) that the language links point
    /// at, with any query it needs; nil hides the language switch.
    var languageSwitchBase: String?

    var html: String {
        let texts = PageTexts.forLanguage(self.language)
        var switchHTML = ""
        if let base = self.languageSwitchBase {
            let separator = base.contains("?") ? "&" : "?"
            let links = PageLanguage.allCases.map { language -> String in
                let label = language == .english ? "English" : "Русский"
                if language == self.language {
                    return "<span class=\"lang-current\" aria-current=\"true\">\(label)</span>"
                }
                let href = HTMLText.escape(base + separator + "lang=" + language.rawValue)
                return "<a href=\"\(href)\" hreflang=\"\(language.rawValue)\">\(label)</a>"
            }
            switchHTML =
                "<nav class=\"lang\" aria-label=\"\(HTMLText.escape(texts.languageLabel))\">"
                + links.joined(separator: " ") + "</nav>"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(self.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(self.title)) — \(HTMLText.escape(texts.productName))</title>
            <link rel="stylesheet" href="/console/console.css">
            </head>
            <body>
            <header class="topbar"><span class="brand">\(HTMLText.escape(texts.productName))</span>\(switchHTML)</header>
            <main class="page">
            <section class="card tone-\(self.tone.rawValue)">
            <h1>\(HTMLText.escape(self.title))</h1>
            \(self.bodyHTML)
            </section>
            </main>
            </body>
            </html>

            """
    }

    /// The response; `setLanguageCookie` stores the page language (after `?lang=`).
    func response(secureCookies: Bool, setLanguageCookie: Bool, extraHeaders: HTTPHeaders = HTTPHeaders())
        -> Response
    {
        var headers = extraHeaders
        headers.set("Content-Type", "text/html; charset=utf-8")
        headers.set("Content-Language", self.language.rawValue)
        PageSecurityHeaders.apply(to: &headers)
        if setLanguageCookie {
            headers.add("Set-Cookie", self.language.cookie(secure: secureCookies))
        }
        return Response(status: self.status, headers: headers, body: Array(self.html.utf8))
    }

    /// A paragraph of trusted HTML.
    static func paragraph(_ html: String, className: String? = nil) -> String {
        let classAttribute = className.map { " class=\"\($0)\"" } ?? ""
        return "<p\(classAttribute)>\(html)</p>"
    }

    /// A row of link buttons; `links` are (href, label, primary), escaped here.
    static func actions(_ links: [(href: String, label: String, primary: Bool)]) -> String {
        let anchors = links.map { link in
            let className = link.primary ? "button primary" : "button"
            return "<a class=\"\(className)\" href=\"\(HTMLText.escape(link.href))\">\(HTMLText.escape(link.label))</a>"
        }
        return "<p class=\"actions\">" + anchors.joined(separator: " ") + "</p>"
    }
}
