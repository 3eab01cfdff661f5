import Foundation
import OTSimulator

@testable import Gateway

/// Builders and readers shared by the order and idempotency tests.
enum OrderFixtures {
    /// Builds a JSON order line; `extra` is inserted verbatim as further members.
    static func line(_ itemID: String, quantity: Int = 1, configurationID: String = "0", extra: String = "") -> String {
        var json = #"{"itemId":\#(jsonString(itemID)),"configurationId":"\#(configurationID)","quantity":\#(quantity)"#
        if !extra.isEmpty {
            json += "," + extra
        }
        return json + "}"
    }

    /// Builds a JSON order body with `lines` and optional top-level members.
    static func body(_ lines: [String], externalID: String? = nil, members: String = "") -> String {
        var json = "{"
        if let externalID {
            json += #""externalId":\#(jsonString(externalID)),"#
        }
        if !members.isEmpty {
            json += members + ","
        }
        return json + #""lines":[\#(lines.joined(separator: ","))]}"#
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: JSONWriter.encode(.string(text)), as: UTF8.self)
    }
}

extension TestHTTPReply {
    /// Returns a string member of the JSON body.
    func string(_ key: String) -> String? {
        self.json?[key] as? String
    }

    /// Returns an array member of the JSON body, as objects.
    func objects(_ key: String) -> [[String: Any]] {
        (self.json?[key] as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    var code: String? { self.string("code") }
}

extension GatewayHarness {
    /// Returns the simulator's copy of an order.
    func simulatorOrder(_ id: String) -> Order? {
        self.simulator.state.orders.first { $0.id == id }
    }
}
