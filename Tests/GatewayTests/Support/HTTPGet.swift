import Foundation

/// A minimal blocking HTTP/1.1 exchange over a loopback TCP socket, for process-level tests
/// that must not depend on the gateway's own client code.
enum LoopbackHTTP {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func exchange(address: String, request: String) throws -> Reply {
        let bytes = try self.exchangeBytes(address: address, request: Array(request.utf8))
        return try self.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Sends `request` and reads until the server closes the connection.
    static func exchangeBytes(address: String, request: [UInt8]) throws -> [UInt8] {
        let socketDescriptor = try self.connectAndSend(address: address, request: request)
        defer { close(socketDescriptor) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socketDescriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return received
    }

    static func get(address: String, path: String, headers: [String: String] = [:]) throws -> Reply {
        var request = "GET \(path) HTTP/1.1\r\nHost: \(address)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        return try self.exchange(address: address, request: request + "\r\n")
    }

    private static func parse(_ text: String) throws -> Reply {
        guard let headEnd = text.range(of: "\r\n\r\n") else { throw POSIXError(.EBADMSG) }
        let lines = text[..<headEnd.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw POSIXError(.EBADMSG) }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: String(text[headEnd.upperBound...]))
    }

    /// Connects to `address` (`HOST:PORT`, IPv4), sends all of `request` and returns the open
    /// socket; the caller reads the reply and closes it. `receiveTimeoutSeconds` bounds each read.
    static func connectAndSend(address: String, request: [UInt8], receiveTimeoutSeconds: Int? = nil) throws -> Int32 {
        let parts = address.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else { throw POSIXError(.EINVAL) }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        do {
            if let seconds = receiveTimeoutSeconds {
                var timeout = timeval(tv_sec: seconds, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            }
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = port.bigEndian
            socketAddress.sin_addr.s_addr = inet_addr(String(parts[0]))
            let connected = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            var offset = 0
            while offset < request.count {
                let sent = request[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
                guard sent > 0 else { throw POSIXError(.EPIPE) }
                offset += sent
            }
            return descriptor
        } catch {
            close(descriptor)
            throw error
        }
    }
}
