import Foundation

extension SimulatorState {
    /// Starts a fake Taobao login and returns its ticket; the login page at
    /// `/fake-taobao/login?ticket=...` finishes it.
    mutating func startProviderLogin(providerType: String, returnURL: String, now: Date) -> ProviderLoginTicket {
        let ticket = ProviderLoginTicket(
            ticket: UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""),
            providerType: providerType,
            returnURL: returnURL,
            createdAt: now
        )
        loginTickets = loginTickets.filter {
            now.timeIntervalSince($0.value.createdAt) < SimulatorConfiguration.Defaults.loginTicketLifetime
        }
        loginTickets[ticket.ticket] = ticket
        return ticket
    }

    /// The login ticket if it exists and has not expired.
    func loginTicket(_ ticket: String, now: Date) -> ProviderLoginTicket? {
        guard let found = loginTickets[ticket],
            now.timeIntervalSince(found.createdAt) < SimulatorConfiguration.Defaults.loginTicketLifetime
        else { return nil }
        return found
    }

    /// Finishes a login with "Allow": creates a session for a new account name, or renews
    /// the session of a known one (same id, fresh login time).
    mutating func allowProviderLogin(_ ticket: ProviderLoginTicket, accountName: String, now: Date) -> ProviderSession {
        loginTickets[ticket.ticket] = nil
        if let index = providerSessions.firstIndex(where: {
            $0.name == accountName && $0.providerType == ticket.providerType
        }) {
            providerSessions[index].connectedAt = now
            providerSessions[index].isRevoked = false
            return providerSessions[index]
        }
        let session = ProviderSession(
            id: UUID().uuidString.lowercased(),
            name: accountName,
            providerType: ticket.providerType,
            connectedAt: now
        )
        providerSessions.append(session)
        return session
    }

    mutating func denyProviderLogin(_ ticket: ProviderLoginTicket) {
        loginTickets[ticket.ticket] = nil
    }

    func isExpired(_ session: ProviderSession, now: Date, lifetime: Duration) -> Bool {
        session.isRevoked || now.timeIntervalSince(session.connectedAt) >= lifetime.seconds
    }

    /// The provider session a call names, if it exists and is still logged in.
    func usableProviderSession(
        _ id: String,
        providerType: String,
        now: Date,
        configuration: SimulatorConfiguration
    ) throws(OTFailure) -> ProviderSession {
        guard let session = providerSessions.first(where: { $0.id == id && $0.providerType == providerType }) else {
            throw OTFailure(
                code: "NotFound",
                subCode: "ProviderSession",
                description: "Provider session \(id) of \(providerType) does not exist; log in to the provider first."
            )
        }
        if isExpired(session, now: now, lifetime: configuration.providerSessionLifetime) {
            throw OTFailure(configuration.providerSessionExpiredError)
        }
        return session
    }
}

extension Duration {
    var seconds: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
