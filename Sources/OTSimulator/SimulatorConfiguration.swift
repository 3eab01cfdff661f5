import Foundation
import Observability

/// Everything a simulator instance is started with: accounts, ids, money, timings and where
/// its state is kept. Defaults are the values `otgateway simulator` prints at start.
public struct SimulatorConfiguration: Sendable {
    /// Instance keys the simulator accepts; any other `instanceKey` gets `AccessDenied`.
    public var instanceKeys: [String] = [Defaults.instanceKey]
    /// When set, every call must carry `timestamp` and `signature` (SHA-256 of method name,
    /// parameter values sorted by name, and this secret).
    public var apiSecret: String?
    public var operatorLogin = Defaults.operatorLogin
    public var operatorPassword = Defaults.operatorPassword
    public var customerLogin = Defaults.customerLogin
    public var customerPassword = Defaults.customerPassword
    public var customerId = Defaults.customerId
    public var customerName = Defaults.customerName
    public var userProfileId = Defaults.userProfileId
    /// The instance's internal currency: balances, prices and payments are all in it.
    public var currencyCode = Defaults.currencyCode
    public var initialBalance: Decimal = 0
    public var deliveryModes: [DeliveryMode] = DeliveryMode.defaults
    /// The account name the fake Taobao login page offers.
    public var defaultProviderAccountName = Defaults.providerAccountName
    /// How long a provider (Taobao) session lives after its last login.
    public var providerSessionLifetime: Duration = Defaults.providerSessionLifetime
    /// The error a call gets when it names a provider session that has expired.
    /// NOTE: no public source shows this error. The default uses `NotAvailable`, OT's code for
    /// provider-side failures, with a sub code of the simulator's own.
    public var providerSessionExpiredError = Defaults.providerSessionExpiredError
    public var activityBehaviour = ActivityBehaviour()
    /// The XML namespace of the SOAP 1.1 binding on `/OtapiWebService2.asmx`: the method
    /// element's `xmlns`, and the prefix of `SOAPAction` before the method name.
    public var soapNamespace = Defaults.soapNamespace
    /// The simulator's own address, used in `RedirectUrl`; the CLI replaces it after binding.
    public var baseURL = Defaults.baseURL
    /// Where the state is saved after every change and loaded at start; nil keeps it in memory.
    public var stateFile: URL?
    /// The wall clock; tests inject their own. The control API can move it forward.
    public var clock: @Sendable () -> Date = { Date() }
    public var logger: Logger = .disabled(label: "otsimulator")

    public init() {}

    /// The first delivery mode that costs nothing: the one a gateway should be configured with.
    public var freeDeliveryModeId: String? {
        deliveryModes.first { $0.price == 0 }?.id
    }

    /// Defaults and limits, in one place so that a test can pin them.
    public enum Defaults {
        public static let instanceKey = "sim-instance-key"
        public static let operatorLogin = "sim-operator"
        public static let operatorPassword = "sim-operator-password"
        public static let customerLogin = "sim-customer"
        public static let customerPassword = "sim-customer-password"
        public static let customerId = 100_001
        public static let customerName = "Simulated Customer"
        public static let userProfileId = 200_001
        public static let currencyCode = "CNY"
        public static let freeDeliveryModeId = "FREE-EXT-1"
        public static let providerType = "Taobao"
        public static let providerAccountName = "tb_buyer_1"
        public static let providerSessionLifetime: Duration = .seconds(24 * 3600)
        public static let providerSessionExpiredError = InjectedError(
            code: "NotAvailable",
            subCode: "External_ProviderSessionExpired",
            description: "The provider session has expired; log in to the provider account again."
        )
        /// Where `otgateway simulator` listens without `--listen`; `baseURL` matches it.
        public static let listenAddress = "127.0.0.1:9090"
        public static let baseURL = "http://127.0.0.1:9090"
        /// NOTE: OT's real SOAP namespace appears in no public source; this is the .NET
        /// default, the same unverified guess as the client's `OTGW_SOAP_NAMESPACE` default.
        public static let soapNamespace = "http://tempuri.org/"
        /// The clock difference OT tolerates on a signed call's `timestamp`.
        public static let signatureTimestampTolerance: TimeInterval = 3600
        /// The maximum length of an item id the simulator accepts.
        public static let maxItemIdLength = 128
        public static let maxLineQuantity = 100_000
        /// How many call records the log keeps; the oldest are dropped first.
        public static let callLogCapacity = 10_000
        /// How long a fake Taobao login ticket can be used.
        public static let loginTicketLifetime: TimeInterval = 3600
    }
}

/// A delivery mode the customer can order with.
public struct DeliveryMode: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var price: Decimal

    public init(id: String, name: String, price: Decimal) {
        self.id = id
        self.name = name
        self.price = price
    }

    public static let defaults = [
        DeliveryMode(
            id: SimulatorConfiguration.Defaults.freeDeliveryModeId,
            name: "External delivery (free)",
            price: 0
        ),
        DeliveryMode(id: "EMS", name: "EMS", price: 80),
    ]
}

/// How background activities (export, synchronisation) progress.
public struct ActivityBehaviour: Sendable, Codable, Equatable {
    public enum Progress: Sendable, Codable, Equatable {
        /// Reaches 100 % after this many milliseconds of simulator time.
        case timed(milliseconds: Int)
        /// Advances by 100 / `steps` percent on each `GetBackgroundActivityInfo` call.
        case perPoll(steps: Int)
    }

    public var progress: Progress = .timed(milliseconds: 2000)
    /// When set, an activity stops at this percentage with `IsAwaitingAction` until
    /// `DoActionForBackgroundActivity` answers one of `actions`.
    public var awaitActionAtPercent: Int?
    public var actions: [ActivityAction] = ActivityAction.defaults

    public init(
        progress: Progress = .timed(milliseconds: 2000),
        awaitActionAtPercent: Int? = nil,
        actions: [ActivityAction] = ActivityAction.defaults
    ) {
        self.progress = progress
        self.awaitActionAtPercent = awaitActionAtPercent
        self.actions = actions
    }
}

/// An action an awaiting activity offers. The id `Cancel` cancels the activity; any other
/// offered id lets it continue.
public struct ActivityAction: Sendable, Codable, Equatable {
    public var id: String
    public var displayName: String

    public init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }

    public static let cancelId = "Cancel"
    public static let defaults = [
        ActivityAction(id: "Continue", displayName: "Continue"),
        ActivityAction(id: cancelId, displayName: "Cancel"),
    ]
}

/// An OT error answer: `ErrorCode`, optional `SubErrorCode` and the description.
public struct InjectedError: Sendable, Codable, Equatable {
    public var code: String
    public var subCode: String?
    public var description: String

    public init(code: String, subCode: String? = nil, description: String) {
        self.code = code
        self.subCode = subCode
        self.description = description
    }
}
