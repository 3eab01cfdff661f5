import Foundation

/// One log event as a sink receives it.
public struct LogRecord: Sendable {
    public var timestamp: Date
    public var level: LogLevel
    public var label: String
    public var message: String
    public var metadata: LogMetadata
    public var source: String

    public init(
        timestamp: Date,
        level: LogLevel,
        label: String,
        message: String,
        metadata: LogMetadata,
        source: String
    ) {
        self.timestamp = timestamp
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
        self.source = source
    }
}

/// A destination of log records. Sinks are shared across threads, so they must be thread-safe.
public protocol LogSink: Sendable {
    func emit(_ record: LogRecord)
}
