import Foundation
import HTTPServer
import OTAPI
import Testing

@testable import OTSimulator

/// SOAP 1.1 envelopes POSTed to `/OtapiWebService2.asmx`, sent through the router.
@Suite struct SOAPEndpointTests {
    static let namespace = SimulatorConfiguration.Defaults.soapNamespace

    static func envelope(_ method: String, _ parameters: [(String, String)], namespace: String = namespace) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        xml += "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
        xml += "<\(method) xmlns=\"\(namespace)\">"
        for (name, value) in parameters {
            xml += "<\(name)>\(XMLNode.escape(value, quotes: false))</\(name)>"
        }
        return xml + "</\(method)></soap:Body></soap:Envelope>"
    }

    static func request(
        body: String,
        action: String?,
        contentType: String = "text/xml; charset=utf-8"
    ) -> Request {
        var headers: HTTPHeaders = ["Content-Type": contentType]
        if let action {
            headers.add("SOAPAction", action)
        }
        return Request(
            method: .post,
            target: "/OtapiWebService2.asmx",
            headers: headers,
            body: Array(body.utf8),
            remoteAddress: Harness.loopback
        )
    }

    private func login(_ harness: Harness) -> [(String, String)] {
        let config = harness.simulator.initialConfiguration
        return [
            ("instanceKey", harness.instanceKey), ("userLogin", config.operatorLogin),
            ("userPassword", config.operatorPassword),
        ]
    }

    @Test func answerIsWrappedInResponseAndResult() async throws {
        let harness = try Harness()
        let body = Self.envelope("AuthenticateInstanceOperator", login(harness))
        let response = try await harness.send(
            Self.request(body: body, action: "\"\(Self.namespace)AuthenticateInstanceOperator\"")
        )
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/xml; charset=utf-8")

        let document = try #require(XMLDocument.parse(String(decoding: response.body, as: UTF8.self)))
        #expect(document.root.name == "soap:Envelope")
        let wrapper = try #require(document.elements("soap:Body/AuthenticateInstanceOperatorResponse").first)
        #expect(wrapper.attributes["xmlns"] == Self.namespace)
        let result = try #require(wrapper.elements("AuthenticateInstanceOperatorResult").first)
        #expect(result.text("ErrorCode") == "Ok")
        #expect(result.text("RequestId")?.isEmpty == false)
        #expect(result.text("SessionId/Value")?.isEmpty == false)
        #expect(harness.simulator.callCount("AuthenticateInstanceOperator") == 1)
    }

    @Test func otErrorStaysInsideResult() async throws {
        let harness = try Harness()
        let body = Self.envelope(
            "AuthenticateInstanceOperator",
            [("instanceKey", harness.instanceKey), ("userLogin", "nobody"), ("userPassword", "wrong")]
        )
        let response = try await harness.send(
            Self.request(body: body, action: "\"\(Self.namespace)AuthenticateInstanceOperator\"")
        )
        #expect(response.status == .ok)
        let document = try #require(XMLDocument.parse(String(decoding: response.body, as: UTF8.self)))
        let result = document.elements(
            "soap:Body/AuthenticateInstanceOperatorResponse/AuthenticateInstanceOperatorResult"
        )
        #expect(result.first?.text("ErrorCode") == "AccessDenied")
        #expect(result.first?.text("SessionId") == nil)
    }

    @Test func escapedXMLParameterArrivesIntact() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let order = Harness.orderXML([("abb-560724366248", "0", 3)], comment: "a < b & c")
        let body = Self.envelope(
            "AddOrder",
            [("instanceKey", harness.instanceKey), ("sessionId", customer), ("xmlAddData", order)]
        )
        let response = try await harness.send(Self.request(body: body, action: "\"\(Self.namespace)AddOrder\""))
        let document = try #require(XMLDocument.parse(String(decoding: response.body, as: UTF8.self)))
        let result = try #require(document.elements("soap:Body/AddOrderResponse/AddOrderResult").first)
        #expect(result.text("ErrorCode") == "Ok")
        #expect(harness.simulator.state.orders.first?.comment == "a < b & c")
        #expect(harness.simulator.state.orders.first?.lines.first?.quantity == 3)
    }

    /// Each request is rejected with a `soap:Client` fault before any OT call runs.
    @Test(
        arguments: [
            ("missing SOAPAction", nil, "text/xml", "AuthenticateInstanceOperator", namespace),
            (
                "SOAPAction in another namespace", "\"urn:other/AuthenticateInstanceOperator\"", "text/xml",
                "AuthenticateInstanceOperator", namespace
            ),
            (
                "SOAPAction names another method", "\"\(namespace)GetUserInfo\"", "text/xml",
                "AuthenticateInstanceOperator", namespace
            ),
            (
                "method element in another namespace", "\"\(namespace)AuthenticateInstanceOperator\"", "text/xml",
                "AuthenticateInstanceOperator", "urn:other"
            ),
            (
                "SOAP 1.2 media type", "\"\(namespace)AuthenticateInstanceOperator\"", "application/soap+xml",
                "AuthenticateInstanceOperator", namespace
            ),
            ("unknown method", "\"\(namespace)NoSuchMethod\"", "text/xml", "NoSuchMethod", namespace),
        ] as [(String, String?, String, String, String)]
    )
    func badRequestIsClientFault(
        _ name: String,
        action: String?,
        contentType: String,
        method: String,
        namespace: String
    )
        async throws
    {
        let harness = try Harness()
        let body = Self.envelope(method, login(harness), namespace: namespace)
        let response = try await harness.send(Self.request(body: body, action: action, contentType: contentType))
        #expect(response.status == .internalServerError, "\(name)")

        let document = try #require(XMLDocument.parse(String(decoding: response.body, as: UTF8.self)), "\(name)")
        let fault = try #require(document.elements("soap:Body/soap:Fault").first, "\(name)")
        #expect(fault.text("faultcode") == "soap:Client", "\(name)")
        #expect(fault.text("faultstring")?.isEmpty == false, "\(name)")
        #expect(harness.simulator.calls.isEmpty, "\(name): no OT call runs")
    }

    @Test func malformedEnvelopeIsClientFault() async throws {
        let harness = try Harness()
        for body in ["<soap:Envelope><soap:Body>", "<Envelope><Header/></Envelope>", "not xml", ""] {
            let response = try await harness.send(
                Self.request(body: body, action: "\"\(Self.namespace)AuthenticateInstanceOperator\"")
            )
            #expect(response.status == .internalServerError, "body: \(body)")
            #expect(String(decoding: response.body, as: UTF8.self).contains("<faultcode>soap:Client</faultcode>"))
        }
    }

    @Test func nestedParameterIsClientFault() async throws {
        let harness = try Harness()
        var body = Self.envelope("AddOrder", [("instanceKey", harness.instanceKey)])
        body = body.replacingOccurrences(
            of: "</AddOrder>",
            with: "<xmlAddData><OrderAddData><DeliveryModeId>x</DeliveryModeId></OrderAddData></xmlAddData></AddOrder>"
        )
        let response = try await harness.send(Self.request(body: body, action: "\"\(Self.namespace)AddOrder\""))
        #expect(response.status == .internalServerError)
        #expect(String(decoding: response.body, as: UTF8.self).contains("escaped text"))
    }

    @Test func configuredNamespaceIsUsed() async throws {
        let harness = try Harness { $0.soapNamespace = "urn:example:otapi/" }
        let body = Self.envelope("AuthenticateInstanceOperator", login(harness), namespace: "urn:example:otapi/")
        let response = try await harness.send(
            Self.request(body: body, action: "urn:example:otapi/AuthenticateInstanceOperator")
        )
        #expect(response.status == .ok)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("<AuthenticateInstanceOperatorResponse xmlns=\"urn:example:otapi/\">"))
    }

    @Test func responseFaultsApplyToSOAP() async throws {
        let harness = try Harness()
        let body = Self.envelope("AuthenticateInstanceOperator", login(harness))
        let action = "\"\(Self.namespace)AuthenticateInstanceOperator\""

        harness.simulator.injectResponseFault(.truncatedBody, method: "AuthenticateInstanceOperator")
        let truncated = try await harness.send(Self.request(body: body, action: action))
        #expect(truncated.status == .ok)
        #expect(XMLDocument.parse(String(decoding: truncated.body, as: UTF8.self)) == nil)
        #expect(String(decoding: truncated.body, as: UTF8.self).hasPrefix("<?xml"))

        harness.simulator.injectResponseFault(.dropConnection, method: "AuthenticateInstanceOperator")
        await #expect(throws: SimulatorDropConnection.self) {
            _ = try await harness.send(Self.request(body: body, action: action))
        }
    }

    @Test func soapNamespaceDefaultIsPinned() {
        #expect(SimulatorConfiguration.Defaults.soapNamespace == "http://tempuri.org/")
        #expect(SimulatorConfiguration.Defaults.soapNamespace == OTAPIConfiguration.defaultSOAPNamespace)
    }
}
