import Foundation
import HTTPServer

/// The SOAP 1.1 binding: envelopes POSTed to `/OtapiWebService2.asmx` run the same method
/// table as the form bindings and get the answer fields wrapped in
/// `{Method}Response/{Method}Result`. A request that is not a usable envelope, or names a
/// method the simulator does not serve, gets a `soap:Fault` with HTTP 500, as ASMX does.
///
/// NOTE: the namespace and `SOAPAction` form follow the ASMX convention and are not checked
/// against OT's live service, which publishes neither.
extension Simulator {
    static let soapPath = "/OtapiWebService2.asmx"

    func registerSOAPRoutes(_ router: inout Router) {
        router.post(Self.soapPath) { [self] request in try await self.handleSOAP(request) }
    }

    func handleSOAP(_ request: Request) async throws -> Response {
        let namespace = core.withLock { $0.configuration.soapNamespace }
        let parsed = SOAPCall.parse(
            body: request.body,
            contentType: request.headers["Content-Type"],
            soapAction: request.headers["SOAPAction"],
            namespace: namespace
        )
        let call: SOAPCall
        switch parsed {
        case .success(let value):
            call = value
        case .failure(let fault):
            return Self.soapFaultResponse(fault)
        }
        guard MethodTable.methods[call.method] != nil else {
            return Self.soapFaultResponse(.unrecognizedAction(namespace + call.method))
        }

        let delay = latency(for: call.method)
        if delay > .zero {
            try await Task.sleep(for: delay)
        }

        let parameters = call.parameters.map { (name: $0.name, value: $0.value) }
        let outcome = execute(method: call.method, parameters: parameters, parseError: nil)
        let body = SOAPEnvelope.answer(method: call.method, namespace: namespace, fields: outcome.answerFields)
        return try Self.response(for: outcome, method: call.method, body: body)
    }

    static func soapFaultResponse(_ fault: SOAPFault) -> Response {
        Response(
            status: .internalServerError,
            contentType: "text/xml; charset=utf-8",
            body: SOAPEnvelope.fault(fault)
        )
    }
}
