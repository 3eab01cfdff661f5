import Foundation

/// A value-type logger: a label, a minimum level, metadata carried into every record, and a sink.
///
/// Copies are cheap, so a request handler takes the server's logger, adds `http.request_id`,
/// and passes the copy down. Messages and metadata are autoclosures and are not built when
/// the level is filtered out.
public struct Logger: Sendable {
    public var label: String
    public var logLevel: LogLevel
    public var metadata: LogMetadata
    public let sink: any LogSink

    public init(label: String, logLevel: LogLevel = .info, metadata: LogMetadata = [:], sink: any LogSink) {
        self.label = label
        self.logLevel = logLevel
        self.metadata = metadata
        self.sink = sink
    }

    /// A logger that drops everything; for library code that was given no logger.
    public static func disabled(label: String = "disabled") -> Logger {
        Logger(label: label, logLevel: .critical, sink: DiscardingLogSink())
    }

    public subscript(metadataKey key: String) -> LogMetadataValue? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    /// Returns a copy with `extra` merged over the current metadata.
    public func with(_ extra: LogMetadata) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    public func log(
        level: LogLevel,
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        guard level >= self.logLevel else { return }
        var merged = self.metadata
        if let extra = metadata() {
            merged.merge(extra) { _, new in new }
        }
        let record = LogRecord(
            timestamp: Date(),
            level: level,
            label: self.label,
            message: message(),
            metadata: merged,
            source: "\(file):\(line)"
        )
        self.sink.emit(record)
    }

    public func trace(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.log(level: .trace, message(), metadata: metadata(), file: file, line: line)
    }

    public func debug(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.log(level: .debug, message(), metadata: metadata(), file: file, line: line)
    }

    public func info(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.log(level: .info, message(), metadata: metadata(), file: file, line: line)
    }

    public func notice(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.log(level: .notice, message(), metadata: metadata(), file: file, line: line)
    }

    public func warning(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.log(level: .warning, message(), metadata: metadata(), file: file, line: line)
    }

    public func error(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.log(level: .error, message(), metadata: metadata(), file: file, line: line)
    }

    public func critical(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata? = nil,
        file: String = #fileID,
        line: UInt = #line
    ) {
        self.log(level: .critical, message(), metadata: metadata(), file: file, line: line)
    }
}

/// A sink that drops every record.
public struct DiscardingLogSink: LogSink {
    public init() {}
    public func emit(_ record: LogRecord) {}
}
