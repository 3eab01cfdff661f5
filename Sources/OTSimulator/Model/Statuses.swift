/// OT's order line status numbers (`SalesLine.StatusId`), as the OT admin numbers them.
public enum LineStatus {
    public static let awaitingPayment = 1
    public static let paid = 2
    public static let orderedAtProvider = 4
    public static let shipped = 9
    public static let impossibleToSupply = 12
    public static let cancelled = 13

    static let names: [Int: String] = [
        1: "Awaiting payment", 2: "Paid", 3: "Price confirmation", 4: "Ordered", 5: "Quality check",
        6: "Received at warehouse", 7: "Packing", 8: "Ready to ship", 9: "Shipped", 10: "Received",
        11: "Returned to seller", 12: "Impossible to supply", 13: "Cancelled",
    ]

    static func name(_ id: Int) -> String { names[id] ?? "Status \(id)" }
}

/// Order status numbers (`SalesOrderInfo.StatusId`).
///
/// 10, 11 and 20 follow public OT code; 30 and 40 follow the order of OT's status names;
/// the number of "cancelled" is not public, so the simulator picks 90 and serves it from
/// `GetOrderStatusList` like the others.
public enum OrderStatus {
    public static let awaitingPayment = 10
    public static let awaitingSurcharge = 11
    public static let paid = 20
    public static let processing = 30
    public static let completed = 40
    public static let cancelled = 90

    static let all: [(id: Int, name: String)] = [
        (10, "Awaiting payment"), (11, "Awaiting surcharge"), (20, "Paid"), (30, "Processing"),
        (40, "Completed"), (90, "Cancelled"),
    ]

    static func name(_ id: Int) -> String { all.first { $0.id == id }?.name ?? "Status \(id)" }
}
