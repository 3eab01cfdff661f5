/// The order event types of the gateway's interface, as written in `type`.
public enum EventType: String, Sendable, CaseIterable {
    case orderCreated = "order.created"
    case orderStatusChanged = "order.status_changed"
    case orderPaid = "order.paid"
    case orderCancelled = "order.cancelled"
    case orderLineStatusChanged = "order.line.status_changed"
    /// A line got its provider (Taobao) order id.
    case orderLineBooked = "order.line.booked"
    /// A line got the provider's domestic tracking number (waybill).
    case orderLineTrackingAssigned = "order.line.tracking_assigned"
    /// A package got its international tracking number.
    case orderPackageTrackingAssigned = "order.package.tracking_assigned"
    case activityFinished = "activity.finished"
    case activityAwaitingAction = "activity.awaiting_action"
    case providerSessionExpiring = "provider_session.expiring"
    case paymentUnresolved = "payment.unresolved"
}

/// An event before it is stored: the outbox gives it an id and a time.
public struct EventDraft: Sendable, Equatable {
    public var type: EventType
    /// Nil for events about no order, such as `provider_session.expiring`.
    public var orderID: String?
    /// The `data` member of the event, a JSON object.
    public var data: JSONValue

    public init(type: EventType, orderID: String?, data: JSONValue) {
        self.type = type
        self.orderID = orderID
        self.data = data
    }
}
