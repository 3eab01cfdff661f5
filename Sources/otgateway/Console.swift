import Foundation

/// Plain-text messages for a person at a terminal. Both streams are written without
/// buffering, so a parent process reading a pipe sees each message as soon as it is printed.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("otgateway: \(message)\n".utf8))
    }

    /// Writes `text` and a newline to standard output.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
