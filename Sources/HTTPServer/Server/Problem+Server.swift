/// Problems the server sends on its own, before or instead of a handler.
extension Problem {
    /// Builds the problem for a request the parser rejected, with the parse error's status.
    static func requestRejected(_ error: RequestParseError) -> Problem {
        switch error.status.code {
        case 413:
            if case .bodyTooLarge(let limit) = error { return .payloadTooLarge(limit: limit) }
            return Problem(status: .payloadTooLarge, code: "payload_too_large", title: "Request body too large")
        case 414:
            return Problem(
                status: .uriTooLong,
                code: "uri_too_long",
                title: "Request line too long",
                detail: error.detail
            )
        case 431:
            return Problem(
                status: .requestHeaderFieldsTooLarge,
                code: "header_fields_too_large",
                title: "Request header fields too large",
                detail: error.detail
            )
        case 501:
            return Problem(
                status: .notImplemented,
                code: "not_implemented",
                title: "Transfer coding not implemented",
                detail: error.detail
            )
        case 505:
            return Problem(
                status: .httpVersionNotSupported,
                code: "http_version_not_supported",
                title: "HTTP version not supported",
                detail: error.detail
            )
        case 417:
            return Problem(
                status: .expectationFailed,
                code: "expectation_failed",
                title: "Expectation not supported",
                detail: error.detail
            )
        default:
            return .badRequest(error.detail)
        }
    }

    static let requestTimeout = Problem(
        status: .requestTimeout,
        code: "request_timeout",
        title: "Request timed out",
        detail: "The request was not received completely in time; send it again on a new connection."
    )

    static let serverBusy = Problem(
        status: .serviceUnavailable,
        code: "server_busy",
        title: "Too many connections",
        detail: "The server has reached its connection limit; retry shortly.",
        headers: ["Retry-After": "1"]
    )
}
