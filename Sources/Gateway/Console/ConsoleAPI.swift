import Foundation
import HTTPServer
import OTAPI
import Observability
import Store

/// The JSON the console page reads: texts, sessions, recent orders, unresolved payments and
/// activities waiting for an operator.
struct ConsoleAPI: Sendable {
    static let recentOrdersLimit = 20
    static let unresolvedPaymentsLimit = 100
    static let waitingActivitiesLimit = 50

    let services: GatewayServices
    let files: StaticFileServer?
    /// The payments that need an operator, as `GET /payments?state=unresolved` lists them.
    let unresolvedPayments: @Sendable () async throws -> [PaymentRecord]

    var endpoints: [(String, @Sendable (Request) async throws -> Response)] {
        [
            ("texts", { request in try self.texts(request) }),
            ("sessions", { _ in try await self.sessions() }),
            ("orders", { _ in try await self.orders() }),
            ("payments", { _ in try await self.payments() }),
            ("activities", { _ in try await self.activities() }),
        ]
    }

    /// `{"language": "ru", "texts": {...}}` from `public/i18n/<language>.json`.
    func texts(_ request: Request) throws -> Response {
        let language = PageLanguage.choose(for: request).language
        guard let file = self.files?.file(["i18n", language.rawValue + ".json"]),
            let texts = try? JSONParser.parse(file.contents)
        else {
            throw Problem(
                status: .serviceUnavailable,
                code: "console_files_missing",
                title: "Console files not found",
                detail: "public/i18n/\(language.rawValue).json is missing or not valid JSON; set OTGW_PUBLIC_DIR."
            )
        }
        return .json(
            .object([
                ("language", .string(language.rawValue)),
                ("languages", .array(PageLanguage.allCases.map { .string($0.rawValue) })),
                ("texts", texts),
            ])
        )
    }

    /// The `GET /provider-sessions` body plus the login under way, if any.
    func sessions() async throws -> Response {
        guard case .object(var members) = try await ProviderSessionAPI.loadListing(self.services).json else {
            throw Problem.internalError
        }
        let now = UnixTime.milliseconds(from: self.services.now())
        var pending: JSONValue = .null
        if let state = try await self.services.store.pendingProviderAuthStates(now: now).first {
            pending = .object([
                ("account", state.account.map(JSONValue.string) ?? .null),
                ("startedAt", Self.time(state.createdAt)),
                ("expiresAt", Self.time(state.expiresAt)),
            ])
        }
        members.append(("pendingConnect", pending))
        return .json(.object(members))
    }

    func orders() async throws -> Response {
        let store = self.services.store
        var items: [JSONValue] = []
        for order in try await store.recentGatewayOrders(limit: Self.recentOrdersLimit) {
            let snapshot = order.snapshotJSON.flatMap { try? JSONParser.parse(Array($0.utf8)) }
            let payment = try await store.payments(orderID: order.orderID).first
            let activity = try await store.gatewayActivities(orderID: order.orderID).max { $0.updatedAt < $1.updatedAt }
            items.append(
                .object([
                    ("id", .string(order.orderID)),
                    ("externalId", order.externalID.map(JSONValue.string) ?? .null),
                    ("state", .string(order.state.rawValue)),
                    ("status", snapshot?["status"]?["name"] ?? .null),
                    ("isPaid", snapshot?["isPaid"] ?? .null),
                    ("totalAmount", snapshot?["totalAmount"] ?? .null),
                    ("currency", snapshot?["currency"] ?? .null),
                    ("createdAt", Self.time(order.createdAt)),
                    ("payment", payment.map(Self.payment) ?? .null),
                    (
                        "export",
                        activity.map { activity in
                            .object([
                                ("type", .string(activity.type)),
                                ("id", .string(activity.id)),
                                ("state", .string(activity.state.rawValue)),
                                ("updatedAt", Self.time(activity.updatedAt)),
                            ])
                        } ?? .null
                    ),
                ])
            )
        }
        return .json(.object([("orders", .array(items))]))
    }

    func payments() async throws -> Response {
        let payments = try await self.unresolvedPayments().prefix(Self.unresolvedPaymentsLimit)
        return .json(.object([("payments", .array(payments.map(Self.payment)))]))
    }

    /// The activities waiting for an operator, each with the actions OT offers for it now.
    /// An activity OT cannot describe is listed without actions and with the reason.
    func activities() async throws -> Response {
        let waiting = try await self.services.store.gatewayActivities(
            state: .awaitingAction,
            limit: Self.waitingActivitiesLimit
        )
        var items: [JSONValue] = []
        for activity in waiting {
            var actions: JSONValue = .array([])
            var problem: JSONValue = .null
            do {
                let current = try await Autopurchase.activity(
                    BackgroundActivityID(type: activity.type, id: activity.id),
                    services: self.services,
                    logger: self.services.logger
                )
                actions = current["actions"] ?? .array([])
            } catch let error as Problem {
                problem = .string(error.detail ?? error.title)
            }
            items.append(
                .object([
                    ("type", .string(activity.type)),
                    ("id", .string(activity.id)),
                    ("orderId", activity.orderID.map(JSONValue.string) ?? .null),
                    ("state", .string(activity.state.rawValue)),
                    ("updatedAt", Self.time(activity.updatedAt)),
                    ("actions", actions),
                    ("problem", problem),
                ])
            )
        }
        return .json(.object([("activities", .array(items))]))
    }

    /// Answers an activity with the action the operator chose and returns the re-read activity.
    func answerActivity(_ request: Request) async throws -> Response {
        let type = request.pathParameters["type"] ?? ""
        let id = request.pathParameters["id"] ?? ""
        let actionID = request.pathParameters["actionId"] ?? ""
        let activity = try await Autopurchase.answer(
            BackgroundActivityID(type: type, id: id),
            actionID: actionID,
            services: self.services,
            logger: self.services.logger.with(["http.request_id": .string(request.id)])
        )
        return .json(activity)
    }

    static func payment(_ payment: PaymentRecord) -> JSONValue {
        .object([
            ("id", .string(payment.paymentID)),
            ("orderId", .string(payment.orderID)),
            ("state", .string(payment.state.rawValue)),
            ("amount", OrderRepresentation.money(payment.amount)),
            ("depositedAmount", OrderRepresentation.money(payment.depositedAmount)),
            ("reservedAmount", OrderRepresentation.money(payment.reservedAmount)),
            ("currency", .string(payment.currency)),
            ("lastError", payment.lastError.map(JSONValue.string) ?? .null),
            ("createdAt", Self.time(payment.createdAt)),
            ("updatedAt", Self.time(payment.updatedAt)),
        ])
    }

    static func time(_ milliseconds: Int64) -> JSONValue {
        .string(RFC3339.format(UnixTime.date(fromMilliseconds: milliseconds), fractionalSeconds: false))
    }
}
