import Testing

@testable import Gateway

@Suite struct OrderHelpersTests {
    @Test func orderIDForms() {
        #expect(OrderID.normalize("123") == "ORD-0000000123")
        #expect(OrderID.normalize("ORD-0000000123") == "ORD-0000000123")
        for bad in ["", "0", "ORD-123", "ord-0000000123", "12a", "-5", "12345678901", "ORD-00000001234"] {
            #expect(OrderID.normalize(bad) == nil, "order id \(bad)")
        }
    }

    @Test func commentStartsWithMarker() {
        let comment = OrderComment.make(attemptID: "abc123", externalID: "SHOP-1", comment: "gift & <wrap>")
        #expect(comment == "[otgw:abc123] SHOP-1\ngift & <wrap>")
        #expect(OrderComment.hasMarker(comment, attemptID: "abc123"))
        #expect(OrderComment.hasMarker(comment, attemptID: "abc12") == false)
        #expect(OrderComment.hasMarker("note [otgw:abc123]", attemptID: "abc123") == false)
        #expect(OrderComment.make(attemptID: "x", externalID: nil, comment: nil) == "[otgw:x]")
        #expect(OrderComment.make(attemptID: "x", externalID: nil, comment: "") == "[otgw:x]")
    }

    @Test func matchingFindsMissingLines() {
        let requested = [
            OrderRequestLine(itemID: "a", configurationID: "0", quantity: 1),
            OrderRequestLine(itemID: "gone-1", configurationID: "0", quantity: 1),
            OrderRequestLine(itemID: "a", configurationID: "0", quantity: 3),
            OrderRequestLine(itemID: "b", configurationID: "c1", quantity: 1),
        ]
        let ordered = [
            OrderLineMatching.OrderedLine(itemID: "a", configurationID: "", quantity: 3),
            OrderLineMatching.OrderedLine(itemID: "a", configurationID: "0", quantity: 1),
            OrderLineMatching.OrderedLine(itemID: "b", configurationID: "c2", quantity: 1),
        ]
        let rejected = OrderLineMatching.rejectedLines(requested: requested, ordered: ordered)
        #expect(rejected.map(\.index) == [1, 3])
        #expect(rejected.first?.possibleReasons == OrderRepresentation.allRejectionReasons)
        #expect(OrderLineMatching.rejectedLines(requested: requested, ordered: []).count == 4)
    }
}
