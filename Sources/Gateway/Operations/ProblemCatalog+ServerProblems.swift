/// Problems the HTTP server sends on its own, before any handler runs.
extension ProblemCatalog {
    static let serverProblems: [ProblemDescription] = [
        entry(
            "uri_too_long",
            414,
            en: (
                "Request line too long",
                "The request line (method, path and query) exceeds the server's limit.",
                "Shorten the path or the query string."
            ),
            ru: (
                "Слишком длинная строка запроса",
                "Строка запроса (метод, путь и параметры) длиннее допустимого.",
                "Сократите путь или строку параметров."
            )
        ),
        entry(
            "header_fields_too_large",
            431,
            en: (
                "Request header fields too large",
                "A header field, or all of them together, exceed the server's limit.",
                "Send fewer or shorter headers."
            ),
            ru: (
                "Слишком большие заголовки",
                "Один заголовок или все заголовки вместе превышают ограничение сервера.",
                "Отправляйте меньше заголовков или короче."
            )
        ),
        entry(
            "not_implemented",
            501,
            en: (
                "Transfer coding not implemented",
                "The request uses a Transfer-Encoding other than chunked, which the server does not support.",
                "Send the body with Content-Length or chunked transfer coding."
            ),
            ru: (
                "Кодирование передачи не поддерживается",
                "В запросе указан Transfer-Encoding, отличный от chunked, а сервер его не поддерживает.",
                "Передавайте тело с Content-Length или в кодировке chunked."
            )
        ),
        entry(
            "http_version_not_supported",
            505,
            en: (
                "HTTP version not supported",
                "The request uses an HTTP version other than 1.0 or 1.1.",
                "Use HTTP/1.1."
            ),
            ru: (
                "Версия HTTP не поддерживается",
                "Запрос использует версию HTTP, отличную от 1.0 и 1.1.",
                "Используйте HTTP/1.1."
            )
        ),
        entry(
            "expectation_failed",
            417,
            en: (
                "Expectation not supported",
                "The request has an Expect header other than 100-continue.",
                "Remove the Expect header or send Expect: 100-continue."
            ),
            ru: (
                "Ожидание не поддерживается",
                "В запросе заголовок Expect со значением, отличным от 100-continue.",
                "Уберите заголовок Expect или передавайте Expect: 100-continue."
            )
        ),
        entry(
            "request_timeout",
            408,
            en: (
                "Request timed out",
                "The server did not receive the whole request in time.",
                "Send the request again on a new connection."
            ),
            ru: (
                "Время ожидания запроса истекло",
                "Сервер не получил запрос целиком за отведённое время.",
                "Отправьте запрос снова по новому соединению."
            )
        ),
        entry(
            "server_busy",
            503,
            en: (
                "Too many connections",
                "The server has reached its connection limit (OTGW_MAX_CONNECTIONS).",
                "Retry after Retry-After seconds, and reuse connections instead of opening new ones."
            ),
            ru: (
                "Слишком много соединений",
                "Сервер достиг предела соединений (OTGW_MAX_CONNECTIONS).",
                "Повторите через указанное в Retry-After число секунд и используйте соединения повторно, "
                    + "а не открывайте новые."
            )
        ),
    ]
}
