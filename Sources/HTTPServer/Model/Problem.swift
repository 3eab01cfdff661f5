import Foundation
import Observability

/// An RFC 9457 problem document (`application/problem+json`), thrown by handlers and by the
/// server itself for framing and routing errors.
///
/// `code` is the stable machine-readable name (`invalid_request`, `ot_timeout`); `type` is
/// derived from it as `/problems/<code with dashes>`, a page the gateway serves.
public struct Problem: Error, HTTPResponseConvertible, Sendable {
    /// One invalid field of a 400 response.
    public struct FieldError: Sendable, Equatable {
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var status: HTTPStatus
    public var code: String
    public var title: String
    public var detail: String?
    public var fieldErrors: [FieldError]
    /// Extra members rendered next to the standard ones, as already-encoded JSON values.
    public var extensions: [(name: String, json: String)]
    /// Extra response headers, such as `Allow`, `Retry-After` or `WWW-Authenticate`.
    public var headers: HTTPHeaders

    public init(
        status: HTTPStatus,
        code: String,
        title: String,
        detail: String? = nil,
        fieldErrors: [FieldError] = [],
        extensions: [(name: String, json: String)] = [],
        headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.extensions = extensions
        self.headers = headers
    }

    public var type: String {
        "/problems/" + self.code.replacingOccurrences(of: "_", with: "-")
    }

    public func response(for request: Request) -> Response {
        var headers = self.headers
        headers.set("Content-Type", "application/problem+json")
        return Response(status: self.status, headers: headers, body: self.jsonBody(requestID: request.id))
    }

    /// Encodes the problem; `requestID` is included when not empty.
    public func jsonBody(requestID: String) -> [UInt8] {
        var json = "{\"type\":\(Self.quote(self.type)),\"title\":\(Self.quote(self.title))"
        json += ",\"status\":\(self.status.code)"
        if let detail = self.detail {
            json += ",\"detail\":\(Self.quote(detail))"
        }
        json += ",\"code\":\(Self.quote(self.code))"
        if !requestID.isEmpty {
            json += ",\"requestId\":\(Self.quote(requestID))"
        }
        for (name, value) in self.extensions {
            json += ",\(Self.quote(name)):\(value)"
        }
        let errors = self.fieldErrors.map {
            "{\"field\":\(Self.quote($0.field)),\"message\":\(Self.quote($0.message))}"
        }
        json += ",\"errors\":[" + errors.joined(separator: ",") + "]}"
        return Array(json.utf8)
    }

    /// Encodes `value` as a JSON string literal.
    public static func quote(_ value: String) -> String {
        JSONString.quoted(value)
    }
}

extension Problem {
    public static func badRequest(_ detail: String, fieldErrors: [FieldError] = []) -> Problem {
        Problem(
            status: .badRequest,
            code: "invalid_request",
            title: "The request is invalid",
            detail: detail,
            fieldErrors: fieldErrors
        )
    }

    public static func notFound(_ detail: String = "No resource exists at this path.") -> Problem {
        Problem(status: .notFound, code: "not_found", title: "Not found", detail: detail)
    }

    public static func methodNotAllowed(allowed: [HTTPMethod]) -> Problem {
        let list = allowed.map(\.description).joined(separator: ", ")
        return Problem(
            status: .methodNotAllowed,
            code: "method_not_allowed",
            title: "Method not allowed",
            detail: "This path accepts: \(list).",
            headers: ["Allow": list]
        )
    }

    public static func payloadTooLarge(limit: Int) -> Problem {
        Problem(
            status: .payloadTooLarge,
            code: "payload_too_large",
            title: "Request body too large",
            detail: "The request body exceeds the limit of \(limit) bytes."
        )
    }

    /// The response to an error the server does not recognise; it reveals nothing about the error.
    public static let internalError = Problem(
        status: .internalServerError,
        code: "internal_error",
        title: "Internal server error",
        detail: "The gateway failed to handle the request; the request id identifies it in the logs."
    )
}
