import Foundation
import Observability
import Testing

@Suite struct LoggerTests {
    @Test func levelFiltersRecords() {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", logLevel: .warning, sink: sink)
        logger.info("dropped")
        logger.warning("kept")
        logger.error("kept too")
        #expect(sink.records.map(\.message) == ["kept", "kept too"])
    }

    @Test func filteredMessageIsNotBuilt() {
        let logger = Logger(label: "test", logLevel: .error, sink: InMemoryLogSink())
        var built = false
        func message() -> String {
            built = true
            return "expensive"
        }
        logger.debug(message())
        #expect(!built)
    }

    @Test func metadataMergesWithCallOverriding() {
        let sink = InMemoryLogSink()
        var logger = Logger(label: "test", logLevel: .trace, sink: sink)
        logger[metadataKey: "http.request_id"] = "r1"
        logger.with(["order.id": "ORD-1"]).info("hello", metadata: ["order.id": "ORD-2", "count": 3])
        let record = try! #require(sink.records.first)
        #expect(record.metadata["http.request_id"] == "r1")
        #expect(record.metadata["order.id"] == "ORD-2")
        #expect(record.metadata["count"] == .integer(3))
    }

    @Test func levelNamesParse() {
        #expect(LogLevel(name: "TRACE") == .trace)
        #expect(LogLevel(name: "critical") == .critical)
        #expect(LogLevel(name: "verbose") == nil)
    }

    @Test func jsonLineIsValidJSONWithMaskedSecrets() throws {
        let record = LogRecord(
            timestamp: Date(timeIntervalSince1970: 1_780_000_000.25),
            level: .warning,
            label: "otgw",
            message: "quote \" backslash \\ newline \n control \u{01} кириллица",
            metadata: ["otapi.password": "hunter2", "api.token": "abc", "count": 2, "ok": true],
            source: "File.swift:1"
        )
        let bytes = JSONLineLogSink.render(record)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["msg"] as? String == record.message)
        #expect(object["level"] as? String == "warning")
        #expect(object["otapi.password"] as? String == "***")
        #expect(object["api.token"] as? String == "***")
        #expect(object["count"] as? Int == 2)
        #expect(object["ok"] as? Bool == true)
        #expect(object["ts"] as? String == "2026-05-28T20:26:40.250Z")
        #expect(!String(decoding: bytes, as: UTF8.self).contains("hunter2"))
    }

    @Test func secretKeysAreRecognised() {
        #expect(SecretRedaction.isSecretKey("OTGW_API_SECRET"))
        #expect(SecretRedaction.isSecretKey("http.authorization"))
        #expect(!SecretRedaction.isSecretKey("order.id"))
    }
}
