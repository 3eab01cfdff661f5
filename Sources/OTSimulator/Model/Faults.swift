import Foundation
import HTTPServer

/// A way to spoil the HTTP answer of a call.
public enum ResponseFault: String, Sendable, Codable, CaseIterable {
    /// Close the connection without an answer; see `SimulatorDropConnection`.
    case dropConnection
    /// Send only the first half of the XML body.
    case truncatedBody
    /// Send an HTML page with status 200 instead of XML.
    case nonXMLBody
    /// Send a proxy's 502 page.
    case badGateway
}

/// Faults armed through the control API or the Swift API. They are not part of the saved
/// state: a restarted simulator starts without faults.
struct FaultPlan: Sendable {
    struct SessionExpiryRule: Sendable {
        var remaining: Int
        var kind: SessionKind?
    }

    struct ErrorRule: Sendable {
        var method: String
        var error: InjectedError
        var remaining: Int
    }

    struct ResponseRule: Sendable {
        var method: String
        var fault: ResponseFault
        var remaining: Int
        var afterApplying: Bool
    }

    /// The method name that matches every method in a rule.
    static let anyMethod = "*"

    var latency: [String: Duration] = [:]
    var sessionExpiry: [SessionExpiryRule] = []
    var errors: [ErrorRule] = []
    var responses: [ResponseRule] = []

    func latency(for method: String) -> Duration {
        latency[method] ?? latency[Self.anyMethod] ?? .zero
    }

    /// Consumes one use of the first session-expiry rule matching `kind`.
    mutating func takeSessionExpiry(kind: SessionKind) -> Bool {
        guard let index = sessionExpiry.firstIndex(where: { $0.remaining > 0 && ($0.kind == nil || $0.kind == kind) })
        else { return false }
        sessionExpiry[index].remaining -= 1
        sessionExpiry.removeAll { $0.remaining <= 0 }
        return true
    }

    mutating func takeError(method: String) -> InjectedError? {
        guard let index = errors.firstIndex(where: { $0.remaining > 0 && Self.matches($0.method, method) }) else {
            return nil
        }
        errors[index].remaining -= 1
        let error = errors[index].error
        errors.removeAll { $0.remaining <= 0 }
        return error
    }

    mutating func takeResponseFault(method: String, afterApplying: Bool) -> ResponseFault? {
        guard
            let index = responses.firstIndex(where: {
                $0.remaining > 0 && $0.afterApplying == afterApplying && Self.matches($0.method, method)
            })
        else { return nil }
        responses[index].remaining -= 1
        let fault = responses[index].fault
        responses.removeAll { $0.remaining <= 0 }
        return fault
    }

    static func matches(_ pattern: String, _ method: String) -> Bool {
        pattern == anyMethod || pattern == method
    }
}

/// The error a handler throws to make the HTTP server close the connection without a
/// response, after the call took effect. The server does so for every
/// `HTTPConnectionAbortingError`, so the client reads zero response bytes.
public struct SimulatorDropConnection: HTTPConnectionAbortingError, Sendable {
    public var method: String

    public init(method: String) {
        self.method = method
    }
}
