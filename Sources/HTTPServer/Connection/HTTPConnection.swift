import Dispatch
import Observability
import Synchronization

/// One accepted TCP connection: the I/O shell around ``RequestParser`` and
/// ``ConnectionTimeouts``.
///
/// Every event (readable, writable, timer, handler finished, shutdown) runs on the
/// connection's serial queue and then mutates ``ConnectionState`` under `state`. The mutex is
/// never contended; it exists so the class is `Sendable` without unchecked claims. Requests
/// are handled one at a time: reading pauses while a handler runs or a response is queued, so
/// pipelined bytes wait in the parser and a flood of pipelined requests meets backpressure.
final class HTTPConnection: Sendable {
    /// Bytes read from the socket per readable event.
    static let readChunkBytes = 64 * 1024

    let id: UInt64
    let remoteAddress: String
    let fd: Int32
    let context: ServerContext
    let queue: DispatchQueue
    let state: Mutex<ConnectionState>
    private let onClosed: @Sendable (HTTPConnection) -> Void

    init(
        id: UInt64,
        fd: Int32,
        remoteAddress: String,
        context: ServerContext,
        onClosed: @escaping @Sendable (HTTPConnection) -> Void
    ) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.context = context
        self.onClosed = onClosed
        // A queue of its own would be an overcommit queue, and Dispatch starts a thread for each
        // busy one (123 threads at 64 connections). Targeting the global queue keeps the work of
        // all connections on a pool about the size of the CPU count.
        self.queue = DispatchQueue(label: "otgateway.http.connection", target: .global())
        let sources = ConnectionSources(
            read: DispatchSource.makeReadSource(fileDescriptor: fd, queue: self.queue),
            write: DispatchSource.makeWriteSource(fileDescriptor: fd, queue: self.queue),
            timer: DispatchSource.makeTimerSource(queue: self.queue)
        )
        let configuration = context.configuration
        self.state = Mutex(
            ConnectionState(
                sources: sources,
                parser: RequestParser(limits: configuration.parserLimits),
                timeouts: ConnectionTimeouts(limits: configuration.timeoutLimits, now: .now)
            )
        )
    }

    /// Starts reading requests.
    func start() {
        self.queue.async {
            self.activateSources()
            self.withState { _ in }
        }
    }

    /// Sends 503 without reading a request and closes, because the server is at its connection limit.
    func startRejecting() {
        self.queue.async {
            self.activateSources()
            self.withState { state in
                let response = Problem.serverBusy.response(for: Request(method: .get, target: "/"))
                self.finishExchange(&state, response: response, keepAlive: false, recordRequest: false)
            }
        }
    }

    /// Stops taking new requests: an idle connection closes now, a busy one after its response.
    func quiesce() {
        self.queue.async {
            self.withState { state in
                state.quiescing = true
                // A lingering connection has sent its last response; only draining is left.
                if state.lingering {
                    self.close(&state, reset: false)
                    return
                }
                guard state.exchange == nil, state.handlerTask == nil, state.parser.isIdle else { return }
                if state.unsentBytes > 0 {
                    state.responseInFlight = true
                    state.closeAfterResponse = true
                } else {
                    self.close(&state, reset: false)
                }
            }
        }
    }

    /// Closes at once, cancelling a running handler; used when the shutdown grace period is over.
    func forceClose() {
        self.queue.async {
            self.withState { state in self.close(&state, reset: true) }
        }
    }

    // MARK: Events

    private func activateSources() {
        self.state.withLock { state in
            let sources = state.sources
            sources.read.setEventHandler { [self] in self.handleReadable() }
            sources.write.setEventHandler { [self] in self.withState { state in self.flush(&state) } }
            sources.timer.setEventHandler { [self] in self.handleTimer() }

            // The descriptor may close only after all three sources stopped using it.
            let group = DispatchGroup()
            group.enter()
            sources.read.setCancelHandler { group.leave() }
            group.enter()
            sources.write.setCancelHandler { group.leave() }
            group.enter()
            sources.timer.setCancelHandler { group.leave() }
            group.notify(queue: self.queue) { [self] in
                closeDescriptor(self.fd)
                self.onClosed(self)
            }

            sources.timer.schedule(deadline: .distantFuture)
            sources.read.activate()
            sources.write.activate()
            sources.write.suspend()
            sources.timer.activate()
        }
    }

    /// Runs `body` on the state, then brings the read and write sources and the timer in line
    /// with the new state.
    func withState(_ body: (inout ConnectionState) -> Void) {
        self.state.withLock { state in
            guard !state.closed else { return }
            body(&state)
            guard !state.closed else { return }
            self.updateSources(&state)
            self.rearmTimer(&state)
        }
    }

    private func handleReadable() {
        self.withState { state in
            withUnsafeTemporaryAllocation(byteCount: Self.readChunkBytes, alignment: 1) { buffer in
                let count: Int?
                do {
                    count = try SocketIO.receive(self.fd, into: buffer)
                } catch {
                    self.context.logger.debug("connection read failed", metadata: self.errorMetadata(error))
                    self.close(&state, reset: true)
                    return
                }
                guard let count else { return }
                if count == 0 {
                    self.peerClosed(&state)
                    return
                }
                // A closing connection only drains what the client still sends.
                if state.lingering { return }
                state.parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                state.timeouts.requestBytesArrived(now: .now)
                self.processRequests(&state)
            }
        }
    }

    /// Handles FIN from the client. Nothing more will arrive, so a partial request is abandoned,
    /// but a response already under way is still written before closing.
    private func peerClosed(_ state: inout ConnectionState) {
        state.peerClosed = true
        if state.lingering || (state.exchange == nil && !state.responseInFlight) {
            self.close(&state, reset: false)
        }
    }

    private func handleTimer() {
        self.withState { state in
            state.armedDeadline = nil
            switch state.timeouts.deadlineReached(now: .now) {
            case .none:
                break
            case .close:
                self.context.logger.debug(
                    "connection timed out",
                    metadata: ["net.peer.address": "\(self.remoteAddress)"]
                )
                self.close(&state, reset: state.unsentBytes > 0)
            case .respondRequestTimeout:
                self.context.logger.debug(
                    "request timed out while reading",
                    metadata: ["net.peer.address": "\(self.remoteAddress)"]
                )
                self.respond(&state, problem: .requestTimeout, close: true)
            }
        }
    }

    // MARK: Writing

    /// Queues a final response; the connection reads nothing more until it is (mostly) sent.
    func queueResponse(_ state: inout ConnectionState, bytes: [UInt8], closeAfter: Bool) {
        state.writeBuffer.append(contentsOf: bytes)
        state.responseInFlight = true
        state.closeAfterResponse = state.closeAfterResponse || closeAfter
        state.timeouts.responseQueued(now: .now)
        self.flush(&state)
    }

    /// Queues an interim response (`100 Continue`) without ending the exchange.
    func queueInterim(_ state: inout ConnectionState, bytes: [UInt8]) {
        state.writeBuffer.append(contentsOf: bytes)
        self.flush(&state)
    }

    /// Sends what the socket takes now; the write source resumes the rest when it drains.
    func flush(_ state: inout ConnectionState) {
        while state.unsentBytes > 0 {
            let start = state.writeIndex
            let sent: Int
            do {
                sent = try state.writeBuffer.withUnsafeBytes { bytes in
                    try SocketIO.send(self.fd, UnsafeRawBufferPointer(rebasing: bytes[start...]))
                }
            } catch {
                // EPIPE or ECONNRESET: the client is gone, which ends only this connection.
                self.context.logger.debug("connection write failed", metadata: self.errorMetadata(error))
                self.close(&state, reset: true)
                return
            }
            if sent == 0 { break }
            state.writeIndex += sent
            state.timeouts.writeProgressed(now: .now)
        }
        if state.unsentBytes == 0 {
            state.writeBuffer = []
            state.writeIndex = 0
        }
        guard state.responseInFlight else { return }
        if state.closeAfterResponse {
            if state.unsentBytes == 0 { self.beginLingering(&state) }
        } else if state.unsentBytes <= self.context.configuration.writeHighWatermark {
            self.responseCompleted(&state)
        }
    }

    /// Ends a kept-alive exchange once the socket took all of its response except at most the
    /// write high watermark, so the next pipelined request may start.
    private func responseCompleted(_ state: inout ConnectionState) {
        state.responseInFlight = false
        state.timeouts.responseSent(now: .now, keepAlive: true)
        if state.parser.hasBufferedBytes {
            state.timeouts.requestBytesArrived(now: .now)
        }
        self.processRequests(&state)
    }

    /// After the closing response: send FIN, then read and drop the client's remaining bytes
    /// until it closes or the linger timeout passes. Closing with unread bytes would make the
    /// kernel send RST, and the client could lose the response it has not read yet.
    private func beginLingering(_ state: inout ConnectionState) {
        state.responseInFlight = false
        state.lingering = true
        SocketIO.shutdownWrite(self.fd)
        state.timeouts.responseSent(now: .now, keepAlive: false)
        if state.peerClosed {
            self.close(&state, reset: false)
        }
    }

    // MARK: Closing and sources

    func close(_ state: inout ConnectionState, reset: Bool) {
        guard !state.closed else { return }
        state.closed = true
        state.timeouts.closed()
        state.handlerTask?.cancel()
        state.handlerTask = nil
        if state.exchange != nil {
            state.exchange = nil
            self.context.metrics.activeRequests.add(-1)
        }
        if reset {
            SocketIO.setLingerZero(self.fd)
        }
        state.sources.read.cancel()
        state.sources.write.cancel()
        state.sources.timer.cancel()
        // A suspended source runs its cancel handler only once resumed.
        if !state.reading { state.sources.read.resume() }
        if !state.writing { state.sources.write.resume() }
    }

    private func updateSources(_ state: inout ConnectionState) {
        let read =
            state.lingering || (state.handlerTask == nil && !state.responseInFlight && !state.peerClosed)
        if read != state.reading {
            read ? state.sources.read.resume() : state.sources.read.suspend()
            state.reading = read
        }
        let write = state.unsentBytes > 0
        if write != state.writing {
            write ? state.sources.write.resume() : state.sources.write.suspend()
            state.writing = write
        }
    }

    private func rearmTimer(_ state: inout ConnectionState) {
        let deadline = state.timeouts.deadline
        guard deadline != state.armedDeadline else { return }
        state.armedDeadline = deadline
        guard let deadline else {
            state.sources.timer.schedule(deadline: .distantFuture)
            return
        }
        let delay = ContinuousClock.now.duration(to: deadline)
        let nanoseconds = max(
            0,
            delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        )
        state.sources.timer.schedule(deadline: .now() + .nanoseconds(Int(nanoseconds)))
    }

    func errorMetadata(_ error: any Error) -> LogMetadata {
        ["net.peer.address": "\(self.remoteAddress)", "error.message": "\(error)"]
    }
}
