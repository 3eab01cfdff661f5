import Observability

/// The request side of a connection: it turns parser events into exchanges, runs the handler
/// and queues the response.
extension HTTPConnection {
    /// Parses buffered bytes until a request needs a handler, a response is queued, or more
    /// bytes are needed.
    func processRequests(_ state: inout ConnectionState) {
        while !state.closed, !state.lingering, state.handlerTask == nil, !state.responseInFlight {
            switch state.parser.next() {
            case .needMoreData:
                return
            case .head(let head):
                self.beginExchange(&state, head: head)
            case .body(let body):
                self.completeRequest(&state, body: body)
            case .failure(let error):
                let logger = state.exchange?.logger ?? self.context.logger
                logger.debug(
                    "request rejected while parsing",
                    metadata: ["net.peer.address": "\(self.remoteAddress)", "http.error": "\(error.detail)"]
                )
                self.respond(&state, problem: .requestRejected(error), close: true)
            }
        }
    }

    /// Routes the head before any body byte is read, so the route's body limit applies and a
    /// request that cannot succeed gets its response without the body being read.
    private func beginExchange(_ state: inout ConnectionState, head: RequestHead) {
        state.exchangeCount += 1
        state.timeouts.headReceived(now: .now)
        self.context.metrics.activeRequests.add(1)

        let requestID = self.context.requestID(for: head.headers)
        var exchange = Exchange(
            head: head,
            requestID: requestID,
            started: .now,
            logger: self.context.logger.with(["http.request_id": .string(requestID)]),
            sequence: state.exchangeCount
        )
        switch self.context.router.resolve(method: head.method, rawPath: exchange.rawPath) {
        case .matched(let route, let parameters):
            exchange.route = route
            exchange.pathParameters = parameters
            if let limit = route.maxBodyBytes {
                state.parser.setBodyLimit(limit)
            }
        case .notFound:
            exchange.routingProblem = .notFound()
        case .methodNotAllowed(let allowed):
            exchange.routingProblem = .methodNotAllowed(allowed: allowed)
        case .invalidPath(let reason):
            exchange.routingProblem = .badRequest("The request path is invalid: \(reason).")
        }
        state.exchange = exchange

        if case .contentLength(let length) = head.framing, length > state.parser.bodyLimit {
            self.respond(&state, problem: .payloadTooLarge(limit: state.parser.bodyLimit), close: true)
            return
        }
        if head.expectsContinue && head.hasBody {
            // The client waits before sending the body, so respond now and close, because the body never comes.
            if let problem = exchange.routingProblem {
                self.respond(&state, problem: problem, close: true)
                return
            }
            self.queueInterim(&state, bytes: ResponseEncoder.continueBytes)
        }
    }

    private func completeRequest(_ state: inout ConnectionState, body: [UInt8]) {
        guard let exchange = state.exchange else { return }
        state.timeouts.requestReceived()
        if let problem = exchange.routingProblem {
            self.respond(&state, problem: problem, close: false)
            return
        }
        guard let route = exchange.route else { return }

        var request = Request(
            method: exchange.head.method,
            target: exchange.head.target,
            version: exchange.head.version,
            headers: exchange.head.headers,
            body: body,
            id: exchange.requestID,
            remoteAddress: self.remoteAddress
        )
        request.pathParameters = exchange.pathParameters
        request.routeTemplate = route.template
        let logger = exchange.logger
        let sequence = exchange.sequence
        // The handler runs on the cooperative pool; the connection's queue is free meanwhile.
        state.handlerTask = Task { [self] in
            let outcome = await ServerContext.runHandler(route, request: request, logger: logger)
            self.queue.async { self.handlerFinished(outcome, sequence: sequence) }
        }
    }

    private func handlerFinished(_ outcome: HandlerOutcome, sequence: Int) {
        self.withState { state in
            guard let exchange = state.exchange, exchange.sequence == sequence else { return }
            state.handlerTask = nil
            switch outcome {
            case .response(let response):
                self.finishExchange(&state, response: response, keepAlive: exchange.head.keepAlive, recordRequest: true)
            case .abort(let error):
                self.abortExchange(&state, exchange: exchange, error: error)
            }
        }
    }

