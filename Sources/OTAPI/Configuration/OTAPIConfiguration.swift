/// The wire format used to reach the OT API.
public enum OTBinding: String, Sendable, CaseIterable {
    /// Form-encoded POST to `<base URL>/<Method>`, XML response (as the OT Box calls OT).
    case xml
    /// A SOAP 1.1 envelope POSTed to the `.asmx` address.
    case soap11
}

/// Everything the OT API client needs to reach OT and log in. Secrets (passwords, the
/// instance key, the signing secret) are never logged; `description` masks them.
public struct OTAPIConfiguration: Sendable, CustomStringConvertible {
    /// Default `OTGW_SOAP_NAMESPACE`. NOTE: the namespace and SOAPAction of OT's ASMX service
    /// appear in no public source; `http://tempuri.org/` is the .NET default and unverified.
    public static let defaultSOAPNamespace = "http://tempuri.org/"
    public static let defaultLanguage = "en"
    /// OT order calls can be slow; public clients use 30 to 60 seconds.
    public static let defaultReadTimeout: Duration = .seconds(30)
    public static let defaultWriteTimeout: Duration = .seconds(60)
    public static let defaultConnectTimeout: Duration = .seconds(10)

    public var baseURL: String
    public var binding: OTBinding
    public var soapNamespace: String
    public var instanceKey: String
    /// When set, every call carries `timestamp` and `signature`.
    public var secret: String?
    public var language: String
    public var operatorLogin: String
    public var operatorPassword: String
    public var customerLogin: String
    public var customerPassword: String
    /// Limit on a whole read call (one attempt).
    public var readTimeout: Duration
    /// Limit on a whole write call.
    public var writeTimeout: Duration
    public var connectTimeout: Duration
    public var retryPolicy: RetryPolicy

    public init(
        baseURL: String,
        binding: OTBinding = .xml,
        soapNamespace: String = OTAPIConfiguration.defaultSOAPNamespace,
        instanceKey: String,
        secret: String? = nil,
        language: String = OTAPIConfiguration.defaultLanguage,
        operatorLogin: String,
        operatorPassword: String,
        customerLogin: String,
        customerPassword: String,
        readTimeout: Duration = OTAPIConfiguration.defaultReadTimeout,
        writeTimeout: Duration = OTAPIConfiguration.defaultWriteTimeout,
        connectTimeout: Duration = OTAPIConfiguration.defaultConnectTimeout,
        retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.baseURL = baseURL
        self.binding = binding
        self.soapNamespace = soapNamespace
        self.instanceKey = instanceKey
        self.secret = secret
        self.language = language
        self.operatorLogin = operatorLogin
        self.operatorPassword = operatorPassword
        self.customerLogin = customerLogin
        self.customerPassword = customerPassword
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.connectTimeout = connectTimeout
        self.retryPolicy = retryPolicy
    }

    public var description: String {
        "OTAPIConfiguration(baseURL: \(self.baseURL), binding: \(self.binding.rawValue), "
            + "language: \(self.language), signed: \(self.secret != nil), instanceKey: ***, passwords: ***)"
    }
}
