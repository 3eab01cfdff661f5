import Dispatch

/// The mutable state of an ``HTTPConnection``; touched only on the connection's queue.
struct ConnectionState {
    let sources: ConnectionSources
    var parser: RequestParser
    var timeouts: ConnectionTimeouts<ContinuousClock.Instant>
    var exchange: Exchange?
    var handlerTask: Task<Void, Never>?
    var exchangeCount = 0

    var writeBuffer: [UInt8] = []
    var writeIndex = 0
    /// A final response is queued and the exchange is not finished yet.
    var responseInFlight = false
    /// Whether the queued response is the last one (`Connection: close`).
    var closeAfterResponse = false

    var reading = true
    var writing = false
    var lingering = false
    var quiescing = false
    var closed = false
    /// The client sent FIN; no more request bytes will arrive.
    var peerClosed = false
    var armedDeadline: ContinuousClock.Instant?

    var unsentBytes: Int { self.writeBuffer.count - self.writeIndex }
}

/// The Dispatch sources of one connection. They are not `Sendable`, so they live inside the
/// connection's mutex-guarded state and are used only while it is held.
struct ConnectionSources {
    let read: any DispatchSourceRead
    let write: any DispatchSourceWrite
    let timer: any DispatchSourceTimer
}
