import Foundation
import HTTPServer
import Testing

@testable import OTSimulator

@Suite struct AuthenticationTests {
    @Test func operatorLoginReturnsSessionValue() async throws {
        let harness = try Harness()
        let config = harness.simulator.initialConfiguration
        let answer = try await harness.call(
            "AuthenticateInstanceOperator",
            [("userLogin", config.operatorLogin), ("userPassword", config.operatorPassword)]
        )
        #expect(answer.root.name == "OtapiSessionIdAnswer")
        #expect(answer.errorCode == "Ok")
        #expect(answer.root.attributes["xmlns:xsi"] == "http://www.w3.org/2001/XMLSchema-instance")
        let session = try #require(answer.text("SessionId/Value"))
        #expect(UUID(uuidString: session) != nil)
        #expect(harness.simulator.state.sessions[session]?.kind == .operator)
    }

    @Test func customerLoginReturnsPlainSessionId() async throws {
        let harness = try Harness()
        let session = try await harness.customerSession()
        #expect(UUID(uuidString: session) != nil)
        let info = try await harness.call("GetUserInfo", [("sessionId", session)])
        #expect(info.root.name == "OtapiUserInfoAnswer")
        #expect(info.text("UserInfo/Id") == "100001")
    }

    @Test func wrongPasswordIsAccessDenied() async throws {
        let harness = try Harness()
        let answer = try await harness.call(
            "Authenticate",
            [("userLogin", "sim-customer"), ("userPassword", "wrong")]
        )
        #expect(answer.errorCode == "AccessDenied")
        #expect(harness.simulator.state.sessions.isEmpty)
    }

    @Test func customerSessionOnOperatorMethodIsSessionExpired() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let answer = try await harness.call(
            "GetStatementForOperator",
            [("sessionId", customer), ("customerId", "100001")]
        )
        #expect(answer.errorCode == "SessionExpired")
        #expect(answer.text("Result") == nil)
    }

    @Test func operatorSessionOnCustomerMethodIsSessionExpired() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let answer = try await harness.addOrder([("600000000001", "0", 1)], session: operatorSession)
        #expect(answer.errorCode == "SessionExpired")
        #expect(harness.simulator.state.orders.isEmpty)
    }

    @Test func unknownSessionIsSessionExpired() async throws {
        let harness = try Harness()
        let answer = try await harness.call("GetUserProfileInfoList", [("sessionId", UUID().uuidString)])
        #expect(answer.errorCode == "SessionExpired")
    }

    @Test func unknownInstanceKeyIsAccessDenied() async throws {
        let harness = try Harness()
        let answer = try await harness.call(
            "GetOrderStatusList",
            [("instanceKey", "someone-elses-key")],
            withKey: false
        )
        #expect(answer.errorCode == "AccessDenied")
    }

    @Test func unknownMethodIsNotFound() async throws {
        let harness = try Harness()
        let answer = try await harness.call("NoSuchMethod")
        #expect(answer.errorCode == "NotFound")
        #expect(answer.text("ErrorDescription")?.contains("NoSuchMethod") == true)
    }

    @Test func missingParameterIsContractViolation() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let answer = try await harness.call("GetSalesOrderDetailsForOperator", [("sessionId", operatorSession)])
        #expect(answer.errorCode == "ContractViolation")
        #expect(answer.subErrorCode == "InvalidInputValue")
    }

    @Test func malformedParametersAreContractViolation() async throws {
        let harness = try Harness()
        let operatorSession = try await harness.operatorSession()
        let cases: [(String, [(String, String)])] = [
            ("GetSalesOrderDetailsForOperator", [("salesId", "12345")]),
            ("PostTransaction", [("customerId", "100001"), ("amount", "1.005"), ("isDebit", "true")]),
            ("PostTransaction", [("customerId", "100001"), ("amount", "-5"), ("isDebit", "true")]),
            ("PostTransaction", [("customerId", "100001"), ("amount", "5"), ("isDebit", "yes")]),
            ("SearchOrders", [("xmlSearchParameters", "<OrderSearchParameters><Id>")]),
        ]
        for (method, parameters) in cases {
            let answer = try await harness.call(method, [("sessionId", operatorSession)] + parameters)
            #expect(answer.errorCode == "ContractViolation", "\(method) \(parameters)")
            #expect(answer.subErrorCode == "InvalidInputValue", "\(method) \(parameters)")
        }
    }

    @Test func badPercentEscapeIsContractViolation() async throws {
        let harness = try Harness()
        let request = Request(
            method: .post,
            target: "/service/GetOrderStatusList",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array("instanceKey=sim-instance-key&language=%G1".utf8)
        )
        let response = try await harness.send(request)
        let answer = try #require(XMLDocument.parse(String(decoding: response.body, as: UTF8.self)))
        #expect(answer.errorCode == "ContractViolation")
    }

    @Test func getAndAsmxPathsWork() async throws {
        let harness = try Harness()
        let viaGet = try await harness.call("GetOrderStatusList", get: true)
        #expect(viaGet.errorCode == "Ok")
        let viaAsmx = try await harness.call("GetOrderStatusList", path: "/OtapiWebService2.asmx/")
        #expect(viaAsmx.errorCode == "Ok")
        #expect(viaAsmx.root.name == "OtapiSalesStatusInfoListAnswer")
        let ids = viaAsmx.elements("Result/SalesStatusInfo").compactMap { $0.text("Id") }
        #expect(ids.contains("90"))
        #expect(ids.contains("20"))
    }
}

