import HTTPServer
import Store

/// Converts responses to the form the idempotency store keeps and back.
enum StoredResponse {
    /// Encodes the status, the headers (as a JSON array of `[name, value]` pairs) and the body.
    static func make(_ response: Response) -> IdempotencyResponse {
        let pairs = response.headers.map { JSONValue.array([.string($0.name), .string($0.value)]) }
        return IdempotencyResponse(
            status: response.status.code,
            headersJSON: String(decoding: JSONWriter.encode(.array(pairs)), as: UTF8.self),
            body: response.body
        )
    }

    /// Rebuilds the stored response with `Idempotent-Replayed: true`. Headers that cannot be
    /// decoded are left out rather than failing the replay.
    static func replay(_ stored: IdempotencyResponse) -> Response {
        var headers = HTTPHeaders()
        if case .array(let pairs)? = try? JSONParser.parse(Array(stored.headersJSON.utf8)) {
            for pair in pairs {
                if case .array(let parts) = pair, parts.count == 2, case .string(let name) = parts[0],
                    case .string(let value) = parts[1]
                {
                    headers.add(name, value)
                }
            }
        }
        headers.set(IdempotencyKey.replayedHeaderName, "true")
        return Response(status: HTTPStatus(code: stored.status), headers: headers, body: stored.body)
    }
}
