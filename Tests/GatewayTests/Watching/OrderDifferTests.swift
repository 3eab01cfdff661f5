import Gateway
import Testing

@Suite struct OrderDifferTests {
    typealias Status = OrderSnapshot.Status

    static func line(_ id: String, _ status: Int, booked: String? = nil, tracking: String? = nil) -> OrderSnapshot.Line
    {
        OrderSnapshot.Line(
            id: id,
            status: Status(id: status, name: "s\(status)"),
            providerOrderID: booked,
            trackingNumber: tracking
        )
    }

    static func order(
        status: Int = 20,
        paid: Bool = true,
        cancelled: Bool = false,
        lines: [OrderSnapshot.Line] = [line("L1", 2)],
        packages: [OrderSnapshot.Package] = []
    ) -> OrderSnapshot {
        OrderSnapshot(
            orderID: "ORD-0000000001",
            status: Status(id: status, name: "s\(status)"),
            isPaid: paid,
            isCancelled: cancelled,
            isCompleted: false,
            lines: lines,
            packages: packages
        )
    }

    static func types(_ events: [EventDraft]) -> [String] { events.map(\.type.rawValue) }

    @Test func unchangedOrderHasNoEvents() {
        #expect(OrderDiffer.events(from: Self.order(), to: Self.order()).isEmpty)
    }

    @Test func paymentChangesStatusAndPays() {
        let before = Self.order(status: 10, paid: false, lines: [Self.line("L1", 1)])
        let events = OrderDiffer.events(from: before, to: Self.order())
        #expect(Self.types(events) == ["order.status_changed", "order.paid", "order.line.status_changed"])
        #expect(events[0].data["from"]?["id"] == .number("10"))
        #expect(events[0].data["to"]?["id"] == .number("20"))
        #expect(events[2].data["lineId"] == .string("L1"))
        #expect(events.allSatisfy { $0.orderID == "ORD-0000000001" })
    }

    @Test func bookingAndTrackingAreReported() {
        let booked = Self.order(lines: [Self.line("L1", 4, booked: "TB1"), Self.line("L2", 2)])
        let shipped = Self.order(
            lines: [Self.line("L1", 9, booked: "TB1", tracking: "YT1"), Self.line("L2", 4, booked: "TB2")],
            packages: [OrderSnapshot.Package(id: "P1", trackingNumber: "SIM1")]
        )
        let events = OrderDiffer.events(from: booked, to: shipped)
        #expect(
            Self.types(events) == [
                "order.line.status_changed", "order.line.tracking_assigned", "order.line.status_changed",
                "order.line.booked", "order.package.tracking_assigned",
            ]
        )
        #expect(events[1].data["trackingNumber"] == .string("YT1"))
        #expect(events[3].data["providerOrderId"] == .string("TB2"))
        #expect(events[4].data["packageId"] == .string("P1"))
    }

    @Test func cancellationIsReported() {
        let events = OrderDiffer.events(from: Self.order(), to: Self.order(status: 50, cancelled: true))
        #expect(Self.types(events) == ["order.status_changed", "order.cancelled"])
    }

    @Test func firstReadReportsOnlyMilestones() {
        let current = Self.order(lines: [Self.line("L1", 4, booked: "TB1"), Self.line("L2", 2)])
        #expect(Self.types(OrderDiffer.events(from: nil, to: current)) == ["order.paid", "order.line.booked"])
        let unpaid = Self.order(status: 10, paid: false, lines: [Self.line("L1", 1)])
        #expect(OrderDiffer.events(from: nil, to: unpaid).isEmpty)
    }

    @Test func newPackageWithoutTrackingIsQuiet() {
        let after = Self.order(packages: [OrderSnapshot.Package(id: "P1", trackingNumber: nil)])
        #expect(OrderDiffer.events(from: Self.order(), to: after).isEmpty)
    }

    @Test func watchStateRoundTrips() {
        let state = WatchState(
            order: Self.order(lines: [Self.line("L1", 4, booked: "TB1", tracking: "YT1")]),
            providerSessionID: "session-1"
        )
        #expect(WatchState(jsonText: state.jsonText) == state)
        let sessionOnly = WatchState(order: nil, providerSessionID: "session-2")
        #expect(WatchState(jsonText: sessionOnly.jsonText) == sessionOnly)
        #expect(WatchState(jsonText: "not json") == WatchState(order: nil, providerSessionID: nil))
        #expect(WatchState(jsonText: nil) == WatchState(order: nil, providerSessionID: nil))
    }

    @Test func watchStateReadsInterfaceOrder() throws {
        let json = """
            {"id":"ORD-0000000123","externalId":"SHOP-1","status":{"id":10,"name":"Awaiting payment"},
             "isPaid":false,"isCancelled":false,"isCompleted":false,"currency":"CNY","totalAmount":"118.00",
             "lines":[{"id":"1234567","itemId":"abb-1","status":{"id":1,"name":"Awaiting payment"},
                       "providerOrderId":null,"providerTrackingNumber":null}],
             "packages":[],"rejectedLines":[]}
            """
        let state = WatchState(jsonText: json)
        let order = try #require(state.order)
        #expect(order.orderID == "ORD-0000000123")
        #expect(order.status.id == 10)
        #expect(order.lines.map(\.id) == ["1234567"])
        #expect(order.lines.first?.status.id == 1)
        #expect(state.providerSessionID == nil)
    }
}
