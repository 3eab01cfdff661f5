import Foundation

/// Set-up that a finished browser flow would produce, for demos and tests that need the
/// state without going through the fake Taobao pages.
extension Simulator {
    /// Connects the provider account `name` as an allowed login on the fake Taobao page would:
    /// a new session for a new name, or a renewed one for a known name. Returns the session.
    @discardableResult
    public func connectProviderAccount(
        _ name: String,
        providerType: String = SimulatorConfiguration.Defaults.providerType
    ) -> ProviderSession {
        core.withLock { core in
            let ticket = core.state.startProviderLogin(providerType: providerType, returnURL: "", now: core.now)
            let session = core.state.allowProviderLogin(ticket, accountName: name, now: core.now)
            saveLocked(core)
            return session
        }
    }
}
