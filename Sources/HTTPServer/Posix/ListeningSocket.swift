import CSystem
import Glibc

/// A bound, listening, non-blocking TCP socket.
struct ListeningSocket: Sendable {
    let fd: Int32
    let localAddress: SocketAddress

    /// Creates the socket, sets `SO_REUSEADDR` so a restart can bind while old connections sit
    /// in TIME_WAIT, binds it and starts listening. Port 0 asks the kernel for an ephemeral port.
    static func listen(host: String, port: Int, backlog: Int32) throws -> ListeningSocket {
        let address = try SocketAddress.resolve(host: host, port: port)
        let type = Int32(SOCK_STREAM.rawValue) | gw_sock_nonblock() | gw_sock_cloexec()
        let fd = try blockingSyscall("socket") { socket(address.family, type, 0) }
        do {
            var enable: Int32 = 1
            _ = try blockingSyscall("setsockopt(SO_REUSEADDR)") {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &enable, socklen_t(MemoryLayout<Int32>.size))
            }
            var bindAddress = address
            _ = try blockingSyscall("bind") {
                withUnsafePointer(to: &bindAddress.storage) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, address.length) }
                }
            }
            _ = try blockingSyscall("listen") { Glibc.listen(fd, backlog) }
            let local = try Self.localAddress(of: fd)
            return ListeningSocket(fd: fd, localAddress: local)
        } catch {
            closeDescriptor(fd)
            throw error
        }
    }

    /// Accepts one connection as a non-blocking, close-on-exec socket; nil when none is waiting.
    func accept() throws(IOError) -> (fd: Int32, remote: SocketAddress)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let flags = gw_sock_nonblock() | gw_sock_cloexec()
        let result = try syscall("accept4") {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { gw_accept4(self.fd, $0, &length, flags) }
            }
        }
        switch result {
        case .value(let fd):
            return (fd, SocketAddress(storage: storage, length: length))
        case .wouldBlock:
            return nil
        }
    }

    private static func localAddress(of fd: Int32) throws(IOError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try blockingSyscall("getsockname") {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return SocketAddress(storage: storage, length: length)
    }
}
