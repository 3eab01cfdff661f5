import CSystem
import Glibc

/// Reads and writes on a connected non-blocking socket.
enum SocketIO {
    /// Reads into `buffer`; returns the byte count, 0 at end of stream, or nil when no data is ready.
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int? {
        switch try syscall("recv", { recv(fd, buffer.baseAddress, buffer.count, 0) }) {
        case .value(let count): return count
        case .wouldBlock: return nil
        }
    }

    /// Sends as much of `bytes` as the socket takes now; returns the count sent, or 0 when full.
    ///
    /// `MSG_NOSIGNAL` keeps a peer that has gone away from raising SIGPIPE; the error comes back
    /// as `EPIPE` instead, even if the process has not ignored the signal.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(IOError) -> Int {
        let flags = gw_msg_nosignal()
        switch try syscall("send", { Glibc.send(fd, bytes.baseAddress, bytes.count, flags) }) {
        case .value(let count): return count
        case .wouldBlock: return 0
        }
    }

    /// Stops sending (FIN) but keeps the read side open, so the peer reads the response to the end.
    static func shutdownWrite(_ fd: Int32) {
        // ENOTCONN when the peer is already gone is expected here and changes nothing.
        _ = try? syscall("shutdown") { Glibc.shutdown(fd, Int32(SHUT_WR)) }
    }

    /// Makes the next close send RST instead of FIN, to drop a connection at once.
    static func setLingerZero(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = try? syscall("setsockopt(SO_LINGER)") {
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        }
    }
}
