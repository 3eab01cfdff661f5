import Foundation
import Testing

@testable import Gateway

/// Input rules and authentication of the order endpoints, through the server: every bad
/// request gets its response before any OT call.
@Suite(.serialized) struct OrderInputTests {
    @Test func invalidBodiesGetFieldErrorsBeforeOT() async throws {
        let harness = try await GatewayHarness.start()
        let cases: [(body: String, fields: [String])] = [
            ("", ["lines"]),
            ("{}", ["lines"]),
            (#"{"lines":[]}"#, ["lines"]),
            (#"{"lines":[{"itemId":"a","quantity":0}],"extra":1}"#, ["extra", "lines[0].quantity"]),
            (#"{"lines":[{"itemId":"a","quantity":1,"weight":"-1"}]}"#, ["lines[0].weight"]),
            (#"{"lines":[{"itemId":"a","quantity":1,"configurationId":"a b"}]}"#, ["lines[0].configurationId"]),
            (#"{"externalId":"with space","lines":[{"itemId":"a","quantity":1}]}"#, ["externalId"]),
            (#"{"comment":"a\u0007","lines":[{"itemId":"a","quantity":1}]}"#, ["comment"]),
            (#"{"onPartial":"maybe","lines":[{"itemId":"a","quantity":1}]}"#, ["onPartial"]),
        ]
        for (body, fields) in cases {
            let reply = try await harness.send("POST", "/orders", body: body)
            #expect(reply.status == 400, "body \(body)")
            #expect(reply.code == "invalid_request", "body \(body)")
            #expect(reply.objects("errors").compactMap { $0["field"] as? String } == fields, "body \(body)")
        }
        #expect(harness.simulator.calls.isEmpty)
        await harness.stop()
    }

    @Test func nonObjectAndBrokenJSONAreRejected() async throws {
        let harness = try await GatewayHarness.start()
        for body in ["[1]", "\"order\"", "{\"lines\":", "{\"a\":1,\"a\":2}"] {
            let reply = try await harness.send("POST", "/orders", body: body)
            #expect(reply.status == 400, "body \(body)")
            #expect(reply.code == "invalid_request", "body \(body)")
        }
        let notUTF8 = try await TestHTTPClient.send(
            address: harness.gatewayAddress,
            method: "POST",
            path: "/orders",
            headers: ["Authorization": "Bearer \(GatewayHarness.token)", "Content-Type": "application/json"],
            body: Array(#"{"comment":""#.utf8) + [0xC3, 0x28] + Array(#"","lines":[]}"#.utf8)
        )
        #expect(notUTF8.status == 400)
        #expect(harness.simulator.calls.isEmpty)
        await harness.stop()
    }

    @Test func bodyOverLimitIsTooLarge() async throws {
        let harness = try await GatewayHarness.start()
        let padding = String(repeating: "a", count: OrderLimits.maxBodyBytes)
        let reply = try await harness.send("POST", "/orders", body: #"{"comment":"\#(padding)"}"#)
        #expect(reply.status == 413)
        #expect(reply.code == "payload_too_large")
        #expect(harness.simulator.calls.isEmpty)
        await harness.stop()
    }

    @Test func invalidIdempotencyKeyIsRejected() async throws {
        let harness = try await GatewayHarness.start()
        let body = OrderFixtures.body([OrderFixtures.line("abb-1")])
        for key in [String(repeating: "k", count: 256), "two words"] {
            let reply = try await harness.send("POST", "/orders", body: body, headers: ["Idempotency-Key": key])
            #expect(reply.status == 400)
            #expect(reply.objects("errors").first?["field"] as? String == "Idempotency-Key")
        }
        #expect(harness.simulator.calls.isEmpty)
        await harness.stop()
    }

    @Test func everyEndpointNeedsBearerToken() async throws {
        let harness = try await GatewayHarness.start()
        let requests: [(String, String)] = [
            ("POST", "/orders"), ("GET", "/orders/123"), ("GET", "/orders?externalId=A"),
            ("POST", "/orders/123/cancel"),
        ]
        for (method, path) in requests {
            for authorization in [nil, "Bearer wrong-token", "Basic dXNlcjpwYXNz"] as [String?] {
                let reply = try await harness.send(
                    method,
                    path,
                    body: method == "POST" ? OrderFixtures.body([OrderFixtures.line("abb-1")]) : nil,
                    authorization: authorization
                )
                #expect(reply.status == 401, "\(method) \(path) with \(authorization ?? "no header")")
                #expect(reply.code == "unauthorized")
                #expect(reply.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            }
        }
        #expect(harness.simulator.calls.isEmpty)
        await harness.stop()
    }
}
