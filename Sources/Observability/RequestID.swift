import Foundation
import Synchronization

/// Generates request ids: a random 64-bit prefix fixed per process plus a counter, as 24 hex
/// digits, so ids are unique across restarts without a random draw per request.
public final class RequestIDGenerator: Sendable {
    private let prefix: String
    private let counter = Mutex<UInt64>(0)

    public init() {
        let random = UInt64.random(in: 0...UInt64.max)
        self.prefix = String(String(random, radix: 16).suffix(8)).leftPadded(to: 8)
    }

    public func next() -> String {
        let value = self.counter.withLock { counter -> UInt64 in
            counter &+= 1
            return counter
        }
        return self.prefix + String(value, radix: 16).leftPadded(to: 16)
    }

    /// Whether a client-supplied `X-Request-Id` is safe to adopt and echo: 1–128 characters of
    /// letters, digits and `-_.:`.
    public static func isAcceptable(_ candidate: String) -> Bool {
        let utf8 = candidate.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
