import Foundation
import Testing

@testable import OTSimulator

@Suite struct StateFileTests {
    @Test func stateSurvivesRestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otsim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")

        let harness = try Harness { $0.stateFile = file }
        let orderId = try await harness.paidOrder([("1", "0", 2)])
        let saved = harness.simulator.state
        #expect(FileManager.default.fileExists(atPath: file.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)

        let restarted = try Harness { $0.stateFile = file }
        #expect(restarted.simulator.state == saved)
        let operatorSession = try await restarted.operatorSession()
        let details = try await restarted.call(
            "GetSalesOrderDetailsForOperator",
            [("sessionId", operatorSession), ("salesId", orderId)]
        )
        #expect(details.text("Result/SalesOrderInfo/IsPaid") == "true")
        let customer = try await restarted.customerSession()
        let next = try await restarted.addOrder([("2", "0", 1)], session: customer)
        #expect(next.text("Result/Id") == "ORD-0000000002")
    }

    @Test func corruptStateFileFailsStart() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("otsim-\(UUID().uuidString).json")
        try Data("not json".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: (any Error).self) {
            _ = try Harness { $0.stateFile = file }
        }
    }
}

@Suite struct DefaultsTests {
    @Test func defaultsArePinned() {
        typealias D = SimulatorConfiguration.Defaults
        #expect(D.instanceKey == "sim-instance-key")
        #expect(D.freeDeliveryModeId == "FREE-EXT-1")
        #expect(D.currencyCode == "CNY")
        #expect(D.providerSessionLifetime == .seconds(86_400))
        #expect(D.signatureTimestampTolerance == 3600)
        #expect(D.maxItemIdLength == 128)
        #expect(D.baseURL == "http://127.0.0.1:9090")
        #expect(D.providerSessionExpiredError.code == "NotAvailable")
        #expect(OrderStatus.cancelled == 90)
        #expect(LineStatus.orderedAtProvider == 4)
        #expect(DeliveryMode.defaults.first { $0.id == D.freeDeliveryModeId }?.price == 0)
    }

    @Test func moneyFormatsTwoDecimals() {
        #expect(Money.format(118) == "118.00")
        #expect(Money.format(Decimal(string: "0.5")!) == "0.50")
        #expect(Money.format(Decimal(string: "100.105")!) == "100.11")
        #expect(Money.format(Decimal(string: "-3.2")!) == "-3.20")
        #expect(Money.parsePositive("118.50") == Decimal(string: "118.5"))
        for bad in ["0", "1.005", "1e2", "-1", "1,50", "", ".5", "5."] {
            #expect(Money.parsePositive(bad) == nil, "\(bad)")
        }
    }

    @Test func xmlEscapingKeepsDocumentsWellFormed() {
        var output = ""
        XMLNode(
            "A",
            attributes: [.init(name: "n", value: "\"<&>'")],
            children: [XMLNode("B", text: "x & y < z \u{1} ]]>")]
        )
        .render(into: &output)
        #expect(output == "<A n=\"&quot;&lt;&amp;&gt;&apos;\"><B>x &amp; y &lt; z \u{FFFD} ]]&gt;</B></A>")
        #expect(XMLDocument.parse(output)?.text("B") == "x & y < z \u{FFFD} ]]>")
    }

    @Test func timestampsParse() {
        let date = Timestamps.parseCompact("20210212114345")
        #expect(date.map(Timestamps.formatCompact) == "20210212114345")
        #expect(Timestamps.parseCompact("2021021211434") == nil)
        #expect(Timestamps.parseCompact("20211312114345") == nil)
        #expect(Timestamps.parseLoose("2026-12-04") != nil)
        #expect(Timestamps.parseLoose("2026-12-04T10:00:00Z") != nil)
        #expect(Timestamps.parseLoose("04.12.2026") == nil)
    }
}
