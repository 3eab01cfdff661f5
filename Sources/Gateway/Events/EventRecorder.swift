import Foundation
import Observability
import Store

/// Appends events to the outbox. Other parts of the gateway call the public functions here:
/// the orders code when it places an order, the payment code when a payment needs an operator.
public enum EventRecorder {
    /// Appends `drafts` inside the caller's store transaction, so events and the state change
    /// that caused them commit together. Events wait for a push only when a webhook is set.
    public static func append(
        _ drafts: [EventDraft],
        occurredAt: Int64,
        webhookConfigured: Bool,
        in store: isolated Store
    ) throws -> [OutboxEvent] {
        var events: [OutboxEvent] = []
        for draft in drafts {
            let event = try store.appendOutboxEvent(
                type: draft.type.rawValue,
                orderID: draft.orderID,
                occurredAt: occurredAt,
                dataJSON: String(decoding: JSONWriter.encode(draft.data), as: UTF8.self),
                deliveryState: webhookConfigured ? .pending : .notRequired
            )
            events.append(event)
        }
        return events
    }

    /// Appends `drafts` in a transaction of their own and returns the stored events.
    @discardableResult
    public static func record(_ drafts: [EventDraft], services: GatewayServices) async throws -> [OutboxEvent] {
        let occurredAt = UnixTime.milliseconds(from: services.now())
        let webhookConfigured = services.configuration.webhook != nil
        return try await services.store.transaction { store in
            try Self.append(drafts, occurredAt: occurredAt, webhookConfigured: webhookConfigured, in: store)
        }
    }

    /// Records `order.created` for an order placed through the gateway. `order` is the order
    /// object returned to the shop, when there is one.
    @discardableResult
    public static func orderCreated(
        orderID: String,
        externalID: String?,
        order: JSONValue? = nil,
        services: GatewayServices
    ) async throws -> OutboxEvent? {
        var data: [(key: String, value: JSONValue)] = [("externalId", externalID.map(JSONValue.string) ?? .null)]
        if let order {
            data.append(("order", order))
        }
        let draft = EventDraft(type: .orderCreated, orderID: orderID, data: .object(data))
        return try await self.record([draft], services: services).first
    }

    /// Records `payment.unresolved` for a payment that needs an operator: its `state`
    /// (`incomplete`, `reconciling`), amounts as decimal strings and a description of what is
    /// left to do.
    @discardableResult
    public static func paymentUnresolved(
        orderID: String,
        paymentID: String,
        state: String,
        depositedAmount: Decimal?,
        reservedAmount: Decimal?,
        detail: String,
        services: GatewayServices
    ) async throws -> OutboxEvent? {
        let data: JSONValue = .object([
            ("paymentId", .string(paymentID)),
            ("state", .string(state)),
            ("depositedAmount", OrderRepresentation.money(depositedAmount)),
            ("reservedAmount", OrderRepresentation.money(reservedAmount)),
            ("detail", .string(detail)),
        ])
        let draft = EventDraft(type: .paymentUnresolved, orderID: orderID, data: data)
        return try await self.record([draft], services: services).first
    }
}
