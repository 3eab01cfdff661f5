import Foundation
import HTTPServer

/// The OT API endpoints: `/service/{method}` and the ASMX HTTP GET/POST binding
/// `/OtapiWebService2.asmx/{method}`, both with form parameters and XML answers. SOAP 1.1
/// envelopes POSTed to `/OtapiWebService2.asmx` itself are served by `SOAPRoutes.swift`.
extension Simulator {
    static let servicePrefixes = ["/service", "/OtapiWebService2.asmx"]

    func registerServiceRoutes(_ router: inout Router) {
        for prefix in Self.servicePrefixes {
            let template = prefix + "/{method}"
            router.get(template) { [self] request in try await self.handleService(request) }
            router.post(template) { [self] request in try await self.handleService(request) }
        }
    }

    func handleService(_ request: Request) async throws -> Response {
        let method = request.pathParameters["method"] ?? ""
        let (parameters, parseError) = Self.formParameters(of: request)

        let delay = latency(for: method)
        if delay > .zero {
            try await Task.sleep(for: delay)
        }

        let outcome = execute(method: method, parameters: parameters, parseError: parseError)
        return try Self.response(for: outcome, method: method, body: outcome.body)
    }

    /// The HTTP response for a call's answer `body`, spoiled as the call's response fault says.
    /// Throws `SimulatorDropConnection` for `.dropConnection`.
    static func response(for outcome: CallOutcome, method: String, body: String) throws -> Response {
        switch outcome.fault {
        case nil:
            return Response(status: .ok, contentType: "text/xml; charset=utf-8", body: body)
        case .dropConnection:
            throw SimulatorDropConnection(method: method)
        case .truncatedBody:
            let bytes = Array(body.utf8)
            var response = Response(status: .ok, contentType: "text/xml; charset=utf-8", body: "")
            response.body = Array(bytes.prefix(bytes.count / 2))
            return response
        case .nonXMLBody:
            return Response(
                status: .ok,
                contentType: "text/html; charset=utf-8",
                body: "<html><body><h1>Service temporarily unavailable</h1><p>Maintenance.</p></body></html>"
            )
        case .badGateway:
            return Response(
                status: .badGateway,
                contentType: "text/html; charset=utf-8",
                body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
            )
        }
    }

    /// The query parameters followed by the urlencoded body's, with a reason when either
    /// could not be decoded.
    static func formParameters(of request: Request) -> ([(name: String, value: String)], String?) {
        var parameters: [(name: String, value: String)] = []
        if let query = request.rawQuery {
            guard let items = PercentDecoding.queryItems(query) else {
                return ([], "has an invalid percent escape or is not UTF-8 in the query string")
            }
            parameters += items
        }
        if !request.body.isEmpty {
            let contentType = request.headers["Content-Type"]?.lowercased() ?? ""
            guard contentType.isEmpty || contentType.hasPrefix("application/x-www-form-urlencoded") else {
                return ([], "must be application/x-www-form-urlencoded, got \(contentType)")
            }
            guard let text = String(validating: request.body, as: UTF8.self),
                let items = PercentDecoding.queryItems(Substring(text))
            else {
                return ([], "has an invalid percent escape or is not UTF-8 in the body")
            }
            parameters += items
        }
        return (parameters, nil)
    }
}
