import Foundation

/// One consistent OT platform: accounts, sessions, money, orders, provider sessions and
/// activities. A value type, so each call works on it under the simulator's lock and the
/// whole of it can be saved as JSON.
public struct SimulatorState: Sendable, Codable, Equatable {
    public var customerId: Int
    public var customerName: String
    public var userProfileId: Int
    public var currencyCode: String
    public var balance: Decimal
    public var deliveryModes: [DeliveryMode]
    public var sessions: [String: Session] = [:]
    public var transactions: [AccountTransaction] = []
    /// Orders by id, kept in creation order.
    public var orders: [Order] = []
    public var providerSessions: [ProviderSession] = []
    public var loginTickets: [String: ProviderLoginTicket] = [:]
    public var activities: [Activity] = []
    public var ordersIntegration = OrdersIntegrationFlags()
    /// Counters behind the ids the simulator hands out; they only grow.
    public var nextOrderNumber = 1
    public var nextLineNumber = 1_000_001
    public var nextTransactionNumber = 500_001
    public var nextActivityNumber = 9_101
    public var nextProviderNumber = 3_000_000_001
    /// Moves the configured clock forward; set by the control API.
    public var clockOffsetSeconds: Double = 0

    public init(configuration: SimulatorConfiguration) {
        self.customerId = configuration.customerId
        self.customerName = configuration.customerName
        self.userProfileId = configuration.userProfileId
        self.currencyCode = configuration.currencyCode
        self.balance = configuration.initialBalance
        self.deliveryModes = configuration.deliveryModes
    }

    public func order(_ id: String) -> Order? {
        orders.first { $0.id == id }
    }

    func orderIndex(_ id: String) -> Int? {
        orders.firstIndex { $0.id == id }
    }

    mutating func makeOrderId() -> String {
        defer { nextOrderNumber += 1 }
        let digits = String(nextOrderNumber)
        return "ORD-" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    mutating func makeLineId() -> String {
        defer { nextLineNumber += 1 }
        return String(nextLineNumber)
    }

    mutating func makeTransactionId() -> String {
        defer { nextTransactionNumber += 1 }
        return String(nextTransactionNumber)
    }

    mutating func makeActivityId() -> String {
        defer { nextActivityNumber += 1 }
        return String(nextActivityNumber)
    }

    mutating func makeProviderNumber() -> String {
        defer { nextProviderNumber += 1 }
        return String(nextProviderNumber)
    }
}
