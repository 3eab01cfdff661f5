import Foundation
import Observability
import Store

/// The event object of `GET /events` and of each webhook push.
public enum EventRepresentation {
    public static func json(_ event: OutboxEvent) -> JSONValue {
        .object([
            ("id", .number(String(event.id))),
            ("type", .string(event.type)),
            ("orderId", event.orderID.map(JSONValue.string) ?? .null),
            ("occurredAt", .string(self.timestamp(milliseconds: event.occurredAt))),
            ("data", self.data(event.dataJSON)),
        ])
    }

    /// RFC 3339 in UTC with whole seconds, as in the interface's examples.
    static func timestamp(milliseconds: Int64) -> String {
        RFC3339.format(UnixTime.date(fromMilliseconds: milliseconds), fractionalSeconds: false)
    }

    /// The stored data; text that is not JSON (never written by the gateway) becomes `{}`.
    private static func data(_ text: String) -> JSONValue {
        (try? JSONParser.parse(Array(text.utf8))) ?? .object([])
    }
}
