import Foundation
import Synchronization

/// Writes each record as one JSON object per line, by default to standard error.
///
/// Keys: `ts` (RFC 3339 UTC with milliseconds), `level`, `logger`, `msg`, then the metadata
/// keys. Metadata whose key names a secret is masked.
public final class JSONLineLogSink: LogSink {
    private let fileDescriptor: Int32
    private let writeLock = Mutex(())

    public init(fileDescriptor: Int32 = 2) {
        self.fileDescriptor = fileDescriptor
    }

    public func emit(_ record: LogRecord) {
        var line = Self.render(record)
        line.append(0x0A)
        self.writeLock.withLock { _ in
            line.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(self.fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        // A closed or full stderr must not take the server down; the record is lost.
                        return
                    }
                }
            }
        }
    }

    /// Renders one record as a JSON object without the trailing newline.
    public static func render(_ record: LogRecord) -> [UInt8] {
        var json = JSONObjectWriter()
        json.add("ts", RFC3339.format(record.timestamp))
        json.add("level", record.level.description)
        json.add("logger", record.label)
        json.add("msg", record.message)
        let metadata = SecretRedaction.redact(record.metadata)
        for key in metadata.keys.sorted() {
            json.add(key, metadata[key]!)
        }
        if record.level >= .warning {
            json.add("source", record.source)
        }
        return json.finish()
    }
}

/// A minimal writer of flat JSON objects, used where `JSONEncoder` would allocate too much.
struct JSONObjectWriter {
    private var bytes: [UInt8] = [0x7B]
    private var isFirst = true

    mutating func add(_ key: String, _ value: String) {
        self.addKey(key)
        JSONString.append(value, to: &self.bytes)
    }

    mutating func add(_ key: String, _ value: LogMetadataValue) {
        switch value {
        case .string(let string):
            self.add(key, string)
        case .integer(let integer):
            self.addKey(key)
            self.bytes.append(contentsOf: Array(String(integer).utf8))
        case .double(let double):
            self.addKey(key)
            // JSON has no NaN or infinity, so those become strings.
            let text = double.isFinite ? String(double) : "\"\(double)\""
            self.bytes.append(contentsOf: Array(text.utf8))
        case .bool(let bool):
            self.addKey(key)
            self.bytes.append(contentsOf: Array((bool ? "true" : "false").utf8))
        }
    }

    private mutating func addKey(_ key: String) {
        if !self.isFirst {
            self.bytes.append(0x2C)
        }
        self.isFirst = false
        JSONString.append(key, to: &self.bytes)
        self.bytes.append(0x3A)
    }

    mutating func finish() -> [UInt8] {
        self.bytes.append(0x7D)
        return self.bytes
    }
}

/// JSON string escaping per RFC 8259: quotes, backslash and control characters, plus DEL so
/// that no raw control byte reaches a log line or a response.
public enum JSONString {
    /// Encodes `string` as a JSON string literal.
    public static func quoted(_ string: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count + 2)
        self.append(string, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `string` as a JSON string literal to `bytes`.
    public static func append(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        for byte in string.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x00..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
