import Foundation
import HTTPServer

/// The control API under `/_sim/`: JSON requests that arm faults and move the simulator,
/// accepted from loopback peers only. Each route does what the method of the same name in
/// the fault API does.
extension Simulator {
    struct LatencyRequest: Decodable {
        var method: String?
        var milliseconds: Int?
    }

    struct SessionExpiryRequest: Decodable {
        var count: Int?
        var kind: SessionKind?
    }

    struct ErrorRequest: Decodable {
        var method: String
        var code: String
        var subCode: String?
        var description: String?
        var count: Int?
    }

    struct ResponseFaultRequest: Decodable {
        var method: String
        var fault: ResponseFault
        var count: Int?
        var afterApplying: Bool?
    }

    struct ActivityRequest: Decodable {
        var mode: String?
        var milliseconds: Int?
        var steps: Int?
        var awaitActionAtPercent: Int?
        var actions: [ActivityAction]?
    }

    struct ProviderSessionRequest: Decodable {
        var id: String?
    }

    struct SecondsRequest: Decodable {
        var seconds: Double
    }

    struct IntegrationRequest: Decodable {
        var isAvailable: Bool?
        var isEnabled: Bool?
        var isSessionRequired: Bool?
        var allowCancelOrders: Bool?
    }

    struct AccountsAnswer: Encodable {
        var instanceKeys: [String]
        var signed: Bool
        var operatorLogin: String
        var operatorPassword: String
        var customerLogin: String
        var customerPassword: String
        var customerId: Int
        var userProfileId: Int
        var deliveryModeId: String
        var currencyCode: String
    }

    static let controlPrefix = "/_sim"

    func registerControlRoutes(_ router: inout Router) {
        control(&router, "reset") { simulator, _ in simulator.reset() }
        control(&router, "faults/clear") { simulator, _ in simulator.clearFaults() }
        control(&router, "latency") { simulator, body in
            let request = try Self.decode(LatencyRequest.self, body)
            let milliseconds = request.milliseconds ?? 0
            guard milliseconds >= 0 else { throw Problem.badRequest("milliseconds must not be negative.") }
            simulator.setLatency(milliseconds == 0 ? nil : .milliseconds(milliseconds), method: request.method ?? "*")
        }
        control(&router, "faults/session-expired") { simulator, body in
            let request = try Self.decode(SessionExpiryRequest.self, body)
            simulator.expireSessionsOnNextCalls(try Self.count(request.count), kind: request.kind)
        }
        control(&router, "faults/error") { simulator, body in
            let request = try Self.decode(ErrorRequest.self, body)
            let error = InjectedError(
                code: request.code,
                subCode: request.subCode,
                description: request.description ?? "Injected \(request.code) error."
            )
            simulator.injectError(error, method: request.method, count: try Self.count(request.count))
        }
        control(&router, "faults/response") { simulator, body in
            let request = try Self.decode(ResponseFaultRequest.self, body)
            simulator.injectResponseFault(
                request.fault,
                method: request.method,
                count: try Self.count(request.count),
                afterApplying: request.afterApplying ?? true
            )
        }
        control(&router, "sessions/expire") { simulator, body in
            simulator.expireSessions(kind: try Self.decode(SessionExpiryRequest.self, body).kind)
        }
        control(&router, "activities") { simulator, body in
            simulator.setActivityBehaviour(try Self.behaviour(try Self.decode(ActivityRequest.self, body)))
        }
        control(&router, "provider-sessions/expire") { simulator, body in
            simulator.revokeProviderSessions(id: try Self.decode(ProviderSessionRequest.self, body).id)
        }
        control(&router, "provider-sessions/lifetime") { simulator, body in
            let seconds = try Self.decode(SecondsRequest.self, body).seconds
            guard seconds > 0 else { throw Problem.badRequest("seconds must be positive.") }
            simulator.setProviderSessionLifetime(.milliseconds(Int64(seconds * 1000)))
        }
        control(&router, "provider-integration") { simulator, body in
            let request = try Self.decode(IntegrationRequest.self, body)
            var flags = simulator.state.ordersIntegration
            flags.isAvailable = request.isAvailable ?? flags.isAvailable
            flags.isEnabled = request.isEnabled ?? flags.isEnabled
            flags.isSessionRequired = request.isSessionRequired ?? flags.isSessionRequired
            flags.allowCancelOrders = request.allowCancelOrders ?? flags.allowCancelOrders
            simulator.setOrdersIntegration(flags)
        }
        control(&router, "clock/advance") { simulator, body in
            let seconds = try Self.decode(SecondsRequest.self, body).seconds
            guard seconds >= 0 else {
                throw Problem.badRequest("seconds must not be negative; the clock only moves forward.")
            }
            simulator.advanceClock(by: .milliseconds(Int64(seconds * 1000)))
        }

        router.get(Self.controlPrefix + "/calls") { [self] request in
            try Self.requireLoopback(request)
            let method = request.rawQuery.flatMap { PercentDecoding.queryItems($0) }?.first { $0.name == "method" }?
                .value
            let calls = self.calls.filter { method == nil || $0.method == method }
            return try Self.json(["calls": calls])
        }
        router.get(Self.controlPrefix + "/state") { [self] request in
            try Self.requireLoopback(request)
            return try Self.json(self.state)
        }
        router.get(Self.controlPrefix + "/accounts") { [self] request in
            try Self.requireLoopback(request)
            return try Self.json(self.accounts)
        }
    }

