import Foundation
import OTSimulator
import Synchronization
import Testing

/// A wall clock that tests move forward, for settle times and other waits.
final class PaymentTestClock: Sendable {
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
        let xml =
            "<OrderAddData><DeliveryModeId>\(SimulatorConfiguration.Defaults.freeDeliveryModeId)</DeliveryModeId>"
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

    /// Returns the text of the first `<name>` element, or nil.
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}

/// Sends requests on threads of their own. The harness client runs on Dispatch's global
/// queue, which adds threads slowly when many requests block at once, and then starves other
/// suites' Dispatch work (such as reading a child process's output).
enum ThreadedHTTP {
    /// Sends one request to the gateway with the test bearer token unless `authorization` is
    /// given; the reply has status 0 when the exchange failed.
    static func send(
        _ harness: GatewayHarness,
        _ method: String,
        _ path: String,
        body: String? = nil,
        headers: [String: String] = [:],
        authorization: String? = "Bearer \(GatewayHarness.token)"
    ) async -> TestHTTPReply {
        await self.send(
            address: harness.gatewayAddress,
            method,
            path,
            body: body,
            headers: headers,
            authorization: authorization
        )
    }

    static func send(
        address: String,
        _ method: String,
        _ path: String,
        body: String? = nil,
        headers: [String: String] = [:],
        authorization: String? = "Bearer \(GatewayHarness.token)"
    ) async -> TestHTTPReply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(address)\r\nConnection: close\r\n"
        var allHeaders = headers
        if let authorization {
            allHeaders["Authorization"] = authorization
        }
        if body != nil {
            allHeaders["Content-Type"] = "application/json"
        }
        for (name, value) in allHeaders {
            head += "\(name): \(value)\r\n"
        }
        let bodyBytes = Array((body ?? "").utf8)
        if !bodyBytes.isEmpty || method == "POST" {
            head += "Content-Length: \(bodyBytes.count)\r\n"
        }
        let request = Array((head + "\r\n").utf8) + bodyBytes
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let bytes = (try? LoopbackHTTP.exchangeBytes(address: address, request: request)) ?? []
                continuation.resume(returning: self.parse(bytes))
            }
            thread.start()
        }
    }

    static func postStatus(_ harness: GatewayHarness, _ path: String) async -> Int {
        await self.send(harness, "POST", path).status
    }

    private static func parse(_ bytes: [UInt8]) -> TestHTTPReply {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator })
        else { return TestHTTPReply(status: 0, headers: [:], body: bytes) }
        let lines = String(decoding: bytes[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        let status = statusParts.count >= 2 ? Int(statusParts[1]) ?? 0 : 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces
            )
        }
        return TestHTTPReply(status: status, headers: headers, body: Array(bytes[(headEnd + 4)...]))
    }
}
