/// The client's handling of a response's `ErrorCode`.
enum OTAnswerOutcome: Equatable {
    case success
    case sessionExpired
    case failure(OTAPIError.Code.Kind)
}

extension OTAPIError.Code {
    /// The two failure families an OT response can map to.
    enum Kind: Equatable {
        case rejected
        case retryLater
    }
}

/// Maps `ErrorCode`/`SubErrorCode` to the client's handling. Only these values are known:
/// codes never seen stay `.ot` with the code echoed.
enum OTErrorClassifier {
    static let sessionExpired = "SessionExpired"
    /// Quota, key block or temporary unavailability: callers should back off.
    static let retryLaterCodes: Set<String> = ["CallLimit", "InstanceKeyBan", "NotAvailable"]
    /// `AccessDenied` sub-codes that mean "blocked for now" rather than "misconfigured".
    static let retryLaterAccessDeniedSubCodes: Set<String> = ["InstanceKeyBan"]

    static func outcome(_ envelope: OTEnvelope) -> OTAnswerOutcome {
        if envelope.isSuccess { return .success }
        if envelope.errorCode == self.sessionExpired { return .sessionExpired }
        if self.retryLaterCodes.contains(envelope.errorCode) { return .failure(.retryLater) }
        if envelope.errorCode == "AccessDenied",
            let sub = envelope.subErrorCode,
            self.retryLaterAccessDeniedSubCodes.contains(sub)
        {
            return .failure(.retryLater)
        }
        return .failure(.rejected)
    }

    static func error(for envelope: OTEnvelope, method: String) -> OTAPIError {
        switch self.outcome(envelope) {
        case .failure(.retryLater):
            OTAPIError(.retryLater(code: envelope.errorCode, subCode: envelope.subErrorCode, method: method))
        default:
            OTAPIError(
                .ot(
                    code: envelope.errorCode,
                    subCode: envelope.subErrorCode,
                    description: envelope.errorDescription,
                    method: method,
                    requestId: envelope.requestId
                )
            )
        }
    }
}
