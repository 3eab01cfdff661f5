import Gateway
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func numbersKeepTheirLiteralText() throws {
        let value = try self.parse(#"{"amount": 118.50, "big": 1e309, "tiny": 0.29}"#)
        #expect(value["amount"] == .number("118.50"))
        #expect(value["big"] == .number("1e309"))
        #expect(value["tiny"] == .number("0.29"))
    }

    @Test func stringsDecodeEscapesAndSurrogatePairs() throws {
        let value = try self.parse(#"["a\"b\\c\/d\n", "\u0436\ud83d\ude00", "кириллица 漢字"]"#)
        #expect(value == .array([.string("a\"b\\c/d\n"), .string("ж😀"), .string("кириллица 漢字")]))
    }

    @Test(arguments: [
        "", "{", "{\"a\":1,}", "[1,]", "01", "-", "1.", "1e", "{\"a\" 1}", "tru", "nul",
        "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "{} {}", "[1] x", "\u{FEFF}{}",
        "{\"a\":1,\"a\":2}", "'a'", "NaN", "Infinity",
    ])
    func invalidDocumentsAreRejected(text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try self.parse(text) }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func deepNestingIsRejected() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParser.SyntaxError.self) { try self.parse(deep) }
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? self.parse(allowed)) != nil)
    }

    @Test func writerRoundTrips() throws {
        let text = #"{"s":"q\"\\\n\u0001","n":-12.50,"b":true,"z":null,"a":[1,{}]}"#
        let value = try self.parse(text)
        let encoded = JSONWriter.encode(value)
        #expect(try JSONParser.parse(encoded) == value)
        #expect(String(decoding: encoded, as: UTF8.self) == text)
    }

    @Test func errorReportsTheOffset() {
        #expect(throws: JSONParser.SyntaxError(offset: 6, reason: "unexpected character")) {
            try self.parse("[1, 2,]")
        }
    }
}
