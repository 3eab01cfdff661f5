import OTAPI

/// Compares the lines OT put into a new order with the lines the shop asked for.
public enum OrderLineMatching {
    /// The parts of an OT order line the comparison uses.
    public struct OrderedLine: Sendable, Equatable {
        public var itemID: String?
        public var configurationID: String?
        public var quantity: Int?

        public init(itemID: String?, configurationID: String?, quantity: Int?) {
            self.itemID = itemID
            self.configurationID = configurationID
            self.quantity = quantity
        }

        public init(_ line: SalesLine) {
            self.init(itemID: line.itemId, configurationID: line.configId, quantity: line.quantity)
        }
    }

    /// Returns the request lines OT left out, by 0-based request index.
    ///
    /// Each request line takes the first unused OT line with the same item and configuration
    /// (an empty OT configuration counts as `"0"`), preferring one with the same quantity.
    /// OT does not say why it dropped a line, so every reason is listed as possible.
    public static func rejectedLines(
        requested: [OrderRequestLine],
        ordered: [OrderedLine]
    ) -> [OrderRepresentation.RejectedLine] {
        var unused = Array(ordered.indices)
        var rejected: [OrderRepresentation.RejectedLine] = []
        for (index, line) in requested.enumerated() {
            let candidates = unused.filter { self.sameItem(ordered[$0], line) }
            let chosen = candidates.first { ordered[$0].quantity == line.quantity } ?? candidates.first
            if let chosen {
                unused.removeAll { $0 == chosen }
            } else {
                rejected.append(self.rejected(line, index: index))
            }
        }
        return rejected
    }

    /// Returns every request line as rejected, for an order OT did not create.
    public static func allRejected(_ requested: [OrderRequestLine]) -> [OrderRepresentation.RejectedLine] {
        requested.enumerated().map { self.rejected($0.element, index: $0.offset) }
    }

    static func rejected(_ line: OrderRequestLine, index: Int) -> OrderRepresentation.RejectedLine {
        OrderRepresentation.RejectedLine(
            index: index,
            itemID: line.itemID,
            configurationID: line.configurationID,
            quantity: line.quantity,
            possibleReasons: OrderRepresentation.allRejectionReasons
        )
    }

    static func sameItem(_ ordered: OrderedLine, _ line: OrderRequestLine) -> Bool {
        let configuration = ordered.configurationID.flatMap { $0.isEmpty ? nil : $0 } ?? "0"
        return ordered.itemID == line.itemID && configuration == line.configurationID
    }
}
