import Synchronization

/// Keeps records in memory so tests can assert on what was logged.
public final class InMemoryLogSink: LogSink {
    private let storage = Mutex<[LogRecord]>([])

    public init() {}

    public func emit(_ record: LogRecord) {
        self.storage.withLock { $0.append(record) }
    }

    public var records: [LogRecord] {
        self.storage.withLock { $0 }
    }
}
