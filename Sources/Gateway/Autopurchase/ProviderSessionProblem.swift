import Foundation
import HTTPServer
import OTAPI

/// Provider-session failures and the `409 provider_session_required` problem that reports them.
public enum ProviderSessionProblem {
    /// Why OT cannot work with the provider right now.
    public enum Failure: Sendable, Equatable {
        /// The marketplace login behind the session expired or was revoked.
        case expired
        /// OT has no session with the given id.
        case unknown
        /// Autopurchase is not enabled (`GetProviderInfo` or `OrdersIntegrationDisabled`).
        case integrationDisabled
        /// No provider session exists at all.
        case none
    }

    /// The page where the operator connects a provider account.
    public static func connectURL(_ configuration: GatewayConfiguration) -> String {
        configuration.server.publicURL.absoluteString + "/taobao/connect"
    }

    /// Classifies an OT error of a `Run*` call; nil when it is not about the provider session.
    public static func failure(of error: OTAPIError) -> Failure? {
        let code: String
        let subCode: String?
        switch error.code {
        case .ot(let otCode, let otSubCode, _, _, _):
            code = otCode
            subCode = otSubCode
        case .retryLater(let otCode, let otSubCode, _):
            code = otCode
            subCode = otSubCode
        default:
            return nil
        }
        let sub = subCode?.lowercased() ?? ""
        if sub.contains("ordersintegration") && sub.contains("disabled") {
            return .integrationDisabled
        }
        guard sub.contains("providersession") else { return nil }
        if code == "NotFound" {
            return .unknown
        }
        return .expired
    }

    public static func problem(_ failure: Failure, configuration: GatewayConfiguration, sessionID: String?) -> Problem {
        let connectURL = self.connectURL(configuration)
        let detail: String
        switch failure {
        case .expired:
            detail =
                "The provider session \(sessionID ?? "") has expired or was revoked by the marketplace. "
                + "Connect the account again at \(connectURL), then retry."
        case .unknown:
            detail = "OT has no provider session \(sessionID ?? ""). Connect an account at \(connectURL), then retry."
        case .integrationDisabled:
            detail =
                "Autopurchase (orders integration) with \(configuration.ordering.providerType) is not enabled for "
                + "this OT instance. Enable it in OT, connect an account at \(connectURL), then retry."
        case .none:
            detail =
                "No \(configuration.ordering.providerType) account is connected. Connect one at \(connectURL), "
                + "then retry."
        }
        return Problem(
            status: .conflict,
            code: "provider_session_required",
            title: "A provider session is required",
            detail: detail,
            extensions: [("connectUrl", Problem.quote(connectURL))]
        )
    }
}
