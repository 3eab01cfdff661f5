import Foundation
import OTAPI
import Observability
import Store

/// Starts a provider (Taobao) login: lists OT's sessions, creates a one-time state, requests from OT
/// the login page with the gateway's return URL, and stores the state.
///
/// At most one login is under way at a time, so the return handler can tell which login a new
/// session belongs to; a second start is answered with the pending one unless it restarts.
struct ProviderConnectStarter: Sendable {
    /// The maximum length of an account name from an operator or a script.
    static let maxAccountLength = 64

    enum Result: Sendable {
        case started(state: String, redirectURL: String, expiresAt: Date)
        /// Another login is under way and was left alone.
        case pending(ProviderAuthStateRecord)
    }

    enum Failure: Error, Sendable {
        case ot(OTAPIError)
        /// OT's `RedirectUrl` is not an absolute http or https URL.
        case invalidRedirect(String)
        case internalError(String)
    }

    /// The pending logins a start may cancel.
    enum Restart: Sendable, Equatable {
        case none
        /// The pending login whose `RandomToken.reference` is this value (the console's link).
        case reference(String)
        /// Every pending login (`"restart": true` from a script with a bearer token).
        case all
    }

    let services: GatewayServices
    let timing: ProviderConnectTiming

    var store: Store { self.services.store }
    var providerType: String { self.services.configuration.ordering.providerType }

    /// Returns whether `name` is an acceptable account name: 1 to `maxAccountLength`
    /// characters, none of them control characters.
    static func isAcceptableAccount(_ name: String) -> Bool {
        !name.isEmpty && name.count <= self.maxAccountLength
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    func start(account: String?, browserBindingHash: String?, restart: Restart) async throws(Failure) -> Result {
        let now = self.services.now()
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        let logger = self.services.logger.with(["component": "provider.connect"])

        if let pending = try await self.settlePending(now: nowMilliseconds, restart: restart, logger: logger) {
            return .pending(pending)
        }

        let sessions: [ProviderSession]
        let redirectURL: String
        let state: String
        do {
            state = try RandomToken.make()
        } catch {
            throw .internalError("the random number generator failed")
        }
        do {
            sessions = try await self.services.otapi.getProviderOrdersIntegrationSessionInfoList(
                providerType: self.providerType
            )
            let returnURL = ProviderReturnURL.make(
                publicURL: self.services.configuration.server.publicURL,
                state: state
            )
            let info = try await self.services.otapi.getProviderOrdersIntegrationSessionAuthenticationInfo(
                providerType: self.providerType,
                returnUrl: returnURL
            )
            redirectURL = info.redirectURL
        } catch {
            throw .ot(error)
        }
        guard Self.isAcceptableRedirect(redirectURL) else {
            throw .invalidRedirect(redirectURL)
        }

        let expiresAt = nowMilliseconds + self.timing.stateLifetime.wholeMilliseconds
        let record = ProviderAuthStateRecord(
            stateToken: state,
            account: account,
            browserBindingHash: browserBindingHash,
            sessionsSnapshotJSON: ProviderSessionEntry.encode(sessions.map(ProviderSessionEntry.init)),
            createdAt: nowMilliseconds,
            expiresAt: expiresAt
        )
        // The pending check repeats inside the transaction, because two starts may have
        // passed the first check while waiting for OT.
        let racing: ProviderAuthStateRecord?
        do {
            racing = try await self.store.transaction { store in
                if let other = try store.pendingProviderAuthStates(now: nowMilliseconds).first {
                    return other
                }
                try store.insertProviderAuthState(record)
                return nil
            }
        } catch {
            throw .internalError("the login state could not be stored: \(error)")
        }
        if let racing {
            return .pending(racing)
        }
        logger.info(
            "provider login started",
            metadata: [
                "provider.state_ref": .string(RandomToken.reference(state)),
                "provider.account": .string(account ?? "-"),
                "provider.sessions_before": .string(String(sessions.count)),
                "provider.browser_bound": .string(browserBindingHash == nil ? "false" : "true"),
            ]
        )
        return .started(state: state, redirectURL: redirectURL, expiresAt: UnixTime.date(fromMilliseconds: expiresAt))
    }

    /// Purges old states, cancels the pending logins `restart` names, and returns the pending
    /// login that remains, if any.
    private func settlePending(now: Int64, restart: Restart, logger: Logger) async throws(Failure)
        -> ProviderAuthStateRecord?
    {
        let retention = self.timing.stateRetention.wholeMilliseconds
        let cancelled = ProviderConnectOutcome.cancelled.encoded
        do {
            return try await self.store.transaction { store in
                try store.purgeProviderAuthStates(expiredBefore: now - retention)
                var remaining: [ProviderAuthStateRecord] = []
                for pending in try store.pendingProviderAuthStates(now: now) {
                    let matches: Bool
                    switch restart {
                    case .none: matches = false
                    case .all: matches = true
                    case .reference(let reference): matches = RandomToken.reference(pending.stateToken) == reference
                    }
                    if matches, try store.consumeProviderAuthState(stateToken: pending.stateToken, now: now) {
                        try store.setProviderAuthStateOutcome(stateToken: pending.stateToken, outcomeJSON: cancelled)
                        logger.notice(
                            "provider login cancelled by a restart",
                            metadata: ["provider.state_ref": .string(RandomToken.reference(pending.stateToken))]
                        )
                    } else {
                        remaining.append(pending)
                    }
                }
                return remaining.first
            }
        } catch {
            throw .internalError("the pending logins could not be read: \(error)")
        }
    }

    /// Returns whether OT's `RedirectUrl` is safe for a browser: absolute http or https with a host.
    static func isAcceptableRedirect(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return !text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == " " }
    }
}
