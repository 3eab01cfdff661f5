import HTTPServer
import OTAPI

/// Maps OT API client errors to the problems of the gateway's interface.
///
/// OT's own description is passed on in `detail`; the raw body never is. `Retry-After` is set
/// on every 503.
public enum OTProblemMapping {
    /// Seconds a client should wait before retrying after a 503.
    public static let retryAfterSeconds = 5

    public static func problem(for error: OTAPIError) -> Problem {
        switch error.code {
        case .ot(let code, let subCode, let description, let method, _):
            if code == "AccessDenied" {
                return self.make(
                    502,
                    "ot_access_denied",
                    "OT denied access",
                    "OT refused \(method) with AccessDenied\(subCode.map { "/\($0)" } ?? ""): "
                        + "\(description ?? "no description"). Check OTGW_INSTANCE_KEY, OTGW_API_SECRET, "
                        + "the server clock and the IP allowed for the key.",
                    otCode: code,
                    otSubCode: subCode
                )
            }
            return self.make(
                502,
                "ot_rejected",
                "OT rejected the call",
                "OT answered \(method) with \(code)\(subCode.map { "/\($0)" } ?? ""): \(description ?? "no description").",
                otCode: code,
                otSubCode: subCode
            )
        case .sessionExpired(let session, let method):
            return self.make(
                502,
                "ot_session_expired",
                "OT session expired again",
                "OT reported the \(session.rawValue) session expired for \(method) again right after a fresh login.",
                otCode: "SessionExpired",
                otSubCode: nil
            )
        case .sessionLoginFailed(let session, _):
            return self.make(
                502,
                "ot_access_denied",
                "OT login failed",
                "OT refused the \(session.rawValue) login; check the OTGW_\(session == .operator ? "OPERATOR" : "CUSTOMER")"
                    + "_LOGIN and _PASSWORD settings.",
                otCode: error.otErrorCode,
                otSubCode: nil
            )
        case .retryLater(let code, let subCode, let method):
            return self.unavailable(
                "OT is not accepting \(method) now (\(code)\(subCode.map { "/\($0)" } ?? "")); retry later.",
                otCode: code,
                otSubCode: subCode
            )
        case .transport(let transportError):
            if transportError.kind == .timedOut {
                return self.make(504, "ot_timeout", "OT did not answer in time", "The OT API call timed out.")
            }
            return self.unavailable("The OT API could not be reached: \(transportError.kind.rawValue).")
        case .outcomeUnknown(let method, _):
            var problem = self.make(
                503,
                "outcome_unknown",
                "The outcome of the OT call is not known yet",
                "The connection to OT broke while \(method) was running, so it may or may not have taken effect. "
                    + "Retry with the same Idempotency-Key; the gateway checks before sending it again."
            )
            problem.headers.set("Retry-After", String(self.retryAfterSeconds))
            return problem
        case .httpStatus(let status, _):
            if status == 503 || status == 429 {
                return self.unavailable("The OT API answered HTTP \(status); retry later.")
            }
            return self.make(
                502,
                "ot_bad_response",
                "OT answered with an HTTP error",
                "The OT API answered HTTP \(status)."
            )
        case .badResponse(let reason, _):
            return self.make(
                502,
                "ot_bad_response",
                "OT's answer is not valid",
                "The OT API answer is invalid: \(reason)."
            )
        case .decoding(let path, let method):
            return self.make(
                502,
                "ot_bad_response",
                "OT's answer is not valid",
                "The \(method) answer lacks \(path)."
            )
        case .soapFault(let faultCode, let faultString):
            return self.make(
                502,
                "ot_rejected",
                "OT rejected the call",
                "OT answered with a SOAP fault \(faultCode): \(faultString)."
            )
        case .invalidRequest(let field, let reason):
            return Problem.badRequest("The value for \(field) \(reason).")
        }
    }

    private static func unavailable(_ detail: String, otCode: String? = nil, otSubCode: String? = nil) -> Problem {
        var problem = self.make(
            503,
            "ot_unavailable",
            "OT is unavailable",
            detail,
            otCode: otCode,
            otSubCode: otSubCode
        )
        problem.headers.set("Retry-After", String(self.retryAfterSeconds))
        return problem
    }

    private static func make(
        _ status: Int,
        _ code: String,
        _ title: String,
        _ detail: String,
        otCode: String? = nil,
        otSubCode: String? = nil
    ) -> Problem {
        Problem(
            status: HTTPStatus(code: status),
            code: code,
            title: title,
            detail: detail,
            extensions: [
                ("otErrorCode", otCode.map(Problem.quote) ?? "null"),
                ("otSubErrorCode", otSubCode.map(Problem.quote) ?? "null"),
            ]
        )
    }
}
