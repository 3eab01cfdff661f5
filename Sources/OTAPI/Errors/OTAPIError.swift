/// The kind of OT session a call runs under.
public enum OTSessionKind: String, Sendable, Equatable, CaseIterable {
    case `operator`
    case customer
}

/// The reason a body is not a usable OT response.
public enum BadResponseReason: Sendable, Equatable, CustomStringConvertible {
    case empty
    case html
    case notUTF8
    case doctype
    case unsupportedEncoding(String)
    case malformed(String)
    case truncated
    case tooDeep
    case missingErrorCode
    /// A SOAP envelope without a `Body`, or a body without `<Method>Response/<Method>Result`.
    case soapShape(String)

    public var description: String {
        switch self {
        case .empty: "empty body"
        case .html: "HTML instead of XML"
        case .notUTF8: "body is not valid UTF-8"
        case .doctype: "body contains a DOCTYPE"
        case .unsupportedEncoding(let name): "XML declares encoding \(name), expected UTF-8"
        case .malformed(let detail): "malformed XML: \(detail)"
        case .truncated: "XML ends before its elements are closed"
        case .tooDeep: "XML nests too deeply"
        case .missingErrorCode: "no ErrorCode element"
        case .soapShape(let detail): "unexpected SOAP shape: \(detail)"
        }
    }
}

/// A failed OT API call. Every public client method throws only this type.
///
/// `description` is for logs; it never contains secrets or session ids, and body snippets
/// are capped at `OTAPIError.maxSnippetBytes`. Only `ot`'s `description` is OT's own text
/// meant for people; never show body snippets to API clients.
public struct OTAPIError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable {
        /// OT responded with an `ErrorCode` other than `Ok`/`BatchError` that has no more
        /// specific case below.
        case ot(code: String, subCode: String?, description: String?, method: String, requestId: String?)
        /// `SessionExpired` again after the one re-login the client allows per call.
        case sessionExpired(session: OTSessionKind, method: String)
        /// The exchange failed before a response arrived, and repeating it is safe or was done.
        case transport(TransportError)
        /// A write's request may have reached OT but no response was read, so OT may or may not
        /// have carried it out. Reconcile before sending it again.
        case outcomeUnknown(method: String, cause: String)
        /// OT (or a proxy) responded with a status other than 200.
        case httpStatus(status: Int, bodySnippet: String)
        /// The 200 response is not a valid OT response.
        case badResponse(reason: BadResponseReason, bodySnippet: String)
        /// `CallLimit`, `InstanceKeyBan`, `NotAvailable` or `AccessDenied`+`InstanceKeyBan`:
        /// try again later; the client does not retry these itself.
        case retryLater(code: String, subCode: String?, method: String)
        /// A required element of an `Ok` answer is missing or unreadable.
        case decoding(path: String, method: String)
        /// Logging in was rejected by OT; `cause` is OT's answer to the login call.
        case sessionLoginFailed(session: OTSessionKind, cause: String)
        /// A SOAP fault (binding `soap11` only): the service rejected the envelope.
        case soapFault(faultCode: String, faultString: String)
        /// The request could not be built from the given values, so nothing was sent.
        case invalidRequest(field: String, reason: String)
    }

    /// Maximum length of a body excerpt kept in an error, in bytes.
    public static let maxSnippetBytes = 512

    public var code: Code

    public init(_ code: Code) {
        self.code = code
    }

    /// A short, bounded label without values, for metrics and log fields.
    public var shortDescription: String {
        switch self.code {
        case .ot: "ot"
        case .sessionExpired: "session_expired"
        case .transport(let error): error.kind == .timedOut ? "timeout" : "transport"
        case .outcomeUnknown: "outcome_unknown"
        case .httpStatus: "http_status"
        case .badResponse: "bad_response"
        case .retryLater: "retry_later"
        case .decoding: "decoding"
        case .sessionLoginFailed: "session_login_failed"
        case .soapFault: "soap_fault"
        case .invalidRequest: "invalid_request"
        }
    }

    /// OT's `ErrorCode`, when the failure is an OT answer.
    public var otErrorCode: String? {
        switch self.code {
        case .ot(let code, _, _, _, _): code
        case .retryLater(let code, _, _): code
        case .sessionExpired: "SessionExpired"
        default: nil
        }
    }

    public var description: String {
        switch self.code {
        case .ot(let code, let subCode, let description, let method, let requestId):
            "OT API \(method) failed with \(code)\(subCode.map { "/" + $0 } ?? "")"
                + "\(requestId.map { " (request \($0))" } ?? ""): \(description ?? "no description")"
        case .sessionExpired(let session, let method):
            "OT API \(method): the \(session.rawValue) session expired again right after a new login"
        case .transport(let error):
            "OT API exchange failed: \(error)"
        case .outcomeUnknown(let method, let cause):
            "OT API \(method) may or may not have been carried out (\(cause)); reconcile before repeating it"
        case .httpStatus(let status, let snippet):
            "OT API answered HTTP \(status): \(snippet)"
        case .badResponse(let reason, let snippet):
            "OT API answer is not valid (\(reason)): \(snippet)"
        case .retryLater(let code, let subCode, let method):
            "OT API \(method) is refused for now with \(code)\(subCode.map { "/" + $0 } ?? ""); retry later"
        case .decoding(let path, let method):
            "OT API \(method) answer lacks a valid \(path)"
        case .sessionLoginFailed(let session, let cause):
            "OT API \(session.rawValue) login failed: \(cause); check the configured login and password"
        case .soapFault(let faultCode, let faultString):
            "OT API SOAP fault \(faultCode): \(faultString)"
        case .invalidRequest(let field, let reason):
            "OT API request not sent: \(field) \(reason)"
        }
    }

    /// At most `maxSnippetBytes` bytes of a body as text, cut on a character boundary, with
    /// invalid UTF-8 replaced by U+FFFD.
    public static func snippet(_ body: [UInt8]) -> String {
        var text = String(decoding: body.prefix(self.maxSnippetBytes), as: UTF8.self)
        // A cut multi-byte sequence decodes to U+FFFD (3 bytes), which can exceed the limit.
        while text.utf8.count > self.maxSnippetBytes {
            text.removeLast()
        }
        return text
    }
}
