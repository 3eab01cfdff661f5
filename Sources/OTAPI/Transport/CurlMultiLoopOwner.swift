import CCurl
import Observability

/// The part of `CurlMultiLoop` that lives on the loop thread: the running easy handles and
/// the loop body. Nothing here is touched by any other thread.
final class CurlMultiLoopOwner {
    /// Maximum sleep in `curl_multi_poll` when libcurl has no timer pending; wake-ups end it
    /// early, so this only bounds how long a lost wake-up could delay work.
    static let maxPollMilliseconds: Int32 = 1000

    private let loop: CurlMultiLoop
    private let multi: CurlMultiHandle
    private let configuration: CurlTransportConfiguration
    private let logger: Logger
    private let metrics: CurlTransportMetrics?
    /// Running transfers by easy handle, and the easy handle of each ticket id.
    private var transfers: [UnsafeMutableRawPointer: CurlEasyTransfer] = [:]
    private var handlesByTicket: [UInt64: UnsafeMutableRawPointer] = [:]

    init(
        loop: CurlMultiLoop,
        multi: CurlMultiHandle,
        configuration: CurlTransportConfiguration,
        logger: Logger,
        metrics: CurlTransportMetrics?
    ) {
        self.loop = loop
        self.multi = multi
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
    }

    func run() {
        self.logger.debug(
            "libcurl loop started",
            metadata: ["otapi.max_connections": .integer(self.configuration.maxConnections)]
        )
        while true {
            let (commands, isShutDown) = self.loop.takeCommands()
            for command in commands {
                self.apply(command)
            }
            if isShutDown {
                break
            }

            var running: Int32 = 0
            let performCode = curl_multi_perform(self.multi.pointer, &running)
            if performCode != CURLM_OK {
                self.logger.error(
                    "curl_multi_perform failed",
                    metadata: ["curl.multi_code": .integer(Int(performCode.rawValue))]
                )
            }
            self.completeFinishedTransfers()
            self.poll()
        }
        self.failAll()
        curl_multi_cleanup(self.multi.pointer)
        self.logger.debug("libcurl loop stopped")
    }

    private func poll() {
        var timeout = -1
        curl_multi_timeout(self.multi.pointer, &timeout)
        let wait = timeout < 0 ? Self.maxPollMilliseconds : Int32(min(timeout, Int(Self.maxPollMilliseconds)))
        let pollCode = curl_multi_poll(self.multi.pointer, nil, 0, wait, nil)
        if pollCode != CURLM_OK {
            self.logger.error("curl_multi_poll failed", metadata: ["curl.multi_code": .integer(Int(pollCode.rawValue))])
        }
    }

    // MARK: Commands

    private func apply(_ command: CurlMultiLoop.Command) {
        switch command {
        case .add(let ticket):
            self.add(ticket)
        case .cancel(let ticket):
            self.removeCancelled(ticket)
        }
    }

    private func add(_ ticket: CurlTransferTicket) {
        guard ticket.start() else { return }  // cancelled while queued; already resumed

        let transfer: CurlEasyTransfer
        do {
            transfer = try CurlEasyTransfer(ticket: ticket, configuration: self.configuration)
        } catch {
            self.report(
                ticket: ticket,
                host: Self.host(of: ticket.request.url),
                duration: .zero,
                result: .failure(error)
            )
            ticket.finish(with: .failure(error), requestStarted: false)
            return
        }

        let addCode = curl_multi_add_handle(self.multi.pointer, transfer.handle)
        guard addCode == CURLM_OK else {
            let error = TransportError(
                kind: .other,
                requestMayHaveBeenSent: false,
                message: "curl_multi_add_handle failed with CURLMcode \(addCode.rawValue)"
            )
            self.report(transfer: transfer, result: .failure(error))
            ticket.finish(with: .failure(error), requestStarted: false)
            return
        }
        self.transfers[transfer.handle] = transfer
        self.handlesByTicket[ticket.id] = transfer.handle
        self.metrics?.inFlight.add(1)
    }

