/// What the server calls for every complete request. The router is one; tests may pass a
/// closure-based responder.
///
/// A thrown error that conforms to `HTTPResponseConvertible` becomes its own response; any
/// other error becomes a bare 500 `application/problem+json` that reveals nothing about the
/// error, and is logged with the request id.
public protocol HTTPResponder: Sendable {
    func respond(to request: Request) async throws -> Response
}

/// A responder made from a closure.
public struct ClosureResponder: HTTPResponder {
    private let handler: @Sendable (Request) async throws -> Response

    public init(_ handler: @escaping @Sendable (Request) async throws -> Response) {
        self.handler = handler
    }

    public func respond(to request: Request) async throws -> Response {
        try await self.handler(request)
    }
}

/// An error that knows the response it should produce (a problem document, a redirect page).
public protocol HTTPResponseConvertible: Error {
    func response(for request: Request) -> Response
}
