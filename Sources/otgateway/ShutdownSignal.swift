import Dispatch
import Foundation

/// Waits for SIGTERM or SIGINT through Dispatch signal sources, so the signal is handled on a
/// queue like any other event rather than in an async-signal context.
enum ShutdownSignal {
    /// Suspends until the first SIGTERM or SIGINT and returns its name.
    static func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let queue = DispatchQueue(label: "otgateway.signals")
            let once = ResumeOnce(continuation)
            var sources: [any DispatchSourceSignal] = []
            for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
                // The default action would end the process before the graceful shutdown runs.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { once.resume(name) }
                source.resume()
                sources.append(source)
            }
            // The sources must outlive this closure; they live as long as the process.
            ShutdownSignal.keepAlive(sources)
        }
    }

    nonisolated(unsafe) private static var retainedSources: [any DispatchSourceSignal] = []

    private static func keepAlive(_ sources: [any DispatchSourceSignal]) {
        self.retainedSources.append(contentsOf: sources)
    }
}

/// Resumes a continuation at most once, whichever signal arrives first.
private final class ResumeOnce: @unchecked Sendable {
    // Safe without a lock: every call comes from the one serial signal queue.
    private var continuation: CheckedContinuation<String, Never>?

    init(_ continuation: CheckedContinuation<String, Never>) {
        self.continuation = continuation
    }

    func resume(_ name: String) {
        self.continuation?.resume(returning: name)
        self.continuation = nil
    }
}
