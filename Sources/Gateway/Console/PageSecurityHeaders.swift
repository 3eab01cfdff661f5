import HTTPServer

/// The headers every operator page and console file carries.
enum PageSecurityHeaders {
    /// Server-rendered pages: the shared stylesheet only, no script, no forms, no framing.
    static let pagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
        + "frame-ancestors 'none'"
    /// The console page: its own script and JSON calls to the same origin, nothing inline.
    static let consolePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func apply(to headers: inout HTTPHeaders, policy: String = pagePolicy, cacheControl: String = "no-store") {
        headers.set("Content-Security-Policy", policy)
        headers.set("X-Content-Type-Options", "nosniff")
        headers.set("Referrer-Policy", "no-referrer")
        headers.set("Cache-Control", cacheControl)
        headers.set("X-Frame-Options", "DENY")
    }
}
