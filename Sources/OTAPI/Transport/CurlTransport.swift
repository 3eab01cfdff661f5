import Observability
import Synchronization

/// The production `OTTransport`: libcurl's multi interface on one dedicated thread, with the
/// connection cache shared by all calls.
///
/// Call `CurlGlobal.initialize()` once before creating the first transport. Every call is a
/// POST of `request.body`; TLS peer and host verification are always on; the body handed back
/// is already decoded from its `Content-Encoding`. Releasing the transport shuts its loop
/// down, which fails calls still in flight.
public final class CurlTransport: OTTransport {
    public let configuration: CurlTransportConfiguration
    private let loop: CurlMultiLoop
    private let nextTicketID = Atomic<UInt64>(0)

    /// Starts the loop thread; throws when libcurl or the thread cannot be set up.
    public init(
        configuration: CurlTransportConfiguration = CurlTransportConfiguration(),
        logger: Logger = .disabled(),
        metrics: MetricsRegistry? = nil
    ) throws(TransportError) {
        self.configuration = configuration
        self.loop = try CurlMultiLoop(
            configuration: configuration,
            logger: logger,
            metrics: metrics.map { CurlTransportMetrics(registry: $0) }
        )
    }

    deinit {
        self.loop.shutdown()
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let id = self.nextTicketID.add(1, ordering: .relaxed).newValue
        let ticket = CurlTransferTicket(id: id, request: request)
        let loop = self.loop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard ticket.attach(continuation) else { return }
                if !loop.submit(ticket) {
                    _ = ticket.start()
                    ticket.finish(
                        with: .failure(CurlMultiLoopOwner.shutdownError(requestMayHaveBeenSent: false)),
                        requestStarted: false
                    )
                }
            }
        } onCancel: {
            if ticket.cancel() {
                loop.requestRemoval(ticket)
            }
        }
    }

    /// Stops the loop thread and waits for it: calls still queued or running fail with kind
    /// `.other`, and later calls fail at once. Safe to call more than once.
    public func shutdown() {
        self.loop.shutdown()
    }
}
