import Foundation
import OTSimulator
import Store
import Testing

@testable import Gateway

/// `POST /orders` end to end: the gateway's HTTP server, libcurl and the simulator.
@Suite(.serialized) struct OrderPlacementTests {
    @Test func twoLineOrderIsPlaced() async throws {
        let harness = try await GatewayHarness.start()
        let body = OrderFixtures.body(
            [
                OrderFixtures.line("abb-560724366248", quantity: 2, configurationID: "4000000000001"),
                OrderFixtures.line("abb-2", extra: #""weight":"0.5","comment":"red, size M","promotionId":null"#),
            ],
            externalID: "SHOP-1001",
            members: #""comment":"gift wrap""#
        )
        let reply = try await harness.send("POST", "/orders", body: body)

        #expect(reply.status == 201)
        let id = try #require(reply.string("id"))
        #expect(id.hasPrefix("ORD-"))
        #expect(reply.headers["location"] == "/orders/\(id)")
        #expect(reply.string("externalId") == "SHOP-1001")
        #expect((reply.json?["payment"] as? [String: Any])?["state"] as? String == "none")
        #expect(reply.objects("lines").count == 2)
        #expect(reply.objects("rejectedLines").isEmpty)
        #expect(reply.string("totalAmount")?.contains(".") == true)

        let order = try #require(harness.simulatorOrder(id))
        #expect(order.comment.hasPrefix("[otgw:"))
        #expect(order.comment.hasSuffix("] SHOP-1001\ngift wrap"))
        #expect(order.lines.map(\.quantity) == [2, 1])
        #expect(order.lines[1].comment == "red, size M")
        #expect(harness.simulator.callCount("AddOrder") == 1)
        let record = try await harness.services.store.gatewayOrder(orderID: id)
        #expect(record?.externalID == "SHOP-1001")
        #expect(record.map { order.comment.hasPrefix(OrderComment.marker(attemptID: $0.attemptID)) } == true)
        await harness.stop()
    }

    @Test func partialOrderIsCancelledByDefault() async throws {
        let harness = try await GatewayHarness.start()
        let body = OrderFixtures.body([OrderFixtures.line("abb-1"), OrderFixtures.line("gone-111")], externalID: "P-1")
        let reply = try await harness.send("POST", "/orders", body: body)

        #expect(reply.status == 409)
        #expect(reply.code == "partial_order_cancelled")
        let rejected = reply.objects("rejectedLines")
        #expect(rejected.count == 1)
        #expect(rejected.first?["index"] as? Int == 1)
        #expect(rejected.first?["itemId"] as? String == "gone-111")
        #expect((rejected.first?["possibleReasons"] as? [String])?.count == 4)
        let id = try #require(reply.string("orderId"))
        #expect(harness.simulatorOrder(id)?.isCancelled == true)
        #expect(try await harness.services.store.gatewayOrder(orderID: id)?.state == .cancelled)

        // A cancelled order does not block a new order with the same externalId.
        let retry = try await harness.send(
            "POST",
            "/orders",
            body: OrderFixtures.body([OrderFixtures.line("abb-1")], externalID: "P-1")
        )
        #expect(retry.status == 201)
        await harness.stop()
    }

    @Test func partialOrderIsKeptWhenAccepted() async throws {
        let harness = try await GatewayHarness.start()
        let body = OrderFixtures.body(
            [OrderFixtures.line("noseller-7"), OrderFixtures.line("abb-1", quantity: 3)],
            members: #""onPartial":"accept""#
        )
        let reply = try await harness.send("POST", "/orders", body: body)

        #expect(reply.status == 201)
        #expect(reply.objects("rejectedLines").map { $0["index"] as? Int } == [0])
        #expect(reply.objects("lines").count == 1)
        let id = try #require(reply.string("id"))
        #expect(harness.simulatorOrder(id)?.isCancelled == false)
        await harness.stop()
    }

    @Test func orderWithAllLinesGoneLeavesNothing() async throws {
        let harness = try await GatewayHarness.start()
        let body = OrderFixtures.body([OrderFixtures.line("gone-1"), OrderFixtures.line("badfield-2", quantity: 2)])
        let reply = try await harness.send("POST", "/orders", body: body)

        #expect(reply.status == 422)
        #expect(reply.code == "nothing_ordered")
        #expect(reply.objects("rejectedLines").map { $0["index"] as? Int } == [0, 1])
        #expect(harness.simulator.state.orders.filter { !$0.isCancelled }.isEmpty)
        await harness.stop()
    }

    @Test func tmallLineIsRefused() async throws {
        let harness = try await GatewayHarness.start()
        let body = OrderFixtures.body([OrderFixtures.line("abb-1"), OrderFixtures.line("tmall-55")])
        let reply = try await harness.send("POST", "/orders", body: body)

        #expect(reply.status == 422)
        #expect(reply.code == "tmall_not_supported")
        #expect(reply.objects("tmallLines").map { $0["index"] as? Int } == [1])
        #expect(reply.objects("tmallLines").first?["itemId"] as? String == "tmall-55")
        #expect(harness.simulator.callCount("AddOrder") == 0)
        await harness.stop()
    }

    @Test func tmallLineIsOrderedWhenAllowed() async throws {
        let harness = try await GatewayHarness.start(environment: ["OTGW_REJECT_TMALL": "false"])
        let reply = try await harness.send(
            "POST",
            "/orders",
            body: OrderFixtures.body([OrderFixtures.line("tmall-55")])
        )
        #expect(reply.status == 201)
        #expect(harness.simulator.callCount("BatchGetItemFullInfo") == 0)
        await harness.stop()
    }

    @Test func xmlHostileTextArrivesIntact() async throws {
        let harness = try await GatewayHarness.start()
        let comment = "Tom & Jerry <b> </Comment><UserProfileId>999</UserProfileId><Comment> 🎁 кириллица 中文 ]]>"
        let lineComment = "]]> &amp; <x/> ' \" Ж 包"
        let body = OrderFixtures.body(
            [OrderFixtures.line("abb-1", extra: #""comment":\#(OrderFixtures.jsonString(lineComment))"#)],
            externalID: "X&<1>",
            members: #""comment":\#(OrderFixtures.jsonString(comment))"#
        )
        let reply = try await harness.send("POST", "/orders", body: body)

        #expect(reply.status == 201)
        let id = try #require(reply.string("id"))
        let order = try #require(harness.simulatorOrder(id))
        #expect(order.comment.hasSuffix("] X&<1>\n" + comment))
        #expect(order.userProfileId == SimulatorConfiguration.Defaults.userProfileId)
        #expect(order.lines.first?.comment == lineComment)
        await harness.stop()
    }

    @Test func manyLinesWithLongCommentsFit() async throws {
        let harness = try await GatewayHarness.start()
        let comment = String(repeating: "ж", count: 500)
        let lines = (0..<100).map {
            OrderFixtures.line("abb-\($0)", extra: #""comment":"\#(comment)""#)
        }
        let reply = try await harness.send("POST", "/orders", body: OrderFixtures.body(lines))
        #expect(reply.status == 201)
        #expect(reply.objects("lines").count == 100)
        await harness.stop()
    }

    @Test func duplicateExternalIDIsRefused() async throws {
        let harness = try await GatewayHarness.start()
        let body = OrderFixtures.body([OrderFixtures.line("abb-1")], externalID: "SHOP-DUP")
        let first = try await harness.send("POST", "/orders", body: body)
        #expect(first.status == 201)
        let second = try await harness.send("POST", "/orders", body: body)

        #expect(second.status == 409)
        #expect(second.code == "duplicate_external_id")
        #expect(second.string("orderId") == first.string("id"))
        #expect(harness.simulator.callCount("AddOrder") == 1)
        await harness.stop()
    }

    @Test func fiftyConcurrentOrders() async throws {
        let harness = try await GatewayHarness.start()
        let replies = try await withThrowingTaskGroup(of: TestHTTPReply.self) { group in
            for index in 0..<50 {
                group.addTask {
                    try await harness.send(
                        "POST",
                        "/orders",
                        body: OrderFixtures.body([OrderFixtures.line("abb-\(index)")], externalID: "C-\(index)")
                    )
                }
            }
            var replies: [TestHTTPReply] = []
            for try await reply in group {
                replies.append(reply)
            }
            return replies
        }

        #expect(replies.map(\.status) == Array(repeating: 201, count: 50))
        #expect(Set(replies.compactMap { $0.string("id") }).count == 50)
        #expect(harness.simulator.state.orders.count == 50)
        await harness.stop()
    }

    @Test func defaultProfileIsReadOnce() async throws {
        let harness = try await GatewayHarness.start()
        for index in 0..<2 {
            let reply = try await harness.send(
                "POST",
                "/orders",
                body: OrderFixtures.body([OrderFixtures.line("abb-\(index)")])
            )
            #expect(reply.status == 201)
        }
        #expect(harness.simulator.callCount("GetUserProfileInfoList") == 1)
        await harness.stop()
    }
}
