import Foundation
import OTSimulator
import Synchronization
import Testing

/// A wall clock that tests move forward, for settle times and other waits.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    func now() -> Date {
        Date().addingTimeInterval(self.offset.withLock { $0 })
    }

    func advance(by seconds: TimeInterval) {
        self.offset.withLock { $0 += seconds }
    }
}

/// Orders and account facts straight from the simulator, without the gateway's order routes.
enum PaymentFixture {
    static let itemID = "600000000001"

    /// Places an order of `quantity` × `itemID` as the configured customer; returns its id.
    static func placeOrder(_ simulator: Simulator, itemID: String = PaymentFixture.itemID, quantity: Int = 1) throws
        -> String
    {
        let key = SimulatorConfiguration.Defaults.instanceKey
        let login = simulator.call(
            "Authenticate",
            [
                ("instanceKey", key), ("userLogin", SimulatorConfiguration.Defaults.customerLogin),
                ("userPassword", SimulatorConfiguration.Defaults.customerPassword), ("rememberMe", "false"),
            ]
        )
        let session = try #require(self.element("SessionId", in: login))
        let xml = "<OrderAddData><DeliveryModeId>\(SimulatorConfiguration.Defaults.freeDeliveryModeId)</DeliveryModeId>"
            + "<UserProfileId>\(SimulatorConfiguration.Defaults.userProfileId)</UserProfileId><Items><Item>"
            + "<Id>\(itemID)</Id><ConfigurationId>0</ConfigurationId><Quantity>\(quantity)</Quantity></Item></Items>"
            + "</OrderAddData>"
        let added = simulator.call("AddOrder", [("instanceKey", key), ("sessionId", session), ("xmlAddData", xml)])
        return try #require(self.element("Id", in: added), "AddOrder answered \(added)")
    }

    static func total(_ simulator: Simulator, _ orderID: String) throws -> Decimal {
        try #require(simulator.state.order(orderID)).totalAmount
    }

    /// Deposits OT carried out, whatever the call log shows.
    static func deposits(_ simulator: Simulator) -> [AccountTransaction] {
        simulator.state.transactions.filter { $0.kind == .deposit }
    }

    static func okCalls(_ simulator: Simulator, _ method: String) -> Int {
        simulator.calls.filter { $0.method == method && $0.resultCode == "Ok" }.count
    }

    static func money(_ value: Decimal) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 2, .plain)
        let text = rounded.description
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return text + String(repeating: "0", count: 2 - decimals)
    }

    /// The text of the first `<name>` element, or nil.
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}

/// Sends requests on threads of their own: the harness client runs on Dispatch's global queue,
/// which adds threads slowly when many requests block at once.
enum ThreadedHTTP {
    /// Sends `POST path` with the harness token and returns the status code (0 when the
    /// exchange failed).
    static func postStatus(_ harness: GatewayHarness, _ path: String) async -> Int {
        let request = "POST \(path) HTTP/1.1\r\nHost: \(harness.gatewayAddress)\r\nConnection: close\r\n"
            + "Authorization: Bearer \(GatewayHarness.token)\r\nContent-Length: 0\r\n\r\n"
        let address = harness.gatewayAddress
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let bytes = (try? LoopbackHTTP.exchangeBytes(address: address, request: Array(request.utf8))) ?? []
                let statusLine = String(decoding: bytes.prefix(32), as: UTF8.self).split(separator: " ")
                continuation.resume(returning: statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0)
            }
            thread.start()
        }
    }
}
