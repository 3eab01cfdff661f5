import CCurl
import Glibc
import Observability
import Synchronization

/// A libcurl multi handle driven by one dedicated thread.
///
/// The thread owns the `CURLM*` and every easy handle: it applies queued commands, calls
/// `curl_multi_perform`, completes finished transfers and then sleeps in `curl_multi_poll`.
/// Other threads only append commands to `inbox` and call `curl_multi_wakeup`, so any number
/// of transfers run on this single thread.
final class CurlMultiLoop: Sendable {
    enum Command: Sendable {
        case add(CurlTransferTicket)
        case cancel(CurlTransferTicket)
    }

    struct Inbox {
        var commands: [Command] = []
        var isShutDown = false
    }

    private let multi: CurlMultiHandle
    private let inbox = Mutex(Inbox())
    private let thread = Mutex<pthread_t?>(nil)

    init(configuration: CurlTransportConfiguration, logger: Logger, metrics: CurlTransportMetrics?)
        throws(TransportError)
    {
        guard let pointer = curl_multi_init() else {
            throw TransportError(kind: .other, requestMayHaveBeenSent: false, message: "curl_multi_init failed")
        }
        self.multi = CurlMultiHandle(pointer: pointer)

        let connections = configuration.maxConnections
        let totalCode = gw_curl_multi_setopt_long(pointer, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections)
        let cacheCode = gw_curl_multi_setopt_long(pointer, CURLMOPT_MAXCONNECTS, connections)
        guard totalCode == CURLM_OK, cacheCode == CURLM_OK else {
            curl_multi_cleanup(pointer)
            throw TransportError(
                kind: .other,
                requestMayHaveBeenSent: false,
                message: "curl_multi_setopt failed for the connection limits (CURLMcode \(totalCode.rawValue), "
                    + "\(cacheCode.rawValue))"
            )
        }

        let owner = CurlMultiLoopOwner(
            loop: self,
            multi: self.multi,
            configuration: configuration,
            logger: logger,
            metrics: metrics
        )
        var threadID = pthread_t()
        let context = Unmanaged.passRetained(CurlLoopThreadContext(owner: owner)).toOpaque()
        let created = pthread_create(&threadID, nil, curlLoopThreadMain, context)
        guard created == 0 else {
            Unmanaged<CurlLoopThreadContext>.fromOpaque(context).release()
            curl_multi_cleanup(pointer)
            throw TransportError(
                kind: .other,
                requestMayHaveBeenSent: false,
                message: "starting the libcurl loop thread failed with error \(created)"
            )
        }
        self.thread.withLock { $0 = threadID }
    }

    /// Queues a transfer; returns false when the loop is shut down and will not run it.
    func submit(_ ticket: CurlTransferTicket) -> Bool {
        self.enqueue(.add(ticket))
    }

    /// Queues the removal of a running transfer whose caller was cancelled.
    func requestRemoval(_ ticket: CurlTransferTicket) {
        _ = self.enqueue(.cancel(ticket))
    }

    private func enqueue(_ command: Command) -> Bool {
        self.inbox.withLock { inbox in
            guard !inbox.isShutDown else { return false }
            inbox.commands.append(command)
            // Called under the lock so that no wake-up can race with `curl_multi_cleanup`,
            // which the loop thread runs only after it has seen `isShutDown` under this lock.
            curl_multi_wakeup(self.multi.pointer)
            return true
        }
    }

    /// Called by the loop thread: takes the queued commands and the shutdown flag.
    func takeCommands() -> (commands: [Command], isShutDown: Bool) {
        self.inbox.withLock { inbox in
            let commands = inbox.commands
            inbox.commands.removeAll()
            return (commands, inbox.isShutDown)
        }
    }

    /// Stops the loop: transfers still queued or running fail with kind `.other`, the loop
    /// thread exits and this call waits for it. Later `submit` calls return false. Safe to
    /// call more than once and from any thread but the loop thread.
    func shutdown() {
        self.inbox.withLock { inbox in
            guard !inbox.isShutDown else { return }
            inbox.isShutDown = true
            curl_multi_wakeup(self.multi.pointer)
        }
        guard let threadID = self.thread.withLock({ $0.take() }) else { return }
        if pthread_equal(threadID, pthread_self()) != 0 {
            // Joining itself would deadlock; the thread exits on its own after this command.
            pthread_detach(threadID)
            return
        }
        pthread_join(threadID, nil)
    }
}

/// The `CURLM*` of a loop.
///
/// `@unchecked Sendable`: the loop thread is the only one that calls libcurl with this
/// handle, except for `curl_multi_wakeup`, which libcurl documents as safe from any thread.
/// Every such wake-up runs while `CurlMultiLoop.inbox` (a `Mutex`) is held and before that
/// lock has recorded the shutdown. The loop thread calls `curl_multi_cleanup` only after
/// reading the shutdown under the same lock, so no wake-up can reach a freed handle.
struct CurlMultiHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}

/// Carries the owner into the new thread; the creating thread never touches it afterwards.
private final class CurlLoopThreadContext {
    let owner: CurlMultiLoopOwner

    init(owner: CurlMultiLoopOwner) {
        self.owner = owner
    }
}

private func curlLoopThreadMain(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let context = Unmanaged<CurlLoopThreadContext>.fromOpaque(argument!).takeRetainedValue()
    context.owner.run()
    return nil
}
