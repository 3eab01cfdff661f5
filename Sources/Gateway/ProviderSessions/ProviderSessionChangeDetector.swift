/// Finds the session a login produced by comparing OT's list before and after it.
///
/// OT does not say which session a login created, and public material does not say whether a
/// refreshed account keeps its id. So a new id wins, then a changed entry for the same id, and
/// last the named account listed unchanged, which is what an OT that keeps ids looks like.
struct ProviderSessionChangeDetector: Sendable {
    struct Finding: Sendable, Equatable {
        var account: String
        var sessionID: String
        var change: ProviderConnectOutcome.SessionChange

        /// Whether more polling could not find anything better.
        var isConclusive: Bool { self.change != .unchanged }
    }

    let before: [ProviderSessionEntry]
    /// The account the operator is refreshing, when one was named.
    let account: String?

    /// Returns the best finding in `after`, or nil when nothing points at the login yet.
    func detect(after: [ProviderSessionEntry]) -> Finding? {
        let beforeByID = Dictionary(self.before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let beforeNames = Set(self.before.compactMap(\.name))
        let added = after.filter { beforeByID[$0.id] == nil }
        let changed = after.filter { entry in
            guard let previous = beforeByID[entry.id] else { return false }
            return previous != entry
        }

        func finding(_ entry: ProviderSessionEntry, _ change: ProviderConnectOutcome.SessionChange) -> Finding {
            Finding(account: entry.name ?? entry.id, sessionID: entry.id, change: change)
        }
        func newFinding(_ entry: ProviderSessionEntry) -> Finding {
            let wasListed = entry.name.map(beforeNames.contains) ?? false
            return finding(entry, wasListed ? .replaced : .added)
        }

        if let account = self.account {
            if let entry = added.first(where: { $0.name == account }) {
                return newFinding(entry)
            }
            if let entry = changed.first(where: { $0.name == account }) {
                return finding(entry, .updated)
            }
        }
        // A new id for another account: the operator logged in to a different account than named.
        if let entry = added.first {
            return newFinding(entry)
        }
        if self.account == nil, let entry = changed.first {
            return finding(entry, .updated)
        }
        // NOTE: an OT that keeps the session id on a refresh shows no difference at all, so
        // the named account being listed after a callback without error counts as success.
        if let account = self.account, let entry = after.first(where: { $0.name == account }) {
            return finding(entry, .unchanged)
        }
        return nil
    }
}
