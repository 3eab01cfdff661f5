/// The environment variables of the gateway's configuration; the names are part of its
/// interface and never change.
public enum ConfigurationVariable: String, Sendable, CaseIterable, Comparable {
    case listen = "OTGW_LISTEN"
    case publicURL = "OTGW_PUBLIC_URL"
    case otAPIURL = "OTGW_OTAPI_URL"
    case otAPIBinding = "OTGW_OTAPI_BINDING"
    case soapNamespace = "OTGW_SOAP_NAMESPACE"
    case instanceKey = "OTGW_INSTANCE_KEY"
    case apiSecret = "OTGW_API_SECRET"
    case language = "OTGW_LANGUAGE"
    case operatorLogin = "OTGW_OPERATOR_LOGIN"
    case operatorPassword = "OTGW_OPERATOR_PASSWORD"
    case customerLogin = "OTGW_CUSTOMER_LOGIN"
    case customerPassword = "OTGW_CUSTOMER_PASSWORD"
    case deliveryModeID = "OTGW_DELIVERY_MODE_ID"
    case userProfileID = "OTGW_USER_PROFILE_ID"
    case providerType = "OTGW_PROVIDER_TYPE"
    case apiTokens = "OTGW_API_TOKENS"
    case consolePassword = "OTGW_CONSOLE_PASSWORD"
    case dataDirectory = "OTGW_DATA_DIR"
    case caFile = "OTGW_CA_FILE"
    case otAPIMaxConnections = "OTGW_OTAPI_MAX_CONNECTIONS"
    case otAPIReadTimeout = "OTGW_OTAPI_READ_TIMEOUT"
    case otAPIWriteTimeout = "OTGW_OTAPI_WRITE_TIMEOUT"
    case maxConnections = "OTGW_MAX_CONNECTIONS"
    case idempotencyTTL = "OTGW_IDEMPOTENCY_TTL"
    case rejectTmall = "OTGW_REJECT_TMALL"
    case autoExport = "OTGW_AUTO_EXPORT"
    case sessionWarnHours = "OTGW_SESSION_WARN_HOURS"
    case watchInterval = "OTGW_WATCH_INTERVAL"
    case syncInterval = "OTGW_SYNC_INTERVAL"
    case otCallsPerMinute = "OTGW_OT_CALLS_PER_MINUTE"
    case webhookURL = "OTGW_WEBHOOK_URL"
    case webhookSecret = "OTGW_WEBHOOK_SECRET"
    case logLevel = "OTGW_LOG_LEVEL"

    /// The variable's name in the environment and in config files.
    public var name: String { self.rawValue }

    /// Whether the value is a credential, which `--print-config`, logs and problems never show.
    public var isSecret: Bool {
        switch self {
        case .instanceKey, .apiSecret, .operatorPassword, .customerPassword, .apiTokens, .consolePassword,
            .webhookSecret:
            true
        default:
            false
        }
    }

    public static func < (lhs: ConfigurationVariable, rhs: ConfigurationVariable) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension ConfigurationVariable {
    /// Variables read outside the configuration loader, which are not unknown either.
    public static let otherKnownNames: Set<String> = ["OTGW_PUBLIC_DIR"]

    /// The `OTGW_*` names in `environment` that the gateway does not read, sorted; usually typos.
    public static func unknownNames(in environment: [String: String]) -> [String] {
        let known = Set(Self.allCases.map(\.rawValue)).union(self.otherKnownNames)
        return environment.keys.filter { $0.hasPrefix("OTGW_") && !known.contains($0) }.sorted()
    }
}
