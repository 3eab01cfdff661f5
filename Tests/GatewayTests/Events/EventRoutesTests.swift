import Foundation
import Gateway
import Store
import Testing

@Suite struct EventRoutesTests {
    static func ids(_ reply: TestHTTPReply) -> [Int] {
        (reply.json?["events"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
    }

    @Test func eventsArePagedAfterAnID() async throws {
        let harness = try await GatewayHarness.start()
        var stored: [Int] = []
        for index in 1...5 {
            let event = try await EventRecorder.orderCreated(
                orderID: "ORD-000000000\(index)",
                externalID: "SHOP-\(index)",
                services: harness.services
            )
            stored.append(Int(try #require(event?.id)))
        }

        let first = try await harness.send("GET", "/events?limit=2")
        #expect(first.status == 200)
        #expect(Self.ids(first) == Array(stored.prefix(2)))
        #expect(first.json?["next"] as? Int == stored[1])

        let rest = try await harness.send("GET", "/events?after=\(stored[1])&limit=1000")
        #expect(Self.ids(rest) == Array(stored.dropFirst(2)))
        #expect(rest.json?["next"] as? Int == stored[4])

        let empty = try await harness.send("GET", "/events?after=\(stored[4])")
        #expect(Self.ids(empty).isEmpty)
        #expect(empty.json?["next"] as? Int == stored[4])

        let all = try await harness.send("GET", "/events")
        #expect(Self.ids(all) == stored)
        let event = try #require((all.json?["events"] as? [[String: Any]])?.first)
        #expect(event["type"] as? String == "order.created")
        #expect(event["orderId"] as? String == "ORD-0000000001")
        #expect((event["occurredAt"] as? String)?.hasSuffix("Z") == true)
        #expect((event["data"] as? [String: Any])?["externalId"] as? String == "SHOP-1")
        await harness.stop()
    }

    @Test func badPageParametersAre400() async throws {
        let harness = try await GatewayHarness.start()
        for query in ["limit=0", "limit=1001", "limit=abc", "after=-1", "after=x", "limit=%zz"] {
            let reply = try await harness.send("GET", "/events?\(query)")
            #expect(reply.status == 400, "query \(query)")
            #expect(reply.json?["code"] as? String == "invalid_request", "query \(query)")
        }
        let noToken = try await harness.send("GET", "/events", authorization: nil)
        #expect(noToken.status == 401)
        await harness.stop()
    }

    @Test func eventsWithoutWebhookNeedNoPush() async throws {
        let harness = try await GatewayHarness.start()
        let event = try await EventRecorder.paymentUnresolved(
            orderID: "ORD-0000000007",
            paymentID: "pay-1",
            state: "reconciling",
            depositedAmount: Decimal(string: "118.5"),
            reservedAmount: 0,
            detail: "The deposit's outcome is unknown.",
            services: harness.services
        )
        #expect(event?.deliveryState == .notRequired)
        #expect(event?.dataJSON.contains("\"depositedAmount\":\"118.50\"") == true)
        #expect(event?.type == "payment.unresolved")
        await harness.stop()
    }
}
