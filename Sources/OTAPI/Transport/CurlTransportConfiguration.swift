/// Limits and TLS settings of a `CurlTransport`. Per-call timeouts come with each
/// `TransportRequest`; everything here applies to all calls.
public struct CurlTransportConfiguration: Sendable, Equatable {
    /// Default for `maxConnections`; `OTGW_OTAPI_MAX_CONNECTIONS` overrides it.
    public static let defaultMaxConnections = 64
    /// Default for `maxResponseBytes`: 8 MiB of decoded body.
    public static let defaultMaxResponseBytes = 8 * 1024 * 1024
    /// Default for `maxResponseHeaderBytes`: 64 KiB over all header lines of an exchange.
    public static let defaultMaxResponseHeaderBytes = 64 * 1024
    /// Default for `lowSpeedLimitBytesPerSecond`.
    public static let defaultLowSpeedLimitBytesPerSecond = 1
    /// Default for `lowSpeedTime`.
    public static let defaultLowSpeedTime = Duration.seconds(30)
    /// Name of the environment variable read by `init(environment:)`.
    public static let maxConnectionsVariable = "OTGW_OTAPI_MAX_CONNECTIONS"

    /// Most open connections to all hosts together (`CURLMOPT_MAX_TOTAL_CONNECTIONS`), and the
    /// size of the idle connection cache (`CURLMOPT_MAXCONNECTS`). Transfers beyond it wait in
    /// libcurl's queue for a free connection.
    public var maxConnections: Int
    /// Most bytes of decoded response body; a larger body fails with `.responseTooLarge`.
    public var maxResponseBytes: Int
    /// Most bytes of response header lines; more fails with `.responseTooLarge`.
    public var maxResponseHeaderBytes: Int
    /// Extra CA bundle (PEM file) to trust in addition to the system store (`CURLOPT_CAINFO`).
    /// Peer and host verification stay on whatever this is.
    public var caFile: String?
    /// Inactivity guard: a transfer slower than this for `lowSpeedTime` fails with `.timedOut`.
    public var lowSpeedLimitBytesPerSecond: Int
    public var lowSpeedTime: Duration

    public init(
        maxConnections: Int = CurlTransportConfiguration.defaultMaxConnections,
        maxResponseBytes: Int = CurlTransportConfiguration.defaultMaxResponseBytes,
        maxResponseHeaderBytes: Int = CurlTransportConfiguration.defaultMaxResponseHeaderBytes,
        caFile: String? = nil,
        lowSpeedLimitBytesPerSecond: Int = CurlTransportConfiguration.defaultLowSpeedLimitBytesPerSecond,
        lowSpeedTime: Duration = CurlTransportConfiguration.defaultLowSpeedTime
    ) {
        precondition(maxConnections > 0, "maxConnections must be positive, got \(maxConnections)")
        precondition(maxResponseBytes > 0, "maxResponseBytes must be positive, got \(maxResponseBytes)")
        precondition(maxResponseHeaderBytes > 0, "maxResponseHeaderBytes must be positive")
        self.maxConnections = maxConnections
        self.maxResponseBytes = maxResponseBytes
        self.maxResponseHeaderBytes = maxResponseHeaderBytes
        self.caFile = caFile
        self.lowSpeedLimitBytesPerSecond = lowSpeedLimitBytesPerSecond
        self.lowSpeedTime = lowSpeedTime
    }

    /// Reads `OTGW_OTAPI_MAX_CONNECTIONS` from `environment`; the other settings keep their
    /// defaults apart from `caFile`, which the caller passes.
    public init(environment: [String: String], caFile: String? = nil) throws(CurlTransportConfigurationError) {
        var maxConnections = Self.defaultMaxConnections
        if let text = environment[Self.maxConnectionsVariable] {
            guard let value = Int(text), value > 0 else {
                throw CurlTransportConfigurationError(
                    message:
                        "\(Self.maxConnectionsVariable) must be a positive integer, got '\(text)'; "
                        + "unset it to use the default \(Self.defaultMaxConnections)"
                )
            }
            maxConnections = value
        }
        self.init(maxConnections: maxConnections, caFile: caFile)
    }
}

/// An invalid configuration value, with the variable name and the fix in `message`.
public struct CurlTransportConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public var description: String { self.message }
}
