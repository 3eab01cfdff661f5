import Dispatch
import Glibc
import Observability
import Synchronization

/// An HTTP/1.1 server on non-blocking POSIX sockets and Dispatch sources.
///
/// ```swift
/// let server = HTTPServer(configuration: configuration, router: router, logger: logger, metrics: registry)
/// try server.start()
/// // ...
/// await server.shutdown(gracePeriod: .seconds(10))
/// ```
///
/// Connections are served one request at a time; handlers are `async` and run as tasks, so no
/// thread waits on them. The process should ignore SIGPIPE before starting the server;
/// sends also pass `MSG_NOSIGNAL`.
public final class HTTPServer: Sendable {
    private enum Phase {
        case created
        case running
        case stopping
        case stopped
    }

    private struct State {
        var phase: Phase = .created
        var listener: ListeningSocket?
        var acceptSource: (any DispatchSourceRead)?
        var acceptPaused = false
        var connections: [UInt64: HTTPConnection] = [:]
        var nextConnectionID: UInt64 = 0
    }

    /// Connections accepted per readable event of the listening socket, so one burst of
    /// connects cannot hold the accept queue for long.
    static let maxAcceptsPerEvent = 128

    private let context: ServerContext
    private let acceptQueue = DispatchQueue(label: "otgateway.http.accept")
    private let state = Mutex(State())

    public init(configuration: ServerConfiguration, router: Router, logger: Logger, metrics: MetricsRegistry) {
        self.context = ServerContext(configuration: configuration, router: router, logger: logger, metrics: metrics)
    }

    /// The bound address, such as `127.0.0.1:8080` or `[::1]:41234`; nil before ``start()``.
    public var localAddress: String? {
        self.state.withLock { $0.listener?.localAddress.description }
    }

    /// The bound port, useful when the configuration asked for port 0; nil before ``start()``.
    public var localPort: Int? {
        self.state.withLock { $0.listener?.localAddress.port }
    }

    /// Binds the listening socket and starts accepting connections.
    ///
    /// Throws ``ListenAddressError`` when the host cannot be resolved, and ``IOError`` when the
    /// socket cannot be created, bound (`EADDRINUSE`: the port is taken) or put in listening mode.
    public func start() throws {
        let configuration = self.context.configuration
        try self.state.withLock { state in
            precondition(state.phase == .created, "HTTPServer.start() may be called once")
            let listener = try ListeningSocket.listen(
                host: configuration.host,
                port: configuration.port,
                backlog: configuration.listenBacklog
            )
            let source = DispatchSource.makeReadSource(fileDescriptor: listener.fd, queue: self.acceptQueue)
            source.setEventHandler { [self] in self.acceptConnections() }
            source.setCancelHandler { closeDescriptor(listener.fd) }
            state.listener = listener
            state.acceptSource = source
            state.phase = .running
            source.activate()
        }
        self.context.logger.info(
            "HTTP server listening",
            metadata: ["net.local.address": .string(self.localAddress ?? "")]
        )
    }

    /// Stops the server: closes the listening socket so new connects are refused, closes idle
    /// keep-alive connections at once, lets requests in flight finish (their responses carry
    /// `Connection: close`), and force-closes what is still open after `gracePeriod`.
    public func shutdown(gracePeriod: Duration) async {
        self.context.shuttingDown.store(true, ordering: .releasing)
        guard await self.closeListener() else { return }
        let open = self.state.withLock { Array($0.connections.values) }
        self.context.logger.info("HTTP server shutting down", metadata: ["http.open_connections": .integer(open.count)])
        for connection in open {
            connection.quiesce()
        }

        let deadline = ContinuousClock.now.advanced(by: gracePeriod)
        while self.openConnectionCount > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let remaining = self.state.withLock { Array($0.connections.values) }
        if !remaining.isEmpty {
            self.context.logger.warning(
                "shutdown grace period ended; closing connections",
                metadata: ["http.open_connections": .integer(remaining.count)]
            )
            for connection in remaining {
                connection.forceClose()
            }
            while self.openConnectionCount > 0 {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        self.state.withLock { $0.phase = .stopped }
        self.context.logger.info("HTTP server stopped")
    }

    /// Cancels the accept source and waits until its cancel handler closed the listening
    /// descriptor, so a connect made after this returns is refused. Returns false when the
    /// server was not running.
    private func closeListener() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let cancelling = self.state.withLock { state -> Bool in
                guard state.phase == .running, let source = state.acceptSource else {
                    state.phase = .stopped
                    return false
                }
                state.phase = .stopping
                state.acceptSource = nil
                let listenerFD = state.listener?.fd ?? -1
                source.setCancelHandler {
                    closeDescriptor(listenerFD)
                    continuation.resume(returning: true)
                }
                source.cancel()
                // A suspended source runs its cancel handler only once resumed.
                if state.acceptPaused {
                    state.acceptPaused = false
                    source.resume()
                }
                return true
            }
            if !cancelling {
                continuation.resume(returning: false)
            }
        }
    }

