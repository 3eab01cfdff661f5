import Synchronization

/// Caches the operator and customer session ids apart. At most one login runs per kind at a
/// time, and callers that need a session while it runs wait for its result.
final class SessionStore: Sendable {
    typealias Login = @Sendable () async throws(OTAPIError) -> String

    enum Entry {
        case ready(String)
        case pending(Task<String, any Error>)
    }

    private let entries = Mutex<[OTSessionKind: Entry]>([:])

    /// Returns the cached id, else waits for the running login, else starts one and waits.
    func sessionId(_ kind: OTSessionKind, login: @escaping Login) async throws(OTAPIError) -> String {
        let current: Entry = self.entries.withLock { entries in
            if let entry = entries[kind] { return entry }
            let task = Task<String, any Error> { try await login() }
            entries[kind] = .pending(task)
            return .pending(task)
        }
        let task: Task<String, any Error>
        switch current {
        case .ready(let id): return id
        case .pending(let pending): task = pending
        }
        do {
            let id = try await task.value
            self.entries.withLock { entries in
                if case .pending(let stored) = entries[kind], stored == task {
                    entries[kind] = .ready(id)
                }
            }
            return id
        } catch {
            self.entries.withLock { entries in
                if case .pending(let stored) = entries[kind], stored == task {
                    entries[kind] = nil
                }
            }
            // Login only throws OTAPIError; anything else would be a programming error.
            throw (error as? OTAPIError) ?? OTAPIError(.sessionLoginFailed(session: kind, cause: "\(error)"))
        }
    }

    /// Drops `expiredId` if it is still the cached id and returns whether it did. A caller
    /// whose session was already replaced, or is being replaced, leaves the newer one alone.
    @discardableResult
    func invalidate(_ kind: OTSessionKind, expiredId: String) -> Bool {
        self.entries.withLock { entries in
            guard case .ready(let id) = entries[kind], id == expiredId else { return false }
            entries[kind] = nil
            return true
        }
    }
}

extension SessionStore {
    /// Forgets the cached id; a login that is running keeps going.
    func drop(_ kind: OTSessionKind) {
        self.entries.withLock { entries in
            if case .ready = entries[kind] {
                entries[kind] = nil
            }
        }
    }
}
