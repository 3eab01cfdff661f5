import Foundation
import Observability

/// The gateway's effective configuration, built by `GatewayConfigurationLoader` from the
/// environment and an optional config file.
///
/// The OT credentials and the delivery mode are optional here because only `serve` needs them:
/// a loader with `requireOTCredentials` guarantees they are set.
public struct GatewayConfiguration: Sendable, Equatable {
    /// The inbound HTTP server.
    public struct Server: Sendable, Equatable {
        public var listen: ListenAddress
        /// The base URL the gateway is reached at, without a trailing `/`.
        public var publicURL: URL
        /// The maximum number of open inbound connections.
        public var maxConnections: Int
    }

    /// The wire format of OT API calls.
    public enum OTAPIBinding: String, Sendable, CaseIterable {
        /// A form POST to `{url}/{method}` with an XML response.
        case xml
        /// A SOAP 1.1 envelope POSTed to `url`, which is then the `.asmx` address.
        case soap11
    }

    /// The OT API connection.
    public struct OTAPI: Sendable, Equatable {
        /// The base URL without a trailing `/`; the method name is appended after one `/`.
        public var url: URL
        /// Whether OTGW_OTAPI_URL was set; when it was not, `url` is the local simulator's.
        public var isURLSet: Bool
        public var binding: OTAPIBinding
        public var soapNamespace: String
        public var instanceKey: String?
        /// The signing secret; every call is signed when it is set.
        public var apiSecret: String?
        public var language: String
        /// An extra CA bundle for TLS; nil uses the system store.
        public var caFile: String?
        /// The maximum number of open connections to the OT API.
        public var maxConnections: Int
        public var readTimeout: Duration
        public var writeTimeout: Duration
    }

    /// The OT accounts the gateway acts as.
    public struct Accounts: Sendable, Equatable {
        public var operatorLogin: String?
        public var operatorPassword: String?
        /// The customer account that places and pays all orders.
        public var customerLogin: String?
        public var customerPassword: String?
    }

    /// The settings for placing and handling orders.
    public struct Ordering: Sendable, Equatable {
        /// The external zero-cost delivery mode id.
        public var deliveryModeID: String?
        /// The customer's delivery profile; nil uses the customer's first profile.
        public var userProfileID: String?
        public var providerType: String
        /// Whether order lines for Tmall items are rejected, because autopurchase cannot buy them.
        public var rejectTmall: Bool
        /// Whether an order is exported to the provider as soon as it is paid.
        public var autoExport: Bool
        /// How long an `Idempotency-Key` is remembered.
        public var idempotencyTTL: Duration
    }

    /// The credentials accepted from callers of the gateway.
    public struct Access: Sendable, Equatable {
        /// Bearer tokens accepted from the shop backend; empty only with `insecureNoAuth`.
        public var apiTokens: [String]
        /// Set by `--insecure-no-auth`: the JSON endpoints take requests without a token.
        public var insecureNoAuth: Bool
        /// The operator console password (HTTP Basic, user `operator`); nil disables the console.
        public var consolePassword: String?
    }

    /// The background workers.
    public struct Background: Sendable, Equatable {
        /// The age at which a provider session is flagged for reconnect.
        public var sessionWarnAge: Duration
        public var watchInterval: Duration
        public var syncInterval: Duration
        /// The budget of background OT calls per minute.
        public var otCallsPerMinute: Int
    }

    /// The target of order event pushes; both values are set or the push is off.
    public struct Webhook: Sendable, Equatable {
        public var url: URL
        /// The HMAC key that signs each push.
        public var secret: String
    }

    public var server: Server
    public var otAPI: OTAPI
    public var accounts: Accounts
    public var ordering: Ordering
    public var access: Access
    /// The folder of the embedded SQLite database.
    public var dataDirectory: String
    public var background: Background
    /// Nil when no webhook is configured.
    public var webhook: Webhook?
    public var logLevel: LogLevel
}
