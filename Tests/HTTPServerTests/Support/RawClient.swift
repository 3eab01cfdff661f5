import Dispatch
import Glibc
import HTTPServer
import Synchronization

/// A failed client socket call, with the errno it set.
struct ClientSocketError: Error, CustomStringConvertible {
    var operation: String
    var errno: Int32

    var description: String { "\(self.operation) failed: \(String(cString: strerror(self.errno)))" }
}

/// A response as the raw client read it.
struct RawResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var bodyText: String { String(decoding: self.body, as: UTF8.self) }
}

/// A plain blocking TCP client for loopback tests, which writes exactly the bytes it is given.
///
/// Blocking calls run on Dispatch's global queue, not on the Swift concurrency pool, so a test
/// waiting for bytes never starves the server's handler tasks. Every read times out after
/// ``readTimeoutSeconds`` so a server bug fails the test instead of hanging it.
final class RawClient: Sendable {
    static let readTimeoutSeconds = 10

    let fd: Int32
    /// Bytes read from the socket but not yet returned to the test.
    private let pending = Mutex<[UInt8]>([])

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        Glibc.close(self.fd)
    }

    /// Connects to `host` (a numeric IPv4 or IPv6 loopback address) and `port`. A small
    /// `receiveBufferSize` makes the server's writes block, as with a slow reader.
    static func connect(host: String = "127.0.0.1", port: Int, receiveBufferSize: Int32? = nil) async throws
        -> RawClient
    {
        try await Self.blocking {
            let isIPv6 = host.contains(":")
            let fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw ClientSocketError(operation: "socket", errno: errno) }
            var timeout = timeval(tv_sec: Self.readTimeoutSeconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if var size = receiveBufferSize {
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            }
            let result: Int32
            if isIPv6 {
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                address.sin6_port = UInt16(port).bigEndian
                inet_pton(AF_INET6, host, &address.sin6_addr)
                result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                    }
                }
            } else {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = UInt16(port).bigEndian
                inet_pton(AF_INET, host, &address.sin_addr)
                result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            guard result == 0 else {
                let code = errno
                Glibc.close(fd)
                throw ClientSocketError(operation: "connect", errno: code)
            }
            return RawClient(fd: fd)
        }
    }

    func send(_ text: String) async throws {
        try await self.send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await Self.blocking {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes {
                    Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                guard sent > 0 else { throw ClientSocketError(operation: "send", errno: errno) }
                offset += sent
            }
        }
    }

    /// Reads what arrives next, at most `maxBytes`; empty at end of stream.
    func receive(maxBytes: Int = 65536) async throws -> [UInt8] {
        let buffered = self.pending.withLock { pending -> [UInt8] in
            let taken = Array(pending.prefix(maxBytes))
            pending.removeFirst(taken.count)
            return taken
        }
        if !buffered.isEmpty { return buffered }
        return try await Self.blocking { try self.receiveNow(maxBytes: maxBytes) }
    }

    /// Reads until the server closes the connection.
    func readUntilClosed() async throws -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let chunk = try await self.receive()
            if chunk.isEmpty { return all }
            all += chunk
        }
    }

    /// Reads one response: head, then a body of Content-Length bytes (none for HEAD or 1xx),
    /// or up to end of stream when there is no Content-Length.
    func readResponse(forHead: Bool = false) async throws -> RawResponse {
        try await Self.blocking {
            var buffer = self.pending.withLock { pending in
                defer { pending = [] }
                return pending
            }
            let separator = Array("\r\n\r\n".utf8)
            var headEnd: Int?
            while true {
                if let end = Self.find(separator, in: buffer) {
                    headEnd = end
                    break
                }
                let chunk = try self.receiveNow(maxBytes: 65536)
                guard !chunk.isEmpty else { throw ClientSocketError(operation: "read head (closed)", errno: 0) }
                buffer += chunk
            }
            let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
            var rest = Array(buffer[(headEnd! + 4)...])
            let lines = head.components(separatedBy: "\r\n")
            let statusParts = lines[0].split(separator: " ")
            let status = Int(statusParts[1]) ?? -1
            var headers = HTTPHeaders()
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let value = line[line.index(after: colon)...].drop { $0 == " " }
                headers.add(String(line[..<colon]), String(value))
            }

            var body: [UInt8] = []
            if forHead || (100..<200).contains(status) || status == 204 || status == 304 {
                body = []
            } else if let lengthText = headers["Content-Length"], let length = Int(lengthText) {
                while rest.count < length {
                    let chunk = try self.receiveNow(maxBytes: 65536)
                    guard !chunk.isEmpty else { throw ClientSocketError(operation: "read body (closed)", errno: 0) }
                    rest += chunk
                }
                body = Array(rest[..<length])
                rest = Array(rest[length...])
            } else {
                while true {
                    let chunk = try self.receiveNow(maxBytes: 65536)
                    if chunk.isEmpty { break }
                    rest += chunk
                }
                body = rest
                rest = []
            }
            self.pending.withLock { $0 = rest + $0 }
            return RawResponse(status: status, headers: headers, body: body)
        }
    }

    /// Closes with RST instead of FIN (SO_LINGER 0), as a crashing client would.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(self.fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        Glibc.shutdown(self.fd, Int32(SHUT_RDWR))
    }

    /// Sends FIN: the client will send nothing more but can still read.
    func shutdownWrite() {
        Glibc.shutdown(self.fd, Int32(SHUT_WR))
    }

    private func receiveNow(maxBytes: Int) throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: maxBytes)
        let count = chunk.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw ClientSocketError(operation: "recv", errno: errno) }
        return Array(chunk[..<count])
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