    /// Closes the connection without writing a response, as the handler's error asked. Bytes of
    /// earlier responses that are still unsent are dropped too, so the close is a reset then.
    private func abortExchange(
        _ state: inout ConnectionState,
        exchange: Exchange,
        error: any HTTPConnectionAbortingError
    ) {
        let method = ServerMetrics.methodLabel(exchange.head.method)
        self.context.metrics.abortedRequests.increment([method, exchange.routeLabel])
        exchange.logger.debug(
            "request aborted: connection closed without a response",
            metadata: [
                "http.method": .string(method),
                "http.route": .string(exchange.routeLabel),
                "error.type": .string("\(type(of: error))"),
                "net.peer.address": .string(self.remoteAddress),
            ]
        )
        self.close(&state, reset: state.unsentBytes > 0)
    }

    /// Answers the current exchange (or, before a head was parsed, the connection) with a
    /// problem the server generated.
    func respond(_ state: inout ConnectionState, problem: Problem, close: Bool) {
        let requestID = state.exchange?.requestID ?? self.context.requestIDs.next()
        let response = problem.response(for: Request(method: .get, target: "/", id: requestID))
        let keepAlive = !close && (state.exchange?.head.keepAlive ?? false)
        // Before a head is parsed there is no exchange, so the new id is passed in for the log.
        self.finishExchange(&state, response: response, keepAlive: keepAlive, recordRequest: true, requestID: requestID)
    }

    /// Encodes and queues the response, records the access log line and metrics, and ends the
    /// exchange. The connection stays open only if the request allows it, the server is not
    /// shutting down, and the per-connection request limit is not reached.
    func finishExchange(
        _ state: inout ConnectionState,
        response: Response,
        keepAlive requested: Bool,
        recordRequest: Bool,
        requestID: String? = nil
    ) {
        let exchange = state.exchange
        // NOTE: a kept-alive exchange ends while up to the write high watermark of its response
        // is still unsent. A stall in that tail is caught by the idle and header deadlines that
        // follow, not by the write-stall deadline.
        let keepAlive =
            requested && !state.quiescing && !state.peerClosed
            && !self.context.shuttingDown.load(ordering: .acquiring)
            && state.exchangeCount < self.context.configuration.maxRequestsPerConnection
        let id = exchange?.requestID ?? requestID ?? ""
        let context = ResponseEncoder.RequestContext(
            method: exchange?.head.method ?? .get,
            version: exchange?.head.version ?? .http1_1,
            headers: exchange?.head.headers ?? HTTPHeaders(),
            requestID: id,
            keepAlive: keepAlive
        )
        let encoded = self.context.encoder.encode(response, for: context)
        if recordRequest {
            self.record(exchange, requestID: id, status: response.status.code, bodyBytes: encoded.bodyBytes)
        }
        if exchange != nil {
            state.exchange = nil
            self.context.metrics.activeRequests.add(-1)
        }
        self.queueResponse(&state, bytes: encoded.bytes, closeAfter: !keepAlive)
    }

    /// Writes the access log line and the request metrics. Labels and log fields carry the
    /// route template, never the raw path; a request that matched no route logs the path's shape.
    private func record(_ exchange: Exchange?, requestID: String, status: Int, bodyBytes: Int) {
        let method = ServerMetrics.methodLabel(exchange?.head.method)
        let route = exchange?.routeLabel ?? ServerMetrics.unmatchedRoute
        let duration = exchange.map { $0.started.duration(to: .now) } ?? .zero
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18

        let metrics = self.context.metrics
        metrics.requests.increment([method, route, String(status)])
        if exchange != nil {
            metrics.requestDuration.observe(seconds, [method, route])
        }

        var metadata: LogMetadata = [
            "http.request_id": .string(requestID),
            "http.method": .string(method),
            "http.status": .integer(status),
            "http.response_bytes": .integer(bodyBytes),
            "http.duration_ms": .double((seconds * 1000 * 1000).rounded() / 1000),
            "net.peer.address": .string(self.remoteAddress),
        ]
        if let template = exchange?.route?.template {
            metadata["http.route"] = .string(template)
        } else if let exchange {
            metadata["http.path_shape"] = .string(PathShape.describe(exchange.rawPath))
        }
        self.context.logger.info("request completed", metadata: metadata)
    }
}
