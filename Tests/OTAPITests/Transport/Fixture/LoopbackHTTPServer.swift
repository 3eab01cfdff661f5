import Foundation
import Glibc
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 for transport tests: one thread runs `poll` over all
/// connections, so delayed responses to many clients add no threads. `handler` picks what to do
/// with each complete request; every request is recorded.
final class LoopbackHTTPServer: Sendable {
    typealias Handler = @Sendable (FixtureRequest) -> FixtureBehavior

    let port: UInt16
    private let listenFD: Int32
    private let wakeFDs: (read: Int32, write: Int32)
    private let handler: Handler
    /// When set, a keep-alive connection is closed after being idle this long.
    private let idleClose: Duration?
    private let recorded = Mutex<[FixtureRequest]>([])
    private let acceptedCount = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    init(idleClose: Duration? = nil, handler: @escaping Handler) throws {
        self.handler = handler
        self.idleClose = idleClose

        let fd = socket(
            AF_INET,
            Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
            0
        )
        guard fd >= 0 else { throw FixtureError.system("socket", errno) }
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 1024) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw FixtureError.system("bind/listen", code)
        }
        self.listenFD = fd
        self.port = try Self.localPort(of: fd)

        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw FixtureError.system("pipe", errno) }
        _ = fcntl(pipeFDs[0], F_SETFL, O_NONBLOCK)
        self.wakeFDs = (pipeFDs[0], pipeFDs[1])

        let thread = Thread { [self] in
            self.run()
            self.stopped.signal()
        }
        thread.start()
    }

    /// The requests received so far, in arrival order.
    var requests: [FixtureRequest] {
        self.recorded.withLock { $0 }
    }

    /// TCP connections accepted so far.
    var acceptedConnections: Int {
        self.acceptedCount.load(ordering: .relaxed)
    }

    func url(_ path: String) -> String {
        "http://127.0.0.1:\(self.port)\(path)"
    }

    /// Closes every connection and the listening socket, and waits for the server thread.
    func stop() {
        guard !self.stopRequested.exchange(true, ordering: .relaxed) else { return }
        var byte: UInt8 = 1
        _ = write(self.wakeFDs.write, &byte, 1)
        self.stopped.wait()
        Glibc.close(self.wakeFDs.write)
    }

    private func run() {
        var connections: [Int32: FixtureConnection] = [:]
        while !self.stopRequested.load(ordering: .relaxed) {
            var pollFDs = [
                pollfd(fd: self.wakeFDs.read, events: Int16(POLLIN), revents: 0),
                pollfd(fd: self.listenFD, events: Int16(POLLIN), revents: 0),
            ]
            for connection in connections.values {
                let events = Int16(POLLIN) | (connection.wantsWrite ? Int16(POLLOUT) : 0)
                pollFDs.append(pollfd(fd: connection.fd, events: events, revents: 0))
            }
            _ = poll(&pollFDs, nfds_t(pollFDs.count), self.pollTimeout(connections.values))

            if pollFDs[1].revents != 0 {
                self.acceptAll(into: &connections)
            }
            for entry in pollFDs.dropFirst(2) where entry.revents != 0 {
                guard let connection = connections[entry.fd] else { continue }
                if entry.revents & Int16(POLLOUT) != 0 {
                    connection.flush(idleClose: self.idleClose)
                }
                if entry.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0, !connection.isClosed {
                    for request in connection.readRequests() {
                        self.recorded.withLock { $0.append(request) }
                        connection.apply(self.handler(request), idleClose: self.idleClose)
                    }
                }
            }
            let now = ContinuousClock.now
            for connection in connections.values where !connection.isClosed {
                connection.fireTimer(now: now, idleClose: self.idleClose)
            }
            connections = connections.filter { !$0.value.isClosed }
        }
        for connection in connections.values {
            connection.close(reset: false)
        }
        Glibc.close(self.listenFD)
        Glibc.close(self.wakeFDs.read)
    }

    private func acceptAll(into connections: inout [Int32: FixtureConnection]) {
        while true {
            // Plain accept and fcntl: the test target does not import CSystem (for accept4),
            // because its _GNU_SOURCE glibc types clash with CCurl's in one Swift module.
            let fd = accept(self.listenFD, nil, nil)
            guard fd >= 0 else { return }
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let number = self.acceptedCount.add(1, ordering: .relaxed).newValue
            connections[fd] = FixtureConnection(fd: fd, number: number)
        }
    }

    /// Milliseconds until the nearest connection timer, at most 100 so a stop is seen soon.
    private func pollTimeout(_ connections: Dictionary<Int32, FixtureConnection>.Values) -> Int32 {
        let now = ContinuousClock.now
        var timeout: Int64 = 100
        for connection in connections {
            guard let deadline = connection.timer?.deadline else { continue }
            let remaining = deadline - now
            let milliseconds =
                remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
            timeout = min(timeout, max(0, milliseconds))
        }
        return Int32(timeout)
    }

    private static func localPort(of fd: Int32) throws -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw FixtureError.system("getsockname", errno) }
        return UInt16(bigEndian: address.sin_port)
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case system(String, Int32)

    var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed with errno \(code)"
        }
    }
}

/// A loopback port that is bound but not listening, so a connect to it is refused. The
/// socket stays bound for the life of this value, so no other test can take the port.
final class RefusingPort: Sendable {
    let port: UInt16
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw FixtureError.system("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw FixtureError.system("bind", errno) }
        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &boundAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = UInt16(bigEndian: boundAddress.sin_port)
    }

    deinit {
        Glibc.close(self.fd)
    }
}
