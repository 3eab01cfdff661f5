import Observability

extension OTAPIClient {
    /// HTTP statuses a proxy in front of OT sends when OT is unreachable or overloaded; reads
    /// that get one are retried like transport failures.
    static let retryableStatuses: Set<Int> = [502, 503, 504]

    /// One call's exchanges with OT, up to the retry policy's attempts for reads. Returns the
    /// envelope whatever its `ErrorCode`. A write is sent at most once: when its outcome cannot
    /// be known (the request may have reached OT but no valid response came back) this throws
    /// `outcomeUnknown`.
    func exchange(_ call: OTCall, sessionId: String?) async throws(OTAPIError) -> OTEnvelope {
        let policy = self.configuration.retryPolicy
        let attempts = call.kind == .read ? policy.maxAttempts : 1
        var attempt = 1
        while true {
            // Signed per attempt so that a retry carries a fresh timestamp.
            let parameters = try self.builder.parameters(for: call, sessionId: sessionId, now: self.now())
            let request = try self.builder.transportRequest(for: call, parameters: parameters)
            let failure: OTAPIError
            do {
                return try await self.sendOnce(request, call: call)
            } catch {
                failure = error
            }

            guard call.kind == .read, attempt < attempts, Self.isRetryable(failure) else {
                throw failure
            }
            let delay = policy.delay(beforeRetry: attempt, jitter: self.jitter())
            self.logger.debug(
                "OT API read failed in transport; retrying",
                metadata: [
                    "otapi.method": .string(call.method),
                    "otapi.attempt": .integer(attempt),
                    "otapi.error": .string(failure.shortDescription),
                    "otapi.retry_delay_ms": .double(delay.seconds * 1000),
                ]
            )
            if delay > .zero {
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw OTAPIError(
                        .transport(
                            TransportError(
                                kind: .cancelled,
                                requestMayHaveBeenSent: false,
                                message: "cancelled while waiting to retry"
                            )
                        )
                    )
                }
            }
            attempt += 1
        }
    }

    static func isRetryable(_ error: OTAPIError) -> Bool {
        switch error.code {
        case .transport(let transport):
            switch transport.kind {
            case .cancelled, .invalidURL, .responseTooLarge: false
            default: true
            }
        case .httpStatus(let status, _):
            self.retryableStatuses.contains(status)
        default:
            false
        }
    }

    /// Sends one exchange and decodes its envelope, mapping failures for writes to
    /// `outcomeUnknown` when OT may have acted on the request.
    private func sendOnce(_ request: TransportRequest, call: OTCall) async throws(OTAPIError) -> OTEnvelope {
        let response: TransportResponse
        do {
            response = try await self.transport.send(request)
        } catch let error as TransportError {
            // A write cancelled after its bytes left is as unknown as one that timed out.
            if call.kind == .write && error.requestMayHaveBeenSent {
                throw OTAPIError(.outcomeUnknown(method: call.method, cause: error.description))
            }
            throw OTAPIError(.transport(error))
        } catch {
            let wrapped = TransportError(kind: .other, requestMayHaveBeenSent: true, message: "\(error)")
            if call.kind == .write {
                throw OTAPIError(.outcomeUnknown(method: call.method, cause: wrapped.description))
            }
            throw OTAPIError(.transport(wrapped))
        }

        do {
            return try ResponseDecoder.envelope(response, binding: self.configuration.binding, method: call.method)
        } catch {
            guard call.kind == .write, Self.leavesOutcomeUnknown(error) else { throw error }
            throw OTAPIError(.outcomeUnknown(method: call.method, cause: error.description))
        }
    }

    /// Returns whether a write that failed this way may have been carried out: true for a 5xx
    /// status or a 200 body that is no OT response (HTML, cut off, empty). A 4xx status or a
    /// SOAP fault means the request was rejected before OT ran it.
    static func leavesOutcomeUnknown(_ error: OTAPIError) -> Bool {
        switch error.code {
        case .httpStatus(let status, _): status >= 500
        case .badResponse: true
        default: false
        }
    }
}
