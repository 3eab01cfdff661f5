import Foundation
import OTAPI
import Observability
import Store
import Synchronization

/// Records `provider_session.expiring` for provider sessions that reach
/// `OTGW_SESSION_WARN_HOURS`, counted from their last connect through the gateway.
public final class SessionAgeMonitor: Sendable {
    public static let checkIntervalMilliseconds: Int64 = 15 * 60_000
    /// Recent outbox events read at the first run to learn which warnings were already sent.
    static let recentEventsRead = 1000

    private struct State {
        var warnings = SessionAgeWarnings()
        var lastRunAt: Int64?
        var seeded = false
    }

    let services: GatewayServices
    let budget: CallBudget
    let logger: Logger
    private let state = Mutex(State())

    public init(services: GatewayServices, budget: CallBudget) {
        self.services = services
        self.budget = budget
        self.logger = services.logger.with(["component": "session_monitor"])
    }

    /// Checks the session ages at most every 15 minutes (always with `force`); returns the
    /// number of warnings recorded.
    @discardableResult
    public func runOnce(now: Date, force: Bool = false) async -> Int {
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        let warnAge = OrderWatching.milliseconds(self.services.configuration.background.sessionWarnAge)
        let due = self.state.withLock { state -> Bool in
            if !force, let last = state.lastRunAt, nowMilliseconds - last < Self.checkIntervalMilliseconds {
                return false
            }
            state.lastRunAt = nowMilliseconds
            return true
        }
        guard due else { return 0 }
        do {
            try await self.seedFromOutbox(warnAge: warnAge)
            let connects = try await self.services.store.providerAccountConnects()
            ProviderSessionMetrics.recordOldest(connects: connects, now: now, registry: self.services.metrics)
            let aged = connects.filter {
                SessionAgeWarnings.dayIndex(connectedAt: $0.lastConnectedAt, now: nowMilliseconds, warnAge: warnAge)
                    != nil
            }
            guard !aged.isEmpty else { return 0 }
            let sessions = await self.listSessions(now: now)
            let drafts = self.state.withLock {
                $0.warnings.events(connects: aged, sessions: sessions, now: nowMilliseconds, warnAge: warnAge)
            }
            guard !drafts.isEmpty else { return 0 }
            let webhookConfigured = self.services.configuration.webhook != nil
            try await self.services.store.transaction { store in
                _ = try EventRecorder.append(
                    drafts,
                    occurredAt: nowMilliseconds,
                    webhookConfigured: webhookConfigured,
                    in: store
                )
            }
            self.logger.notice(
                "provider sessions reached the warning age; reconnect them",
                metadata: ["count": .string(String(drafts.count))]
            )
            return drafts.count
        } catch {
            self.logger.error("checking provider session ages failed", metadata: ["error": .string("\(error)")])
            return 0
        }
    }

    /// OT's sessions, or nil when the budget is used up or the call failed; the warnings then
    /// go out without session ids.
    private func listSessions(now: Date) async -> [ProviderSession]? {
        guard self.budget.take(1, now: now) else { return nil }
        do {
            return try await self.services.otapi.getProviderOrdersIntegrationSessionInfoList(
                providerType: self.services.configuration.ordering.providerType
            )
        } catch {
            self.logger.warning("listing provider sessions failed", metadata: ["error": .string(error.description)])
            return nil
        }
    }

    private func seedFromOutbox(warnAge: Int64) async throws {
        guard !self.state.withLock({ $0.seeded }) else { return }
        let latest = try await self.services.store.latestOutboxEventID() ?? 0
        let events = try await self.services.store.outboxEvents(
            after: max(0, latest - Int64(Self.recentEventsRead)),
            limit: Self.recentEventsRead
        )
        self.state.withLock { state in
            for event in events {
                state.warnings.remember(event, warnAge: warnAge)
            }
            state.seeded = true
        }
    }
}
