import Foundation
import Testing

@testable import OTAPI

@Suite("Request builder")
struct OTRequestBuilderTests {
    let call = OTCall(
        .postTransaction,
        [
            OTParameter("customerId", "1234567"),
            OTParameter("amount", "39.98"),
            OTParameter("comment", "a+b & <c> кириллица ="),
            OTParameter("isDebit", "true"),
            OTParameter("transactionDate", "2021-02-12T11:43:45"),
        ]
    )

    @Test("sends common parameters, then the method's, unsigned without a secret")
    func unsigned() throws {
        let builder = OTRequestBuilder(configuration: TestConfiguration.make())
        let parameters = try builder.parameters(for: self.call, sessionId: "sid", now: TestConfiguration.fixedDate)
        #expect(
            parameters.map(\.name) == [
                "instanceKey", "sessionId", "customerId", "amount", "comment", "isDebit", "transactionDate",
            ]
        )
        #expect(!parameters.contains { $0.name == "signature" || $0.name == "timestamp" })
    }

    @Test("writes demand a fresh connection, reads may reuse one")
    func writesUseFreshConnections() throws {
        let builder = OTRequestBuilder(configuration: TestConfiguration.make())
        let write = try builder.transportRequest(for: self.call, parameters: [])
        #expect(write.requiresFreshConnection)
        let read = try builder.transportRequest(for: OTCall(.getSalesPaymentInfo, []), parameters: [])
        #expect(!read.requiresFreshConnection)
    }

    @Test("signs exactly the parameter set that is sent")
    func signedSetIsSentSet() throws {
        let builder = OTRequestBuilder(configuration: TestConfiguration.make(secret: "123123"))
        let parameters = try builder.parameters(for: self.call, sessionId: "", now: TestConfiguration.fixedDate)
        let request = try builder.transportRequest(for: self.call, parameters: parameters)
        let sent = RecordedRequest(request: request).parameterList
        #expect(sent == parameters)
        #expect(sent.first { $0.name == "timestamp" }?.value == "20210212114345")
        #expect(sent.contains(OTParameter("sessionId", "")))
        let unsignedPart = sent.filter { $0.name != "signature" }
        let expected = RequestSigner.signature(method: "PostTransaction", parameters: unsignedPart, secret: "123123")
        #expect(sent.last == OTParameter("signature", expected))
    }

    @Test("form binding posts to the method URL with a form body")
    func formBinding() throws {
        let builder = OTRequestBuilder(
            configuration: TestConfiguration.make(baseURL: "http://127.0.0.1:9/OtapiWebService2.asmx/")
        )
        let parameters = try builder.parameters(for: self.call, sessionId: "sid", now: TestConfiguration.fixedDate)
        let request = try builder.transportRequest(for: self.call, parameters: parameters)
        let recorded = RecordedRequest(request: request)
        #expect(request.url == "http://127.0.0.1:9/OtapiWebService2.asmx/PostTransaction")
        #expect(recorded.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(recorded.bodyText.contains("comment=a%2Bb%20%26%20%3Cc%3E%20%D0%BA"))
        #expect(request.timeout == OTAPIConfiguration.defaultWriteTimeout)
        #expect(request.connectTimeout == OTAPIConfiguration.defaultConnectTimeout)
    }

    @Test("reads use the read timeout")
    func readTimeout() throws {
        let builder = OTRequestBuilder(configuration: TestConfiguration.make())
        let read = OTCall(.getSalesPaymentInfo, [OTParameter("salesId", "ORD-1")])
        let request = try builder.transportRequest(
            for: read,
            parameters: builder.parameters(for: read, sessionId: "s", now: Date())
        )
        #expect(request.timeout == OTAPIConfiguration.defaultReadTimeout)
    }

    @Test("SOAP binding wraps parameters in an envelope")
    func soapEnvelope() throws {
        var configuration = TestConfiguration.make(
            binding: .soap11,
            baseURL: "http://127.0.0.1:9/OtapiWebService2.asmx"
        )
        configuration.soapNamespace = "http://example.invalid/ot/"
        let builder = OTRequestBuilder(configuration: configuration)
        let parameters = try builder.parameters(for: self.call, sessionId: "sid", now: TestConfiguration.fixedDate)
        let request = try builder.transportRequest(for: self.call, parameters: parameters)
        let recorded = RecordedRequest(request: request)
        #expect(request.url == "http://127.0.0.1:9/OtapiWebService2.asmx")
        #expect(recorded.header("Content-Type") == "text/xml; charset=utf-8")
        #expect(recorded.header("SOAPAction") == "\"http://example.invalid/ot/PostTransaction\"")
        #expect(
            recorded.bodyText.contains(
                "<soap:Body><PostTransaction xmlns=\"http://example.invalid/ot/\"><instanceKey>test-instance-key</instanceKey>"
            )
        )
        #expect(recorded.bodyText.contains("<comment>a+b &amp; &lt;c&gt; кириллица =</comment>"))
        #expect(recorded.bodyText.hasSuffix("</PostTransaction></soap:Body></soap:Envelope>"))
        #expect(recorded.parameterList == parameters)
    }

    @Test("rejects a parameter value with an XML-forbidden character")
    func forbiddenCharacterInParameter() {
        let builder = OTRequestBuilder(configuration: TestConfiguration.make())
        let bad = OTCall(.postTransaction, [OTParameter("comment", "bell \u{07}")])
        #expect {
            try builder.parameters(for: bad, sessionId: "s", now: Date())
        } throws: { error in
            guard case .invalidRequest(let field, _) = (error as? OTAPIError)?.code else { return false }
            return field == "comment"
        }
    }

    @Test("method table says which calls write and which session they need")
    func methodTable() {
        let writes: Set<OTMethod> = [
            .addOrder, .postTransaction, .salesPaymentReserve, .cancelSalesOrder, .cancelSalesOrderForOperator,
            .runOrderExportingToProvider, .runOrdersSynchronizingWithProvider, .doActionForBackgroundActivity,
        ]
        for method in OTMethod.allCases {
            #expect((method.kind == .write) == writes.contains(method), "\(method.rawValue)")
        }
        #expect(OTMethod.addOrder.session == .customer)
        #expect(OTMethod.cancelSalesOrder.session == .customer)
        #expect(OTMethod.postTransaction.session == .operator)
        #expect(OTMethod.salesPaymentReserve.session == .operator)
        #expect(OTMethod.authenticateInstanceOperator.session == nil)
        #expect(OTMethod.getProviderInfo.session == nil)
    }
}
