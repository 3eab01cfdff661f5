import Foundation
import OTAPI
import Observability
import Store

/// Handles a callback to the return URL: checks the state, consumes it once, and finds the
/// session the login produced by polling OT's list.
struct ProviderReturnProcessor: Sendable {
    enum Result: Sendable, Equatable {
        case unknownState
        case expiredState
        /// The state is bound to another browser's cookie.
        case otherBrowser
        case outcome(ProviderConnectOutcome, account: String?)
        /// A parallel callback for the same state is still polling.
        case stillChecking(account: String?)
    }

    struct StoreFailure: Error {
        var message: String
    }

    static let outcomeWaitStep: Duration = .milliseconds(200)

    let services: GatewayServices
    let timing: ProviderConnectTiming
    let outcomes: CounterFamily

    init(services: GatewayServices, timing: ProviderConnectTiming) {
        self.services = services
        self.timing = timing
        self.outcomes = services.metrics.counter(
            "otgw_provider_connect_outcomes_total",
            help: "Provider logins finished through the return URL, by outcome.",
            labelNames: ["outcome"]
        )
    }

    var store: Store { self.services.store }

    /// `browserToken` is the value of the browser cookie, when the request carried one.
    func handle(_ callback: ProviderReturnCallback, browserToken: String?, logger: Logger) async throws(StoreFailure)
        -> Result
    {
        let reference = RandomToken.reference(callback.state)
        let logger = logger.with(["provider.state_ref": .string(reference)])
        guard let record = try await self.read(callback.state) else {
            logger.notice("provider return with an unknown state")
            return .unknownState
        }
        if let bound = record.browserBindingHash {
            let presented = browserToken.map(RandomToken.digestHex) ?? ""
            guard ConstantTime.equal(Array(bound.utf8), Array(presented.utf8)) else {
                logger.warning("provider return from another browser than the one that started the login")
                return .otherBrowser
            }
        }
        if let stored = record.outcomeJSON.flatMap(ProviderConnectOutcome.decode) {
            return .outcome(stored, account: record.account)
        }
        if record.consumedAt != nil {
            return try await self.waitForOutcome(record)
        }

        let now = UnixTime.milliseconds(from: self.services.now())
        guard record.expiresAt > now else {
            logger.notice("provider return with an expired state")
            return .expiredState
        }
        let consumed: Bool
        do {
            consumed = try await self.store.consumeProviderAuthState(stateToken: record.stateToken, now: now)
        } catch {
            throw StoreFailure(message: "consuming the state failed: \(error)")
        }
        guard consumed else {
            // Another callback consumed it in between, or it expired just now.
            guard let again = try await self.read(callback.state), again.consumedAt != nil else {
                return .expiredState
            }
            return try await self.waitForOutcome(again)
        }

        let outcome = await self.decide(callback, record: record, logger: logger)
        do {
            try await self.store.setProviderAuthStateOutcome(
                stateToken: record.stateToken,
                outcomeJSON: outcome.encoded
            )
            if case .connected(let account, _, _) = outcome {
                let connectedAt = UnixTime.milliseconds(from: self.services.now())
                try await self.store.recordProviderAccountConnect(accountName: account, at: connectedAt)
            }
        } catch {
            throw StoreFailure(message: "storing the login outcome failed: \(error)")
        }
        self.outcomes.increment([outcome.resultName])
        var metadata: LogMetadata = ["provider.outcome": .string(outcome.resultName)]
        if case .connected(let account, let sessionID, let change) = outcome {
            metadata["provider.account"] = .string(account)
            metadata["provider.session_id"] = .string(sessionID)
            metadata["provider.session_change"] = .string(change.rawValue)
        }
        logger.info("provider login finished", metadata: metadata)
        return .outcome(outcome, account: record.account)
    }

    private func decide(_ callback: ProviderReturnCallback, record: ProviderAuthStateRecord, logger: Logger) async
        -> ProviderConnectOutcome
    {
        if let error = callback.error {
            return .refused(error: error, description: callback.errorDescription)
        }
        guard let before = ProviderSessionEntry.decode(record.sessionsSnapshotJSON) else {
            logger.error("provider login state has an unreadable session list; treating every session as new")
            return await self.poll(ProviderSessionChangeDetector(before: [], account: record.account), logger: logger)
        }
        return await self.poll(ProviderSessionChangeDetector(before: before, account: record.account), logger: logger)
    }

    /// Lists OT's sessions until a conclusive finding or the end of the poll window.
    private func poll(_ detector: ProviderSessionChangeDetector, logger: Logger) async -> ProviderConnectOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + self.timing.sessionPollWindow
        var lastError: OTAPIError?
        var listedOnce = false
        var best: ProviderSessionChangeDetector.Finding?
        while true {
            do {
                let sessions = try await self.services.otapi.getProviderOrdersIntegrationSessionInfoList(
                    providerType: self.services.configuration.ordering.providerType
                )
                listedOnce = true
                best = detector.detect(after: sessions.map(ProviderSessionEntry.init))
            } catch {
                lastError = error
                logger.warning(
                    "listing provider sessions failed while checking a login",
                    metadata: ["error": .string(error.description)]
                )
            }
            if let best {
                if best.isConclusive || clock.now - start >= self.timing.unchangedSessionSettle {
                    break
                }
            }
            if clock.now >= deadline {
                break
            }
            try? await Task.sleep(for: self.timing.sessionPollInterval)
        }
        if let best {
            return .connected(account: best.account, sessionID: best.sessionID, change: best.change)
        }
        if !listedOnce, let lastError {
            return .checkFailed(detail: OTProblemMapping.problem(for: lastError).detail ?? lastError.description)
        }
        return .noNewSession
    }

    private func waitForOutcome(_ record: ProviderAuthStateRecord) async throws(StoreFailure) -> Result {
        let clock = ContinuousClock()
        let deadline = clock.now + self.timing.outcomeWaitWindow
        while clock.now < deadline {
            if let current = try await self.read(record.stateToken),
                let outcome = current.outcomeJSON.flatMap(ProviderConnectOutcome.decode)
            {
                return .outcome(outcome, account: record.account)
            }
            try? await Task.sleep(for: Self.outcomeWaitStep)
        }
        return .stillChecking(account: record.account)
    }

    private func read(_ state: String) async throws(StoreFailure) -> ProviderAuthStateRecord? {
        do {
            return try await self.store.providerAuthState(stateToken: state)
        } catch {
            throw StoreFailure(message: "reading the state failed: \(error)")
        }
    }
}
