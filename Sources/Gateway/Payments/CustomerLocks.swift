import Synchronization

/// An async mutual-exclusion lock per key (an OT customer id), granted in FIFO order.
///
/// Waiters suspend on a continuation, so no thread blocks while a payment of the same customer
/// runs. A waiting task is not woken by cancellation: it keeps its place and gets the lock,
/// because a payment half done must still finish or journal its state.
final class CustomerLocks: Sendable {
    private struct Entry {
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Keys whose lock is held, with the tasks waiting for it in arrival order.
    private let entries = Mutex<[String: Entry]>([:])

    init() {}

    /// Runs `body` while holding the lock of `key`.
    func withLock<Result: Sendable>(
        _ key: String,
        _ body: () async throws -> Result
    ) async rethrows -> Result {
        await self.acquire(key)
        defer { self.release(key) }
        return try await body()
    }

    /// The number of tasks holding or waiting for `key`'s lock, for tests.
    func queueLength(_ key: String) -> Int {
        self.entries.withLock { entries in
            entries[key].map { $0.waiters.count + 1 } ?? 0
        }
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = self.entries.withLock { entries in
                if entries[key] == nil {
                    entries[key] = Entry()
                    return true
                }
                entries[key]!.waiters.append(continuation)
                return false
            }
            if acquired {
                continuation.resume()
            }
        }
    }

    /// Hands the lock to the longest waiting task, or frees it when none waits.
    private func release(_ key: String) {
        let next = self.entries.withLock { entries -> CheckedContinuation<Void, Never>? in
            guard var entry = entries[key] else { return nil }
            if entry.waiters.isEmpty {
                entries[key] = nil
                return nil
            }
            let first = entry.waiters.removeFirst()
            entries[key] = entry
            return first
        }
        next?.resume()
    }
}
