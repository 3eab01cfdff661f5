import Foundation
import Store
import Testing

@testable import Gateway

/// `GET /orders/{id}`, `GET /orders?externalId=` and `POST /orders/{id}/cancel` end to end.
@Suite(.serialized) struct OrderReadCancelTests {
    private func place(_ harness: GatewayHarness, externalID: String? = nil) async throws -> String {
        let reply = try await harness.send(
            "POST",
            "/orders",
            body: OrderFixtures.body([OrderFixtures.line("abb-1", quantity: 2)], externalID: externalID)
        )
        #expect(reply.status == 201)
        return try #require(reply.string("id"))
    }

    @Test func orderIsReadByEitherIDForm() async throws {
        let harness = try await GatewayHarness.start()
        let id = try await self.place(harness, externalID: "READ-1")
        let number = String(Int(id.dropFirst(4))!)

        for path in ["/orders/\(id)", "/orders/\(number)"] {
            let reply = try await harness.send("GET", path)
            #expect(reply.status == 200)
            #expect(reply.string("id") == id)
            #expect(reply.string("externalId") == "READ-1")
            #expect(reply.objects("lines").first?["quantity"] as? Int == 2)
            #expect(reply.json?["packages"] as? [Any] != nil)
            #expect((reply.json?["payment"] as? [String: Any])?["state"] as? String == "none")
        }
        await harness.stop()
    }

    @Test func badAndUnknownIDs() async throws {
        let harness = try await GatewayHarness.start()
        for path in ["/orders/abc", "/orders/ORD-12", "/orders/0", "/orders/abc/cancel"] {
            let reply = try await harness.send(path.hasSuffix("cancel") ? "POST" : "GET", path)
            #expect(reply.status == 400, "path \(path)")
            #expect(reply.code == "invalid_request")
        }
        let unknown = try await harness.send("GET", "/orders/ORD-0000999999")
        #expect(unknown.status == 404)
        #expect(unknown.code == "not_found")
        let cancelUnknown = try await harness.send("POST", "/orders/999999/cancel")
        #expect(cancelUnknown.status == 404)
        #expect(harness.simulator.callCount("CancelSalesOrder") == 0)
        await harness.stop()
    }

    @Test func paymentStateComesFromStore() async throws {
        let harness = try await GatewayHarness.start()
        let id = try await self.place(harness)
        try await harness.services.store.insertPayment(
            PaymentRecord(
                paymentID: "pay-1",
                orderID: id,
                customerID: "100001",
                state: .incomplete,
                amount: Decimal(string: "118.5")!,
                depositedAmount: Decimal(string: "118.5")!,
                reservedAmount: 0,
                currency: "CNY",
                createdAt: 1,
                updatedAt: 1
            )
        )
        let reply = try await harness.send("GET", "/orders/\(id)")
        let payment = reply.json?["payment"] as? [String: Any]
        #expect(payment?["state"] as? String == "incomplete")
        #expect(payment?["amount"] as? String == "118.50")
        #expect(payment?["depositedAmount"] as? String == "118.50")
        #expect(payment?["reservedAmount"] as? String == "0.00")
        await harness.stop()
    }

    @Test func ordersAreListedByExternalID() async throws {
        let harness = try await GatewayHarness.start()
        let first = try await self.place(harness, externalID: "LIST-1")
        _ = try await self.place(harness, externalID: "LIST-2")
        let reply = try await harness.send("GET", "/orders?externalId=LIST-1")
        #expect(reply.status == 200)
        #expect(reply.objects("orders").map { $0["id"] as? String } == [first])

        let none = try await harness.send("GET", "/orders?externalId=NOPE")
        #expect(none.objects("orders").isEmpty)
        let missing = try await harness.send("GET", "/orders")
        #expect(missing.status == 400)
        #expect(missing.objects("errors").first?["field"] as? String == "externalId")
        await harness.stop()
    }

    @Test func orderIsCancelledOnce() async throws {
        let harness = try await GatewayHarness.start()
        let id = try await self.place(harness, externalID: "CANCEL-1")

        let reply = try await harness.send("POST", "/orders/\(id)/cancel")
        #expect(reply.status == 200)
        #expect(reply.json?["isCancelled"] as? Bool == true)
        #expect(harness.simulatorOrder(id)?.isCancelled == true)
        #expect(try await harness.services.store.gatewayOrder(orderID: id)?.state == .cancelled)

        let again = try await harness.send("POST", "/orders/\(id)/cancel")
        #expect(again.status == 409)
        #expect(again.code == "order_not_cancellable")
        #expect(harness.simulator.callCount("CancelSalesOrder") == 1)
        await harness.stop()
    }

    @Test func orderOTCannotCancelIsLeftAlone() async throws {
        let harness = try await GatewayHarness.start()
        let id = try await self.place(harness)
        harness.simulator.updateState { state in
            if let index = state.orders.firstIndex(where: { $0.id == id }) {
                state.orders[index].isExported = true
            }
        }
        let reply = try await harness.send("POST", "/orders/\(id)/cancel")
        #expect(reply.status == 409)
        #expect(reply.code == "order_not_cancellable")
        #expect(reply.string("detail")?.contains("CanCancel") == true)
        #expect(harness.simulator.callCount("CancelSalesOrder") == 0)
        await harness.stop()
    }

    @Test func cancelTakesNoFields() async throws {
        let harness = try await GatewayHarness.start()
        let reply = try await harness.send("POST", "/orders/123/cancel", body: #"{"reason":"x"}"#)
        #expect(reply.status == 400)
        #expect(reply.objects("errors").first?["field"] as? String == "reason")
        #expect(harness.simulator.calls.isEmpty)
        await harness.stop()
    }
}
