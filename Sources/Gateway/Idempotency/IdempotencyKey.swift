import HTTPServer

/// The `Idempotency-Key` request header: 1 to 255 visible ASCII characters (0x21–0x7E).
public enum IdempotencyKey {
    public static let headerName = "Idempotency-Key"
    /// The response header that marks a stored response sent again.
    public static let replayedHeaderName = "Idempotent-Replayed"
    public static let maxLength = 255

    /// Returns the request's key, nil when the header is absent, or throws a 400 when it is
    /// present but invalid (empty, too long, or with a character outside 0x21–0x7E).
    public static func parse(_ request: Request) throws(Problem) -> String? {
        let values = request.headers.values(self.headerName)
        guard let value = values.first else { return nil }
        guard values.count == 1 else {
            throw Self.invalid("The request has \(values.count) Idempotency-Key headers; send one.")
        }
        guard (1...self.maxLength).contains(value.utf8.count) else {
            throw Self.invalid("The Idempotency-Key must be 1 to \(self.maxLength) characters long.")
        }
        guard value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Self.invalid(
                "The Idempotency-Key may contain only visible ASCII characters (no spaces or control characters)."
            )
        }
        return value
    }

    private static func invalid(_ detail: String) -> Problem {
        Problem.badRequest(detail, fieldErrors: [Problem.FieldError(field: "Idempotency-Key", message: detail)])
    }
}