    /// Removes a running transfer whose caller was cancelled. libcurl requires the easy
    /// handle to leave the multi handle before `curl_easy_cleanup`, which runs when the
    /// transfer object is released at the end of this call.
    private func removeCancelled(_ ticket: CurlTransferTicket) {
        guard let handle = self.handlesByTicket[ticket.id], let transfer = self.detach(handle) else {
            return  // finished before the cancel arrived
        }
        let error = CurlTransferTicket.cancelledError(requestMayHaveBeenSent: transfer.requestStarted)
        self.report(transfer: transfer, result: .failure(error))
        ticket.finish(with: .failure(error), requestStarted: transfer.requestStarted)
    }

    // MARK: Completion

    private func completeFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(self.multi.pointer, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            // Read the code before removing the handle: removal invalidates the message.
            let code = gw_curl_msg_result(message)
            guard let transfer = self.detach(handle) else { continue }
            let result = transfer.result(for: code)
            self.report(transfer: transfer, result: result)
            transfer.ticket.finish(with: result, requestStarted: transfer.requestStarted)
        }
    }

    private func detach(_ handle: UnsafeMutableRawPointer) -> CurlEasyTransfer? {
        guard let transfer = self.transfers.removeValue(forKey: handle) else { return nil }
        self.handlesByTicket.removeValue(forKey: transfer.ticket.id)
        curl_multi_remove_handle(self.multi.pointer, handle)
        self.metrics?.inFlight.add(-1)
        return transfer
    }

    private func failAll() {
        for handle in Array(self.transfers.keys) {
            guard let transfer = self.detach(handle) else { continue }
            let error = Self.shutdownError(requestMayHaveBeenSent: transfer.requestStarted)
            self.report(transfer: transfer, result: .failure(error))
            transfer.ticket.finish(with: .failure(error), requestStarted: transfer.requestStarted)
        }
        // Commands that arrived after the last pass; `enqueue` accepts none after shutdown.
        for command in self.loop.takeCommands().commands {
            guard case .add(let ticket) = command, ticket.start() else { continue }
            ticket.finish(with: .failure(Self.shutdownError(requestMayHaveBeenSent: false)), requestStarted: false)
        }
    }

    static func shutdownError(requestMayHaveBeenSent: Bool) -> TransportError {
        TransportError(
            kind: .other,
            requestMayHaveBeenSent: requestMayHaveBeenSent,
            message: "the OT API transport was shut down before the call finished"
        )
    }

    // MARK: Observability

    private func report(transfer: CurlEasyTransfer, result: Result<TransportResponse, TransportError>) {
        self.report(
            ticket: transfer.ticket,
            host: Self.host(of: transfer.ticket.request.url),
            duration: ContinuousClock.now - transfer.startedAt,
            result: result
        )
    }

    /// Logs one finished transfer at debug. Only the host of the URL is logged, never its path,
    /// query string or the bodies, because OT session ids travel there.
    private func report(
        ticket: CurlTransferTicket,
        host: String,
        duration: Duration,
        result: Result<TransportResponse, TransportError>
    ) {
        let milliseconds =
            Double(duration.components.seconds) * 1000
            + Double(duration.components.attoseconds) / 1e15
        var metadata: LogMetadata = [
            "otapi.transfer_id": .integer(Int(truncatingIfNeeded: ticket.id)),
            "otapi.url_host": .string(host),
            "otapi.duration_ms": .integer(Int(milliseconds.rounded())),
        ]
        let outcome: String
        switch result {
        case .success(let response):
            metadata["otapi.status"] = .integer(response.status)
            metadata["curl.code"] = .integer(0)
            outcome = "ok"
        case .failure(let error):
            metadata["otapi.error"] = .string(error.kind.rawValue)
            if let code = error.curlCode {
                metadata["curl.code"] = .integer(Int(code))
            }
            outcome = error.kind.rawValue
        }
        self.logger.debug("OT API transfer finished", metadata: metadata)
        self.metrics?.duration.observe(milliseconds / 1000, [outcome])
    }

    /// Returns the host part of `url` as libcurl parses it, or `invalid` when it cannot be parsed.
    static func host(of url: String) -> String {
        guard let parsed = curl_url() else { return "invalid" }
        defer { curl_url_cleanup(parsed) }
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME)
        guard curl_url_set(parsed, CURLUPART_URL, url, flags) == CURLUE_OK else { return "invalid" }
        var part: UnsafeMutablePointer<CChar>?
        guard curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK, let part else { return "invalid" }
        defer { curl_free(part) }
        return String(cString: part)
    }
}
