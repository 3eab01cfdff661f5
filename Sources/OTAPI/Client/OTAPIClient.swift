import Foundation
import Observability

/// The OT API client: typed methods over `OTTransport`, with session caching, one shared
/// re-login on `SessionExpired`, retries for reads and never for writes.
///
/// Immutable after creation and safe to share between tasks; the only shared mutable state
/// is the session cache, which sits behind a `Mutex`. `withLogger(_:)` returns a client that
/// shares the transport and sessions but logs with another logger (for request ids).
public final class OTAPIClient: Sendable {
    public let configuration: OTAPIConfiguration
    let transport: any OTTransport
    let builder: OTRequestBuilder
    let sessions: SessionStore
    let logger: Logger
    let metrics: CallMetrics?
    let now: @Sendable () -> Date
    let jitter: @Sendable () -> Double

    /// - Parameters:
    ///   - now: the clock for signing timestamps; tests inject a fixed one.
    ///   - jitter: the retry delay factor, expected in 0.5...1.
    public convenience init(
        configuration: OTAPIConfiguration,
        transport: any OTTransport,
        logger: Logger = .disabled(label: "otapi"),
        metrics: MetricsRegistry? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.5...1) }
    ) {
        self.init(
            configuration: configuration,
            transport: transport,
            sessions: SessionStore(),
            logger: logger,
            metrics: metrics.map(CallMetrics.init(registry:)),
            now: now,
            jitter: jitter
        )
    }

    init(
        configuration: OTAPIConfiguration,
        transport: any OTTransport,
        sessions: SessionStore,
        logger: Logger,
        metrics: CallMetrics?,
        now: @escaping @Sendable () -> Date,
        jitter: @escaping @Sendable () -> Double
    ) {
        self.configuration = configuration
        self.transport = transport
        self.builder = OTRequestBuilder(configuration: configuration)
        self.sessions = sessions
        self.logger = logger
        self.metrics = metrics
        self.now = now
        self.jitter = jitter
    }

    /// Returns a client that shares this one's transport, sessions and metrics but logs to `logger`.
    public func withLogger(_ logger: Logger) -> OTAPIClient {
        OTAPIClient(
            configuration: self.configuration,
            transport: self.transport,
            sessions: self.sessions,
            logger: logger,
            metrics: self.metrics,
            now: self.now,
            jitter: self.jitter
        )
    }

    /// Forgets a cached session so that the next call logs in again.
    public func dropSession(_ kind: OTSessionKind) {
        self.sessions.drop(kind)
    }

    // MARK: Call pipeline

    /// Runs one call end to end and returns its successful envelope. Logs it at debug and
    /// records the metrics; never logs parameter values.
    public func perform(_ call: OTCall) async throws(OTAPIError) -> OTEnvelope {
        let clock = ContinuousClock()
        let started = clock.now
        var result = "ok"
        var metadata: LogMetadata = ["otapi.method": .string(call.method)]
        defer {
            let elapsed = clock.now - started
            metadata["otapi.duration_ms"] = .double(elapsed.seconds * 1000)
            metadata["otapi.result"] = .string(result)
            self.logger.debug("OT API call finished", metadata: metadata)
            self.metrics?.calls.increment([call.method, result])
            self.metrics?.duration.observe(elapsed.seconds, [call.method])
        }
        do {
            let envelope = try await self.performWithSession(call)
            if let requestId = envelope.requestId {
                metadata["otapi.request_id"] = .string(requestId)
            }
            metadata["otapi.error_code"] = .string(envelope.errorCode)
            return envelope
        } catch {
            result = error.shortDescription
            if let code = error.otErrorCode {
                metadata["otapi.error_code"] = .string(code)
            }
            if case .ot(_, let subCode, _, _, let requestId) = error.code {
                metadata["otapi.sub_error_code"] = subCode.map(LogMetadataValue.string)
                metadata["otapi.request_id"] = requestId.map(LogMetadataValue.string)
            }
            throw error
        }
    }

    private func performWithSession(_ call: OTCall) async throws(OTAPIError) -> OTEnvelope {
        guard let kind = call.session else {
            return try self.checked(await self.exchange(call, sessionId: nil), method: call.method)
        }
        let sessionId = try await self.sessions.sessionId(kind, login: self.loginClosure(kind))
        let first = try await self.exchange(call, sessionId: sessionId)
        guard OTErrorClassifier.outcome(first) == .sessionExpired else {
            return try self.checked(first, method: call.method)
        }

        // SessionExpired means OT did not run the call, so repeating it once is safe, writes too.
        if self.sessions.invalidate(kind, expiredId: sessionId) {
            self.metrics?.relogins.increment([kind.rawValue])
            self.logger.info(
                "OT API session expired; logging in again",
                metadata: ["otapi.method": .string(call.method), "otapi.session": .string(kind.rawValue)]
            )
        }
        let fresh = try await self.sessions.sessionId(kind, login: self.loginClosure(kind))
        let second = try await self.exchange(call, sessionId: fresh)
        guard OTErrorClassifier.outcome(second) != .sessionExpired else {
            self.sessions.invalidate(kind, expiredId: fresh)
            throw OTAPIError(.sessionExpired(session: kind, method: call.method))
        }
        return try self.checked(second, method: call.method)
    }

    private func checked(_ envelope: OTEnvelope, method: String) throws(OTAPIError) -> OTEnvelope {
        guard envelope.isSuccess else {
            throw OTErrorClassifier.error(for: envelope, method: method)
        }
        return envelope
    }
}