    private var openConnectionCount: Int {
        self.state.withLock { $0.connections.count }
    }

    // MARK: Accepting

    private func acceptConnections() {
        for _ in 0..<Self.maxAcceptsPerEvent {
            guard let listener = self.state.withLock({ $0.phase == .running ? $0.listener : nil }) else { return }
            let accepted: (fd: Int32, remote: SocketAddress)?
            do {
                accepted = try listener.accept()
            } catch {
                self.acceptFailed(error)
                return
            }
            guard let (fd, remote) = accepted else { return }
            self.register(fd: fd, remote: remote)
        }
    }

    /// Out of descriptors (`EMFILE`, `ENFILE`): accepting again at once would spin, so the
    /// accept source pauses for the backoff. Other errors concern one aborted connection only.
    private func acceptFailed(_ error: IOError) {
        guard error.errno == EMFILE || error.errno == ENFILE || error.errno == ENOBUFS || error.errno == ENOMEM
        else {
            self.context.logger.debug("accept failed", metadata: ["error.message": "\(error)"])
            return
        }
        let backoff = self.context.configuration.acceptBackoff
        self.context.logger.warning(
            "accept failed; pausing before accepting again",
            metadata: ["error.message": "\(error)", "http.accept_backoff_ms": .integer(Int(backoff.milliseconds))]
        )
        self.state.withLock { state in
            guard let source = state.acceptSource, !state.acceptPaused else { return }
            source.suspend()
            state.acceptPaused = true
        }
        self.acceptQueue.asyncAfter(deadline: .now() + .milliseconds(Int(backoff.milliseconds))) { [self] in
            self.state.withLock { state in
                guard let source = state.acceptSource, state.acceptPaused else { return }
                state.acceptPaused = false
                source.resume()
            }
        }
    }

    private func register(fd: Int32, remote: SocketAddress) {
        let maxConnections = self.context.configuration.maxConnections
        let (connection, accepted) = self.state.withLock { state -> (HTTPConnection, Bool) in
            state.nextConnectionID += 1
            let accepted = state.connections.count < maxConnections
            let connection = HTTPConnection(
                id: state.nextConnectionID,
                fd: fd,
                remoteAddress: remote.description,
                context: self.context,
                onClosed: { [self] closed in self.connectionClosed(closed, counted: accepted) }
            )
            if accepted {
                state.connections[connection.id] = connection
            }
            return (connection, accepted)
        }
        if accepted {
            self.context.metrics.openConnections.add(1)
            connection.start()
        } else {
            self.context.metrics.rejectedConnections.increment()
            self.context.logger.debug(
                "connection rejected: connection limit reached",
                metadata: [
                    "net.peer.address": .string(remote.description), "http.max_connections": .integer(maxConnections),
                ]
            )
            connection.startRejecting()
        }
    }

    private func connectionClosed(_ connection: HTTPConnection, counted: Bool) {
        guard counted else { return }
        self.state.withLock { _ = $0.connections.removeValue(forKey: connection.id) }
        self.context.metrics.openConnections.add(-1)
    }
}

extension Duration {
    var milliseconds: Int64 {
        self.components.seconds * 1000 + self.components.attoseconds / 1_000_000_000_000_000
    }
}