    /// The accounts and ids a client needs, as the CLI prints them.
    var accounts: AccountsAnswer {
        let configuration = initialConfiguration
        return AccountsAnswer(
            instanceKeys: configuration.instanceKeys,
            signed: configuration.apiSecret != nil,
            operatorLogin: configuration.operatorLogin,
            operatorPassword: configuration.operatorPassword,
            customerLogin: configuration.customerLogin,
            customerPassword: configuration.customerPassword,
            customerId: configuration.customerId,
            userProfileId: configuration.userProfileId,
            deliveryModeId: configuration.freeDeliveryModeId ?? "",
            currencyCode: configuration.currencyCode
        )
    }

    private func control(
        _ router: inout Router,
        _ path: String,
        _ action: @escaping @Sendable (Simulator, [UInt8]) throws -> Void
    ) {
        router.post(Self.controlPrefix + "/" + path) { [self] request in
            try Self.requireLoopback(request)
            try action(self, request.body)
            return try Self.json(["ok": true])
        }
    }

    static func behaviour(_ request: ActivityRequest) throws -> ActivityBehaviour {
        var behaviour = ActivityBehaviour()
        switch request.mode ?? "timed" {
        case "timed":
            let milliseconds = request.milliseconds ?? 2000
            guard milliseconds >= 0 else { throw Problem.badRequest("milliseconds must not be negative.") }
            behaviour.progress = .timed(milliseconds: milliseconds)
        case "perPoll":
            let steps = request.steps ?? 4
            guard (1...100).contains(steps) else { throw Problem.badRequest("steps must be between 1 and 100.") }
            behaviour.progress = .perPoll(steps: steps)
        default:
            throw Problem.badRequest("mode must be timed or perPoll.")
        }
        if let percent = request.awaitActionAtPercent {
            guard (0...99).contains(percent) else {
                throw Problem.badRequest("awaitActionAtPercent must be between 0 and 99.")
            }
            behaviour.awaitActionAtPercent = percent
        }
        if let actions = request.actions {
            guard !actions.isEmpty else { throw Problem.badRequest("actions must list at least one action.") }
            behaviour.actions = actions
        }
        return behaviour
    }

    static func count(_ value: Int?) throws -> Int {
        let count = value ?? 1
        guard (1...1_000_000).contains(count) else { throw Problem.badRequest("count must be between 1 and 1000000.") }
        return count
    }

    static func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        let data = body.isEmpty ? Data("{}".utf8) : Data(body)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw Problem.badRequest("The body is not the expected JSON object: \(error)")
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        return Response(status: .ok, headers: ["Content-Type": "application/json"], body: Array(data))
    }

    /// Rejects peers that are not on loopback. An empty address (a request that did not come
    /// from a socket) is rejected too.
    static func requireLoopback(_ request: Request) throws {
        guard isLoopback(request.remoteAddress) else {
            throw Problem(
                status: .forbidden,
                code: "forbidden",
                title: "Forbidden",
                detail: "The simulator control API accepts requests from loopback addresses only."
            )
        }
    }

    static func isLoopback(_ address: String) -> Bool {
        var host = Substring(address)
        if host.hasPrefix("[") {
            host = host.dropFirst().prefix { $0 != "]" }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return host.hasPrefix("127.") || host == "::1" || host == "::ffff:127.0.0.1"
    }
}
