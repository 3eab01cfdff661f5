import Foundation

/// The kind of an OT login session, which decides the methods it may call.
public enum SessionKind: String, Sendable, Codable, CaseIterable {
    case `operator`
    case customer
}

public struct Session: Sendable, Codable, Equatable {
    public var id: String
    public var kind: SessionKind
    public var createdAt: Date
}

/// A movement on the customer's account, as `GetStatementForOperator` lists it.
public struct AccountTransaction: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case deposit = "Deposit"
        case withdrawal = "Withdrawal"
        case orderPayment = "OrderPayment"
        case orderRefund = "OrderRefund"
    }

    public var id: String
    public var date: Date
    public var kind: Kind
    /// Positive when the balance rose, negative when it fell.
    public var amount: Decimal
    public var comment: String
    public var transactionDate: String?
}

/// A logged-in marketplace account used for autopurchase.
public struct ProviderSession: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var providerType: String
    /// The last successful login; the session expires `providerSessionLifetime` later.
    public var connectedAt: Date
    /// Set when the control API revokes the session before its time.
    public var isRevoked = false
    public var balance: Decimal = 0
}

/// A started fake Taobao login waiting for the operator's decision.
public struct ProviderLoginTicket: Sendable, Codable, Equatable {
    public var ticket: String
    public var providerType: String
    public var returnURL: String
    public var createdAt: Date
}

/// The `OrdersIntegration` flags of the Taobao provider.
public struct OrdersIntegrationFlags: Sendable, Codable, Equatable {
    public var isAvailable = true
    public var isEnabled = true
    public var isSessionRequired = true
    public var allowCancelOrders = false

    public init() {}
}
