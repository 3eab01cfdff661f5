import Foundation
import Testing

@testable import OTAPI

@Suite("SOAP 1.1 binding")
struct SOAPBindingTests {
    static let asmx = "http://127.0.0.1:9/OtapiWebService2.asmx"

    func client(_ transport: ScriptedTransport) -> OTAPIClient {
        TestConfiguration.client(transport, configuration: TestConfiguration.make(binding: .soap11, baseURL: Self.asmx))
    }

    @Test("posts envelopes and unwraps MethodResponse/MethodResult")
    func unwrapsResult() async throws {
        let transport = ScriptedTransport { request, _ in .fixture("soap-" + request.method + ".xml") }
        let info = try await self.client(transport).getSalesPaymentInfo(salesId: "ORD-0000000042")
        #expect(info.customerBalanceAvailable == Decimal(string: "12.5"))
        #expect(info.salesId == "ORD-0000000042")

        let login = try #require(transport.requests(for: "AuthenticateInstanceOperator").first)
        #expect(login.url == Self.asmx)
        #expect(login.header("SOAPAction") == "\"http://tempuri.org/AuthenticateInstanceOperator\"")
        let call = try #require(transport.requests(for: "GetSalesPaymentInfo").first)
        #expect(call.url == Self.asmx)
        #expect(call.header("Content-Type") == "text/xml; charset=utf-8")
        #expect(call.header("SOAPAction") == "\"http://tempuri.org/GetSalesPaymentInfo\"")
        #expect(call.parameters["sessionId"] == "soap-operator-session")
        #expect(call.parameters["salesId"] == "ORD-0000000042")
        #expect(call.bodyText.contains("<GetSalesPaymentInfo xmlns=\"http://tempuri.org/\">"))
    }

    @Test("a SOAP fault with HTTP 500 is a soapFault error")
    func faultOn500() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "GetProviderInfo"
                ? .body(try! Fixtures.text("soap-fault.xml"), status: 500)
                : .fixture("soap-" + request.method + ".xml")
        }
        await #expect {
            _ = try await self.client(transport).getProviderInfo(providerType: "Taobao")
        } throws: { error in
            guard case .soapFault(let code, let text) = (error as? OTAPIError)?.code else { return false }
            return code == "soap:Client" && text.contains("SOAPAction")
        }
        #expect(transport.requests(for: "GetProviderInfo").count == 1, "a fault is not retried")
    }

    @Test("a SOAP fault with HTTP 200 is a soapFault error too")
    func faultOn200() async {
        let transport = ScriptedTransport { _, _ in .fixture("soap-fault.xml") }
        await #expect {
            _ = try await self.client(transport).getProviderInfo(providerType: "Taobao")
        } throws: { error in
            if case .soapFault = (error as? OTAPIError)?.code { return true }
            return false
        }
    }

    @Test("an envelope without the method's Result is a bad response")
    func wrongShape() async {
        let body = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
            <GetProviderInfoResponse xmlns="http://tempuri.org/"><Other><ErrorCode>Ok</ErrorCode></Other>
            </GetProviderInfoResponse></soap:Body></soap:Envelope>
            """
        let transport = ScriptedTransport { _, _ in .body(body) }
        await #expect {
            _ = try await self.client(transport).getProviderInfo(providerType: "Taobao")
        } throws: { error in
            guard case .badResponse(.soapShape, _) = (error as? OTAPIError)?.code else { return false }
            return true
        }
    }

    @Test("OT errors inside the SOAP result are classified as usual")
    func otErrorInsideSOAP() async {
        let body = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
            <GetProviderInfoResponse xmlns="http://tempuri.org/"><GetProviderInfoResult>
            <ErrorCode>CallLimit</ErrorCode><ErrorDescription>Too many calls</ErrorDescription>
            </GetProviderInfoResult></GetProviderInfoResponse></soap:Body></soap:Envelope>
            """
        let transport = ScriptedTransport { _, _ in .body(body) }
        await #expect {
            _ = try await self.client(transport).getProviderInfo(providerType: "Taobao")
        } throws: { error in
            guard case .retryLater("CallLimit", _, _) = (error as? OTAPIError)?.code else { return false }
            return true
        }
    }
}
