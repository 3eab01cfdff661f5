import Observability

extension GatewayConfiguration {
    /// The value of each variable that is not set, and the accepted ranges of numbers.
    public enum Defaults {
        public static let listen = "127.0.0.1:8080"
        // NOTE: the interface document gives the public OT API service as the default. Here
        // `serve` and `check` require OTGW_OTAPI_URL instead, so a gateway never calls a
        // remote service nobody configured; this value is only what `--print-config` and the
        // demo show when the variable is unset: the embedded simulator on loopback.
        public static let otAPIURL = "http://127.0.0.1:9090/service"
        public static let otAPIBinding = GatewayConfiguration.OTAPIBinding.xml
        /// The namespace commonly used by ASP.NET services; not confirmed for OT's SOAP binding.
        public static let soapNamespace = "http://tempuri.org/"
        public static let language = "en"
        public static let providerType = "Taobao"
        public static let dataDirectory = "./data"
        public static let otAPIMaxConnections = 64
        public static let otAPIReadTimeoutSeconds = 30
        public static let otAPIWriteTimeoutSeconds = 60
        public static let maxConnections = 10_000
        public static let idempotencyTTLHours = 24
        public static let rejectTmall = true
        public static let autoExport = false
        public static let sessionWarnHours = 20
        public static let watchIntervalSeconds = 300
        public static let syncIntervalSeconds = 1800
        public static let otCallsPerMinute = 120
        public static let logLevel = LogLevel.info

        // NOTE: the upper bounds below are sanity limits of this build, not limits set by OT.
        public static let otAPIMaxConnectionsRange = 1...10_000
        public static let otAPITimeoutSecondsRange = 1...3600
        public static let maxConnectionsRange = 1...1_000_000
        public static let idempotencyTTLHoursRange = 1...720
        public static let sessionWarnHoursRange = 1...168
        public static let watchIntervalSecondsRange = 10...86_400
        public static let syncIntervalSecondsRange = 60...86_400
        public static let otCallsPerMinuteRange = 1...10_000
    }
}
