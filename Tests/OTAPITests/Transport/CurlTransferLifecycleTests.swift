import Testing

@testable import OTAPI

@Suite struct CurlTransferLifecycleTests {
    typealias Lifecycle = CurlTransferLifecycle<String>

    @Test func normalTransferResumesOnce() {
        var lifecycle = Lifecycle()
        guard case .submit = lifecycle.attach("waiter") else {
            Issue.record("attach in created did not submit")
            return
        }
        guard case .addHandle = lifecycle.start() else {
            Issue.record("start in queued did not add the handle")
            return
        }
        guard case .resumeWithResult(let waiter) = lifecycle.finish() else {
            Issue.record("finish in running did not resume with the result")
            return
        }
        #expect(waiter == "waiter")
        #expect(lifecycle.phase == .finished)
        guard case .none = lifecycle.finish() else {
            Issue.record("a second finish resumed again")
            return
        }
        guard case .none = lifecycle.cancel() else {
            Issue.record("cancel after finish acted")
            return
        }
    }

    @Test func cancelBeforeAttachResumesAtAttach() {
        var lifecycle = Lifecycle()
        guard case .none = lifecycle.cancel() else {
            Issue.record("cancel in created acted")
            return
        }
        guard case .resumeCancelled(let waiter) = lifecycle.attach("waiter") else {
            Issue.record("attach after cancel did not resume with a cancellation")
            return
        }
        #expect(waiter == "waiter")
        #expect(lifecycle.phase == .cancelled)
    }

    @Test func cancelWhileQueuedResumesAndDropsAtStart() {
        var lifecycle = Lifecycle()
        _ = lifecycle.attach("waiter")
        guard case .resumeCancelled(let waiter) = lifecycle.cancel() else {
            Issue.record("cancel in queued did not resume")
            return
        }
        #expect(waiter == "waiter")
        guard case .drop = lifecycle.start() else {
            Issue.record("start after cancel did not drop")
            return
        }
        guard case .none = lifecycle.finish() else {
            Issue.record("finish after cancel resumed again")
            return
        }
    }

    @Test func cancelWhileRunningWaitsForRemoval() {
        var lifecycle = Lifecycle()
        _ = lifecycle.attach("waiter")
        _ = lifecycle.start()
        guard case .requestRemoval = lifecycle.cancel() else {
            Issue.record("cancel in running did not request removal")
            return
        }
        #expect(lifecycle.phase == .cancelling)
        guard case .none = lifecycle.cancel() else {
            Issue.record("a second cancel acted")
            return
        }
        guard case .resumeCancelled(let waiter) = lifecycle.finish() else {
            Issue.record("finish in cancelling did not resume with a cancellation")
            return
        }
        #expect(waiter == "waiter")
        #expect(lifecycle.phase == .cancelled)
        guard case .none = lifecycle.finish() else {
            Issue.record("finish after the cancellation resumed again")
            return
        }
    }

    @Test func finishWhileQueuedResumesForShutdown() {
        var lifecycle = Lifecycle()
        _ = lifecycle.attach("waiter")
        guard case .resumeWithResult(let waiter) = lifecycle.finish() else {
            Issue.record("finish in queued did not resume")
            return
        }
        #expect(waiter == "waiter")
        #expect(lifecycle.phase == .finished)
    }
}
