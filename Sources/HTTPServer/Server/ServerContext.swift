import Synchronization
import Observability

/// The settings, routes, logger, metrics and id generator that all connections of one server share.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let router: Router
    let logger: Logger
    let metrics: ServerMetrics
    let requestIDs = RequestIDGenerator()
    /// Set once shutdown begins, so that every response from then on closes its connection,
    /// even on a connection whose own quiesce event is still queued.
    let shuttingDown = Atomic<Bool>(false)
    let encoder: ResponseEncoder

    init(configuration: ServerConfiguration, router: Router, logger: Logger, metrics: MetricsRegistry) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
        self.metrics = ServerMetrics(registry: metrics)
        self.encoder = ResponseEncoder(gzipMinimumBytes: configuration.gzipMinimumBytes, dates: HTTPDateCache())
    }

    /// Returns the client's `X-Request-Id` when it is safe to adopt, otherwise a new id.
    func requestID(for headers: HTTPHeaders) -> String {
        if let candidate = headers["X-Request-Id"], RequestIDGenerator.isAcceptable(candidate) {
            return candidate
        }
        return self.requestIDs.next()
    }

    /// Runs a route's handler. An ``HTTPResponseConvertible`` error becomes its own response,
    /// and an ``HTTPConnectionAbortingError`` asks for the connection to close unanswered.
    /// Any other error becomes a bare 500 problem and is logged with the request id, because
    /// its text may contain internals the client must not see.
    static func runHandler(_ route: Route, request: Request, logger: Logger) async -> HandlerOutcome {
        do {
            return .response(try await route.handler(request))
        } catch let error as any HTTPConnectionAbortingError {
            return .abort(error)
        } catch let error as any HTTPResponseConvertible {
            return .response(error.response(for: request))
        } catch {
            // NOTE: the error's description is logged as is, so error types must not put
            // secrets in their descriptions.
            logger.error(
                "request handler failed with an unexpected error",
                metadata: ["error.type": "\(type(of: error))", "error.message": "\(error)"]
            )
            return .response(Problem.internalError.response(for: request))
        }
    }
}

/// What a handler produced: a response to send, or a request to close the connection unanswered.
enum HandlerOutcome: Sendable {
    case response(Response)
    case abort(any HTTPConnectionAbortingError)
}
