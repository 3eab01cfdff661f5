import OTAPI

/// What the watcher compares between two reads of an order: statuses, flags, provider order
/// ids and tracking numbers.
///
/// Its JSON uses the member names of the order object of the interface, so a watch started
/// with that object as its snapshot is read the same way.
public struct OrderSnapshot: Sendable, Equatable {
    public struct Status: Sendable, Equatable {
        public var id: Int?
        public var name: String?

        public init(id: Int?, name: String?) {
            self.id = id
            self.name = name
        }
    }

    public struct Line: Sendable, Equatable {
        public var id: String
        public var status: Status
        /// The order id at the provider (Taobao); nil until the line is booked.
        public var providerOrderID: String?
        /// The provider's domestic tracking number (waybill).
        public var trackingNumber: String?

        public init(id: String, status: Status, providerOrderID: String?, trackingNumber: String?) {
            self.id = id
            self.status = status
            self.providerOrderID = providerOrderID
            self.trackingNumber = trackingNumber
        }
    }

    public struct Package: Sendable, Equatable {
        public var id: String
        /// The international tracking number.
        public var trackingNumber: String?

        public init(id: String, trackingNumber: String?) {
            self.id = id
            self.trackingNumber = trackingNumber
        }
    }

    public var orderID: String
    public var status: Status
    public var isPaid: Bool
    public var isCancelled: Bool
    public var isCompleted: Bool
    public var lines: [Line]
    public var packages: [Package]

    public init(
        orderID: String,
        status: Status,
        isPaid: Bool,
        isCancelled: Bool,
        isCompleted: Bool,
        lines: [Line],
        packages: [Package]
    ) {
        self.orderID = orderID
        self.status = status
        self.isPaid = isPaid
        self.isCancelled = isCancelled
        self.isCompleted = isCompleted
        self.lines = lines
        self.packages = packages
    }

    public init(details: OrderDetails, packages: [SalesPackage]) {
        let order = details.order
        self.orderID = order.id
        self.status = Status(id: order.statusId, name: order.statusName)
        self.isPaid = order.isPaid ?? false
        self.isCancelled = order.isCancelled ?? false
        self.isCompleted = order.isCompleted ?? false
        self.lines = details.lines.map { line in
            Line(
                id: line.id,
                status: Status(id: line.statusId, name: line.statusName),
                providerOrderID: Self.nonEmpty(line.vendPurchId),
                trackingNumber: Self.nonEmpty(line.vendPurchWaybill)
            )
        }
        self.packages = packages.map { Package(id: $0.id, trackingNumber: Self.nonEmpty($0.deliveryTrackingNumber)) }
    }

    /// Whether OT considers the order over, so watching can stop.
    public var isFinal: Bool { self.isCancelled || self.isCompleted }

    /// Whether any line has been booked at the provider.
    public var hasBookedLines: Bool { self.lines.contains { $0.providerOrderID != nil } }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
