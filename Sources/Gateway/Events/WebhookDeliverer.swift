import Foundation
import OTAPI
import Observability
import Store

/// Pushes outbox events to `OTGW_WEBHOOK_URL`, signed, retrying failures with back-off and
/// keeping the events of each order in order. Every step reads and writes the store, so a
/// restart resumes where the last run stopped.
public final class WebhookDeliverer: Sendable {
    /// Each push must finish within this time, or it counts as failed.
    public static let requestTimeout: Duration = .seconds(10)
    public static let connectTimeout: Duration = .seconds(5)
    /// Pending events considered in one round; events of one order are found together
    /// because the store returns the oldest first.
    static let pendingWindow = 500
    /// Rounds in one run; each round pushes at most one event per order.
    static let maxRoundsPerRun = 20

    let services: GatewayServices
    let webhook: GatewayConfiguration.Webhook?
    let transport: any OTTransport
    let policy: WebhookRetryPolicy
    let jitter: @Sendable () -> Double
    let metrics: WebhookMetrics
    let logger: Logger

    /// - Parameters:
    ///   - transport: sends the pushes; the gateway passes a `CurlTransport` of its own, apart
    ///     from the one for OT calls.
    ///   - jitter: the retry delay factor, expected in 0.5...1.
    public init(
        services: GatewayServices,
        transport: any OTTransport,
        policy: WebhookRetryPolicy = .standard,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.5...1) }
    ) {
        self.services = services
        self.webhook = services.configuration.webhook
        self.transport = transport
        self.policy = policy
        self.jitter = jitter
        self.metrics = WebhookMetrics(registry: services.metrics)
        self.logger = services.logger.with(["component": "webhook"])
    }

    /// Pushes every event that is due at `now` and returns how many were delivered.
    @discardableResult
    public func runOnce(now: Date) async -> Int {
        var delivered = 0
        if let webhook = self.webhook {
            let nowMilliseconds = UnixTime.milliseconds(from: now)
            for _ in 0..<Self.maxRoundsPerRun {
                let due: [OutboxEvent]
                do {
                    let pending = try await self.services.store.pendingOutboxEvents(limit: Self.pendingWindow)
                    due = WebhookQueue.deliverable(pending, now: nowMilliseconds)
                } catch {
                    self.logger.error("reading pending events failed", metadata: ["error": .string("\(error)")])
                    break
                }
                if due.isEmpty || Task.isCancelled { break }
                for event in due {
                    if await self.push(event, to: webhook, now: nowMilliseconds) {
                        delivered += 1
                    }
                }
            }
        }
        await self.updateGauges()
        return delivered
    }

    /// Sends one event and records the outcome; returns whether the receiver accepted it.
    private func push(_ event: OutboxEvent, to webhook: GatewayConfiguration.Webhook, now: Int64) async -> Bool {
        let body = JSONWriter.encode(EventRepresentation.json(event))
        let timestamp = now / 1000
        let request = TransportRequest(
            url: webhook.url.absoluteString,
            headers: [
                ("Content-Type", "application/json"),
                ("X-OTGW-Event-Id", String(event.id)),
                ("X-OTGW-Timestamp", String(timestamp)),
                ("X-OTGW-Signature", WebhookSignature.header(secret: webhook.secret, timestamp: timestamp, body: body)),
            ],
            body: body,
            timeout: Self.requestTimeout,
            connectTimeout: Self.connectTimeout
        )
        let failure: String
        do {
            let response = try await self.transport.send(request)
            if (200..<300).contains(response.status) {
                return await self.recordDelivered(event, now: now)
            }
            failure = "the receiver answered HTTP \(response.status)"
        } catch let error as TransportError {
            failure = "the push failed: \(error.kind.rawValue)"
        } catch {
            failure = "the push failed: \(error)"
        }
        await self.recordFailure(event, reason: failure, now: now)
        return false
    }

    private func recordDelivered(_ event: OutboxEvent, now: Int64) async -> Bool {
        do {
            try await self.services.store.markOutboxEventDelivered(id: event.id, at: now)
        } catch {
            // The receiver has the event; it may get it again after a restart, which the
            // event id lets it recognise.
            self.logger.error(
                "recording a delivered event failed",
                metadata: ["event.id": .string(String(event.id)), "error": .string("\(error)")]
            )
        }
        self.metrics.count(.delivered)
        return true
    }

    private func recordFailure(_ event: OutboxEvent, reason: String, now: Int64) async {
        let next = self.policy.nextAttempt(
            afterFailures: event.attempts + 1,
            occurredAt: event.occurredAt,
            now: now,
            jitter: self.jitter()
        )
        let metadata: LogMetadata = [
            "event.id": .string(String(event.id)),
            "event.type": .string(event.type),
            "event.attempts": .string(String(event.attempts + 1)),
            "reason": .string(reason),
        ]
        if next == nil {
            self.logger.error(
                "webhook push given up after the retry window; the event stays in GET /events",
                metadata: metadata
            )
            self.metrics.count(.failed)
        } else {
            self.logger.warning("webhook push failed; will retry", metadata: metadata)
            self.metrics.count(.retry)
        }
        do {
            try await self.services.store.recordOutboxDeliveryFailure(id: event.id, error: reason, nextAttemptAt: next)
        } catch {
            self.logger.error(
                "recording a failed push failed",
                metadata: ["event.id": .string(String(event.id)), "error": .string("\(error)")]
            )
        }
    }

    private func updateGauges() async {
        guard let counts = try? await self.services.store.outboxEventCounts() else { return }
        self.metrics.backlog.set(Double(counts[.pending] ?? 0))
        self.metrics.failedEvents.set(Double(counts[.failed] ?? 0))
    }
}
