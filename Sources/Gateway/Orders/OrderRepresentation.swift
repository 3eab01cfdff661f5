import Foundation
import OTAPI
import Store

/// Builds the order object that every order endpoint returns, from OT's order details and
/// packages and the gateway's own records.
public enum OrderRepresentation {
    /// One order line that OT left out of a new order, by its 0-based index in the request.
    public struct RejectedLine: Sendable, Equatable {
        public var index: Int
        public var itemID: String
        public var configurationID: String
        public var quantity: Int
        public var possibleReasons: [String]

        public init(index: Int, itemID: String, configurationID: String, quantity: Int, possibleReasons: [String]) {
            self.index = index
            self.itemID = itemID
            self.configurationID = configurationID
            self.quantity = quantity
            self.possibleReasons = possibleReasons
        }
    }

    /// The reasons OT may have had for leaving a line out; OT does not say which applied.
    public static let allRejectionReasons = [
        "item_unavailable", "configuration_unavailable", "seller_unavailable", "invalid_field",
    ]

    public static func json(
        details: OrderDetails,
        packages: [SalesPackage],
        externalID: String?,
        payment: JSONValue = .object([("state", .string("none"))]),
        rejectedLines: [RejectedLine] = []
    ) -> JSONValue {
        let order = details.order
        return .object([
            ("id", .string(order.id)),
            ("externalId", externalID.map(JSONValue.string) ?? .null),
            ("status", self.status(id: order.statusId, name: order.statusName)),
            ("isPaid", .bool(order.isPaid ?? false)),
            ("isCancelled", .bool(order.isCancelled ?? false)),
            ("isCompleted", .bool(order.isCompleted ?? false)),
            ("currency", order.currencyCode.map(JSONValue.string) ?? .null),
            ("goodsAmount", self.money(order.goodsAmount)),
            ("deliveryAmount", self.money(order.deliveryAmount)),
            ("totalAmount", self.money(order.totalAmount)),
            ("remainAmount", self.money(order.remainAmount)),
            ("createdAt", order.createdDateTime.map(JSONValue.string) ?? .null),
            ("payment", payment),
            ("lines", .array(details.lines.map(self.line))),
            ("packages", .array(packages.map(self.package))),
            ("rejectedLines", .array(rejectedLines.map(self.rejected))),
        ])
    }

    static func line(_ line: SalesLine) -> JSONValue {
        .object([
            ("id", .string(line.id)),
            ("itemId", line.itemId.map(JSONValue.string) ?? .null),
            ("configurationId", .string(line.configId.flatMap { $0.isEmpty ? nil : $0 } ?? "0")),
            ("quantity", line.quantity.map { .number(String($0)) } ?? .null),
            ("status", self.status(id: line.statusId, name: line.statusName)),
            ("isCancelled", .bool(line.isCancelledStatus)),
            ("amount", self.money(line.amountCust)),
            ("providerOrderId", self.nonEmpty(line.vendPurchId)),
            ("providerTrackingNumber", self.nonEmpty(line.vendPurchWaybill)),
        ])
    }

    static func package(_ package: SalesPackage) -> JSONValue {
        .object([
            ("id", .string(package.id)),
            ("trackingNumber", self.nonEmpty(package.deliveryTrackingNumber)),
            ("status", package.statusName.map(JSONValue.string) ?? package.statusCode.map(JSONValue.string) ?? .null),
        ])
    }

    static func rejected(_ line: RejectedLine) -> JSONValue {
        .object([
            ("index", .number(String(line.index))),
            ("itemId", .string(line.itemID)),
            ("configurationId", .string(line.configurationID)),
            ("quantity", .number(String(line.quantity))),
            ("possibleReasons", .array(line.possibleReasons.map(JSONValue.string))),
        ])
    }

    static func status(id: Int?, name: String?) -> JSONValue {
        .object([
            ("id", id.map { .number(String($0)) } ?? .null),
            ("name", name.map(JSONValue.string) ?? .null),
        ])
    }

    /// Money as a decimal string with two fraction digits and `.`, whatever the locale.
    public static func money(_ amount: Decimal?) -> JSONValue {
        guard let amount else { return .null }
        return .string(DecimalText.string(from: amount, fractionDigits: 2))
    }

    private static func nonEmpty(_ text: String?) -> JSONValue {
        guard let text, !text.isEmpty else { return .null }
        return .string(text)
    }
}
