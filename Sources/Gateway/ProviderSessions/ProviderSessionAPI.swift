import Foundation
import HTTPServer
import OTAPI
import Observability
import Store

/// `GET /provider-sessions` and `POST /provider-sessions` (bearer token).
struct ProviderSessionAPI: Sendable {
    static let maxBodyBytes = 4096

    let context: RouteContext
    let starter: ProviderConnectStarter

    var services: GatewayServices { self.context.services }

    func list(_ request: Request) async throws -> Response {
        _ = try self.context.authenticator.authenticate(request)
        return .json(try await Self.loadListing(self.services).json)
    }

    /// Reads OT's provider information and sessions and the stored connect times.
    static func loadListing(_ services: GatewayServices) async throws -> ProviderSessionListing {
        let providerType = services.configuration.ordering.providerType
        let info: ProviderInfo
        let sessions: [ProviderSession]
        do {
            info = try await services.otapi.getProviderInfo(providerType: providerType)
            sessions = try await services.otapi.getProviderOrdersIntegrationSessionInfoList(providerType: providerType)
        } catch {
            throw OTProblemMapping.problem(for: error)
        }
        let connects = try await services.store.providerAccountConnects()
        ProviderSessionMetrics.record(
            sessionCount: sessions.count,
            connects: connects,
            now: services.now(),
            registry: services.metrics
        )
        return ProviderSessionListing(
            providerType: providerType,
            integrationEnabled: info.ordersIntegration?.isEnabled ?? false,
            sessions: sessions,
            connects: connects,
            now: services.now(),
            warnAge: services.configuration.background.sessionWarnAge
        )
    }

    func create(_ request: Request) async throws -> Response {
        _ = try self.context.authenticator.authenticate(request)
        let body = try JSONRequestBody.object(request)
        var account: String?
        var restart = false
        var fieldErrors: [Problem.FieldError] = []
        for (key, value) in body {
            switch (key, value) {
            case ("account", .null):
                account = nil
            case ("account", .string(let text)):
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if ProviderConnectStarter.isAcceptableAccount(trimmed) {
                    account = trimmed
                } else {
                    fieldErrors.append(
                        .init(
                            field: "account",
                            message: "must have 1 to \(ProviderConnectStarter.maxAccountLength) characters "
                                + "and no control characters"
                        )
                    )
                }
            case ("account", _):
                fieldErrors.append(.init(field: "account", message: "must be a string, not \(value.typeName)"))
            case ("restart", .bool(let flag)):
                restart = flag
            case ("restart", _):
                fieldErrors.append(.init(field: "restart", message: "must be true or false, not \(value.typeName)"))
            default:
                fieldErrors.append(.init(field: key, message: "is not a known field; send account and restart only"))
            }
        }
        guard fieldErrors.isEmpty else {
            throw Problem.badRequest("The login request has invalid fields.", fieldErrors: fieldErrors)
        }

        let result: ProviderConnectStarter.Result
        do {
            result = try await self.starter.start(
                account: account,
                browserBindingHash: nil,
                restart: restart ? .all : .none
            )
        } catch {
            throw Self.problem(for: error, logger: self.context.logger(for: request))
        }
        switch result {
        case .started(let state, let redirectURL, let expiresAt):
            return .json(
                .object([
                    ("redirectUrl", .string(redirectURL)),
                    ("state", .string(state)),
                    ("expiresAt", .string(RFC3339.format(expiresAt, fractionalSeconds: false))),
                ]),
                status: .created
            )
        case .pending(let pending):
            let expiresAt = RFC3339.format(UnixTime.date(fromMilliseconds: pending.expiresAt), fractionalSeconds: false)
            throw Problem(
                status: .conflict,
                code: "provider_login_pending",
                title: "A provider login is already under way",
                detail: "Another provider login is open until \(expiresAt); only one runs at a time so the new "
                    + "session can be told apart. Finish it, wait until it expires, or send \"restart\": true "
                    + "to cancel it.",
                extensions: [
                    ("pendingAccount", pending.account.map(Problem.quote) ?? "null"),
                    ("pendingExpiresAt", Problem.quote(expiresAt)),
                ]
            )
        }
    }

    static func problem(for failure: ProviderConnectStarter.Failure, logger: Logger) -> Problem {
        switch failure {
        case .ot(let error):
            return OTProblemMapping.problem(for: error)
        case .invalidRedirect:
            logger.error("provider login got an unusable RedirectUrl from OT")
            return Problem(
                status: .badGateway,
                code: "ot_bad_response",
                title: "OT's answer is not valid",
                detail: "OT's RedirectUrl for the provider login is not an absolute http or https URL."
            )
        case .internalError(let message):
            logger.error("provider login could not start", metadata: ["error": .string(message)])
            return Problem.internalError
        }
    }
}
