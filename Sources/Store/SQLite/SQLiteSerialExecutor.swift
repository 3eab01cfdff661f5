import Dispatch

/// A serial executor on a private dispatch queue, for the actor that owns a SQLite connection.
///
/// SQLite calls block: a commit with `synchronous=FULL` waits for `fsync`, and a locked database
/// waits up to the busy timeout. Running them on a dedicated queue keeps those waits off
/// Swift's cooperative thread pool, which the HTTP handlers share.
final class SQLiteSerialExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        self.queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let executor = self.asUnownedSerialExecutor()
        self.queue.async {
            unownedJob.runSynchronously(on: executor)
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
