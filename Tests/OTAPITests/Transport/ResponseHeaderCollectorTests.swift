import Testing

@testable import OTAPI

@Suite struct ResponseHeaderCollectorTests {
    private func feed(_ lines: [String], into collector: inout ResponseHeaderCollector) -> Bool {
        for line in lines {
            let accepted = Array(line.utf8).withUnsafeBufferPointer { collector.consume($0) }
            if !accepted {
                return false
            }
        }
        return true
    }

    @Test func keepsFieldsOfFinalResponseOnly() {
        var collector = ResponseHeaderCollector(maxByteCount: 4096)
        let lines = [
            "HTTP/1.1 100 Continue\r\n", "X-Interim: yes\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "Content-Type: text/xml\r\n", "X-Final:   spaced  \r\n", "\r\n",
        ]
        #expect(self.feed(lines, into: &collector))
        #expect(collector.fields.count == 2)
        #expect(collector.fields.first?.name == "Content-Type")
        #expect(collector.fields.first?.value == "text/xml")
        #expect(collector.fields.last?.value == "spaced")
        #expect(!collector.fields.contains { $0.name == "X-Interim" })
    }

    @Test func foldedLineExtendsPreviousValue() {
        var collector = ResponseHeaderCollector(maxByteCount: 4096)
        #expect(self.feed(["HTTP/1.1 200 OK\r\n", "X-Long: first\r\n", "\t second\r\n"], into: &collector))
        #expect(collector.fields.count == 1)
        #expect(collector.fields.first?.value == "first second")
    }

    @Test func rejectsHeadersOverLimit() {
        var collector = ResponseHeaderCollector(maxByteCount: 40)
        let accepted = self.feed(
            ["HTTP/1.1 200 OK\r\n", "X-Big: \(String(repeating: "a", count: 40))\r\n"],
            into: &collector
        )
        #expect(!accepted)
    }
}
