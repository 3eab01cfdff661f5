/// Settings of an ``HTTPServer``. Every default is a named constant below, pinned by a test.
public struct ServerConfiguration: Sendable, Equatable {
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultListenBacklog: Int32 = 256
    public static let defaultMaxConnections = 10_000
    public static let defaultMaxRequestLineBytes = 8 * 1024
    public static let defaultMaxHeaderFieldBytes = 8 * 1024
    public static let defaultMaxHeaderBytes = 32 * 1024
    public static let defaultMaxHeaderCount = 100
    public static let defaultMaxBodyBytes = 1024 * 1024
    public static let defaultMaxRequestsPerConnection = 1000
    public static let defaultHeaderReadTimeout = Duration.seconds(10)
    public static let defaultBodyReadTimeout = Duration.seconds(30)
    /// Longer than the 60 s idle timeout common in client pools and proxies, so the server is
    /// not the side that closes a connection a client is about to reuse.
    public static let defaultKeepAliveIdleTimeout = Duration.seconds(65)
    public static let defaultWriteStallTimeout = Duration.seconds(30)
    public static let defaultLingerTimeout = Duration.seconds(2)
    public static let defaultWriteHighWatermark = 64 * 1024
    public static let defaultAcceptBackoff = Duration.seconds(1)
    public static let defaultGzipMinimumBytes = 1024

    /// Numeric address or hosts-file name to listen on; IPv6 may be bracketed (`[::1]`).
    public var host: String
    /// TCP port. With 0 the kernel picks a free port, which ``HTTPServer/localPort`` returns.
    public var port: Int
    /// Length of the kernel's queue of connections not yet accepted.
    public var listenBacklog: Int32
    /// Maximum open connections. A connection past the cap gets 503 and is closed.
    public var maxConnections: Int
    /// Maximum request line length in bytes, without CRLF. A longer line gets 414.
    public var maxRequestLineBytes: Int
    /// Maximum length of one header field line in bytes. A longer field gets 431.
    public var maxHeaderFieldBytes: Int
    /// Maximum header section size in bytes. A larger section gets 431.
    public var maxHeaderBytes: Int
    /// Maximum number of header fields in one request. More fields get 431.
    public var maxHeaderCount: Int
    /// Maximum request body size in bytes, checked before routing. A route may set a lower limit
    /// (`Route.maxBodyBytes`). Larger gets 413.
    public var maxBodyBytes: Int
    /// Requests served on one connection before the server closes it.
    public var maxRequestsPerConnection: Int
    /// Time from the first byte of a request until its head is complete; then 408 and close.
    public var headerReadTimeout: Duration
    /// Time from the end of the head until the body is complete; then 408 and close.
    public var bodyReadTimeout: Duration
    /// Time an idle keep-alive connection stays open between requests.
    public var keepAliveIdleTimeout: Duration
    /// Time a response may make no write progress (a client that stopped reading) before the
    /// connection is dropped.
    public var writeStallTimeout: Duration
    /// Time the server keeps reading and discarding after it sent a closing response, so the
    /// client sees the response instead of a reset caused by its unread request bytes.
    public var lingerTimeout: Duration
    /// Unsent response bytes above which the server reads no further request on the connection.
    public var writeHighWatermark: Int
    /// Pause of the accept loop after `EMFILE`/`ENFILE`, while descriptors are exhausted.
    public var acceptBackoff: Duration
    /// Minimum response body size in bytes that is gzip-compressed for a client that accepts it.
    public var gzipMinimumBytes: Int

    public init(
        host: String = ServerConfiguration.defaultHost,
        port: Int = ServerConfiguration.defaultPort,
        listenBacklog: Int32 = ServerConfiguration.defaultListenBacklog,
        maxConnections: Int = ServerConfiguration.defaultMaxConnections,
        maxRequestLineBytes: Int = ServerConfiguration.defaultMaxRequestLineBytes,
        maxHeaderFieldBytes: Int = ServerConfiguration.defaultMaxHeaderFieldBytes,
        maxHeaderBytes: Int = ServerConfiguration.defaultMaxHeaderBytes,
        maxHeaderCount: Int = ServerConfiguration.defaultMaxHeaderCount,
        maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes,
        maxRequestsPerConnection: Int = ServerConfiguration.defaultMaxRequestsPerConnection,
        headerReadTimeout: Duration = ServerConfiguration.defaultHeaderReadTimeout,
        bodyReadTimeout: Duration = ServerConfiguration.defaultBodyReadTimeout,
        keepAliveIdleTimeout: Duration = ServerConfiguration.defaultKeepAliveIdleTimeout,
        writeStallTimeout: Duration = ServerConfiguration.defaultWriteStallTimeout,
        lingerTimeout: Duration = ServerConfiguration.defaultLingerTimeout,
        writeHighWatermark: Int = ServerConfiguration.defaultWriteHighWatermark,
        acceptBackoff: Duration = ServerConfiguration.defaultAcceptBackoff,
        gzipMinimumBytes: Int = ServerConfiguration.defaultGzipMinimumBytes
    ) {
        self.host = host
        self.port = port
        self.listenBacklog = listenBacklog
        self.maxConnections = maxConnections
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderFieldBytes = maxHeaderFieldBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxRequestsPerConnection = maxRequestsPerConnection
        self.headerReadTimeout = headerReadTimeout
        self.bodyReadTimeout = bodyReadTimeout
        self.keepAliveIdleTimeout = keepAliveIdleTimeout
        self.writeStallTimeout = writeStallTimeout
        self.lingerTimeout = lingerTimeout
        self.writeHighWatermark = writeHighWatermark
        self.acceptBackoff = acceptBackoff
        self.gzipMinimumBytes = gzipMinimumBytes
    }

    /// Parses `HOST:PORT` as `OTGW_LISTEN` spells it: `127.0.0.1:8080`, `[::1]:8080`,
    /// `localhost:0`. The port must be 0–65535.
    public static func parseListenAddress(_ text: String) throws(ListenAddressError) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":") else {
            throw ListenAddressError(message: "listen address \"\(text)\" has no port; expected HOST:PORT")
        }
        let host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ListenAddressError(message: "listen address \"\(text)\" has an invalid port; expected 0-65535")
        }
        let bracketed = host.hasPrefix("[") && host.hasSuffix("]")
        guard !host.isEmpty, bracketed || !host.contains(":") else {
            throw ListenAddressError(
                message: "listen host \"\(host)\" is empty or an unbracketed IPv6 address; write [::1]:PORT"
            )
        }
        return (host, port)
    }

    var parserLimits: ParserLimits {
        ParserLimits(
            maxRequestLineBytes: self.maxRequestLineBytes,
            maxHeaderFieldBytes: self.maxHeaderFieldBytes,
            maxHeaderBytes: self.maxHeaderBytes,
            maxHeaderCount: self.maxHeaderCount,
            maxBodyBytes: self.maxBodyBytes
        )
    }

    var timeoutLimits: ConnectionTimeouts<ContinuousClock.Instant>.Limits {
        ConnectionTimeouts<ContinuousClock.Instant>.Limits(
            headerRead: self.headerReadTimeout,
            bodyRead: self.bodyReadTimeout,
            keepAliveIdle: self.keepAliveIdleTimeout,
            writeStall: self.writeStallTimeout,
            linger: self.lingerTimeout
        )
    }
}
