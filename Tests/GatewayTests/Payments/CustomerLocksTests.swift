import Synchronization
import Testing

@testable import Gateway

@Suite struct CustomerLocksTests {
    @Test func grantsOneHolderPerKeyInArrivalOrder() async {
        let locks = CustomerLocks()
        let probe = LockProbe()

        // Hold the lock so that every task below queues, then release it.
        let gate = AsyncGate()
        let first = Task {
            await locks.withLock("100001") {
                await gate.wait()
            }
        }
        while locks.queueLength("100001") < 1 { await Task.yield() }

        var tasks: [Task<Void, Never>] = []
        for index in 0..<20 {
            tasks.append(
                Task {
                    await locks.withLock("100001") {
                        probe.enter(index)
                        await Task.yield()
                        probe.leave()
                    }
                }
            )
            // Wait until this task is queued, so arrival order is known.
            while locks.queueLength("100001") < index + 2 { await Task.yield() }
        }
        gate.open()
        await first.value
        for task in tasks { await task.value }

        #expect(probe.order == Array(0..<20))
        #expect(probe.maxInside == 1)
        #expect(locks.queueLength("100001") == 0)
    }

    @Test func otherKeysDoNotWait() async {
        let locks = CustomerLocks()
        let gate = AsyncGate()
        let holder = Task {
            await locks.withLock("a") {
                await gate.wait()
            }
        }
        while locks.queueLength("a") < 1 { await Task.yield() }
        let value = await locks.withLock("b") { 7 }
        #expect(value == 7)
        gate.open()
        await holder.value
    }
}

/// A one-shot gate: `wait()` suspends until `open()`.
final class AsyncGate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = self.state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = self.state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Records who entered a lock, in order, and the most holders seen at once.
final class LockProbe: Sendable {
    private let state = Mutex<(order: [Int], inside: Int, maxInside: Int)>(([], 0, 0))

    var order: [Int] { self.state.withLock { $0.order } }
    var maxInside: Int { self.state.withLock { $0.maxInside } }

    func enter(_ index: Int) {
        self.state.withLock { state in
            state.order.append(index)
            state.inside += 1
            state.maxInside = max(state.maxInside, state.inside)
        }
    }

    func leave() {
        self.state.withLock { $0.inside -= 1 }
    }
}