@Suite struct SigningTests {
    static let secret = "s3cret"

    func signedHarness() throws -> Harness {
        try Harness { $0.apiSecret = Self.secret }
    }

    func sign(_ method: String, _ parameters: [(String, String)]) -> String {
        let sorted = parameters.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        return RequestSignature.sha256Hex(method + sorted.map(\.1).joined() + Self.secret)
    }

    func parameters(timestamp: Date) -> [(String, String)] {
        [("instanceKey", "sim-instance-key"), ("language", "en"), ("timestamp", Timestamps.formatCompact(timestamp))]
    }

    @Test func documentedExampleSignature() {
        let signature = RequestSignature.expected(
            method: "GetCategoryInfo",
            parameters: [
                (name: "instanceKey", value: "INSTANCEKEY"), (name: "language", value: "ru"),
                (name: "timestamp", value: "20210212114345"), (name: "categoryId", value: "0"),
            ],
            secret: "123123"
        )
        #expect(signature == "305330c8b160062a90c9449cd146f4fb79a458d0fe3f04b55908edab5c65f1a5")
    }

    @Test func validSignatureIsAccepted() async throws {
        let harness = try signedHarness()
        var parameters = parameters(timestamp: Date())
        parameters.append(("signature", sign("GetOrderStatusList", parameters)))
        let answer = try await harness.call("GetOrderStatusList", parameters, withKey: false)
        #expect(answer.errorCode == "Ok")
    }

    @Test func signatureCoversNonASCIIValues() async throws {
        let harness = try signedHarness()
        let operatorSession = try await signedLogin(harness)
        var parameters =
            parameters(timestamp: Date()) + [
                ("sessionId", operatorSession), ("customerId", "100001"), ("amount", "10.00"), ("isDebit", "true"),
                ("comment", "a+b & <c> кириллица ="),
            ]
        parameters.append(("signature", sign("PostTransaction", parameters)))
        let answer = try await harness.call("PostTransaction", parameters, withKey: false)
        #expect(answer.errorCode == "Ok")
    }

    func signedLogin(_ harness: Harness) async throws -> String {
        var parameters =
            parameters(timestamp: Date()) + [
                ("userLogin", "sim-operator"), ("userPassword", "sim-operator-password"),
            ]
        parameters.append(("signature", sign("AuthenticateInstanceOperator", parameters)))
        let answer = try await harness.call("AuthenticateInstanceOperator", parameters, withKey: false)
        return try #require(answer.text("SessionId/Value"))
    }

    @Test func missingTimestampIsRejected() async throws {
        let harness = try signedHarness()
        let answer = try await harness.call("GetOrderStatusList", [("signature", "abc")])
        #expect(answer.errorCode == "AccessDenied")
        #expect(answer.subErrorCode == "MissingTimestamp")
    }

    @Test func missingSignatureIsRejected() async throws {
        let harness = try signedHarness()
        let answer = try await harness.call("GetOrderStatusList", parameters(timestamp: Date()), withKey: false)
        #expect(answer.errorCode == "AccessDenied")
        #expect(answer.subErrorCode == "MissingSignature")
    }

    @Test func wrongSignatureIsRejected() async throws {
        let harness = try signedHarness()
        var parameters = parameters(timestamp: Date())
        parameters.append(("signature", sign("GetOrderStatusList", parameters + [("extra", "x")])))
        let answer = try await harness.call("GetOrderStatusList", parameters, withKey: false)
        #expect(answer.subErrorCode == "InvalidSignature")
    }

    @Test func staleTimestampIsRejected() async throws {
        let harness = try signedHarness()
        var parameters = parameters(timestamp: Date().addingTimeInterval(-3700))
        parameters.append(("signature", sign("GetOrderStatusList", parameters)))
        let answer = try await harness.call("GetOrderStatusList", parameters, withKey: false)
        #expect(answer.errorCode == "AccessDenied")
        #expect(answer.subErrorCode == "InvalidTimestamp")
    }

    @Test func timestampWithinAnHourIsAccepted() async throws {
        let harness = try signedHarness()
        var parameters = parameters(timestamp: Date().addingTimeInterval(3500))
        parameters.append(("signature", sign("GetOrderStatusList", parameters)))
        let answer = try await harness.call("GetOrderStatusList", parameters, withKey: false)
        #expect(answer.errorCode == "Ok")
    }
}
