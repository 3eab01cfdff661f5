import HTTPServer

/// Reading the `Cookie` header and writing `Set-Cookie` values.
enum Cookies {
    /// The first value of the cookie `name`, from every `Cookie` header of the request.
    static func value(named name: String, in request: Request) -> String? {
        for header in request.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].trimmingASCIISpaces() == name else { continue }
                var value = parts[1].trimmingASCIISpaces()
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = value.dropFirst().dropLast()
                }
                return String(value)
            }
        }
        return nil
    }

    /// A `Set-Cookie` value with `SameSite=Lax`; `value` must be cookie-safe (no `;`, `,`, space).
    static func setCookie(
        name: String,
        value: String,
        path: String,
        maxAgeSeconds: Int,
        secure: Bool,
        httpOnly: Bool
    ) -> String {
        var text = "\(name)=\(value); Path=\(path); Max-Age=\(maxAgeSeconds); SameSite=Lax"
        if httpOnly {
            text += "; HttpOnly"
        }
        if secure {
            text += "; Secure"
        }
        return text
    }
}

extension Substring {
    fileprivate func trimmingASCIISpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
