/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It rejects what a lenient parser would guess at: invalid UTF-8, a byte-order mark, control
/// characters inside strings, lone surrogate escapes, leading zeros, trailing commas, duplicate
/// object keys, and nesting deeper than `maxDepth`.
public struct JSONParser {
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Byte offset where parsing failed.
        public var offset: Int
        public var reason: String

        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }

        public var description: String { "invalid JSON at byte \(self.offset): \(self.reason)" }
    }

    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one JSON document; whitespace may surround it, nothing else may follow.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw SyntaxError(offset: 0, reason: "the body is not valid UTF-8")
        }
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw parser.error("unexpected data after the JSON value")
        }
        return value
    }

    private func error(_ reason: String) -> SyntaxError {
        SyntaxError(offset: self.index, reason: reason)
    }

    private var current: UInt8? {
        self.index < self.bytes.count ? self.bytes[self.index] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = self.current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            self.index += 1
        }
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONValue {
        guard let byte = self.current else { throw self.error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try self.parseObject()
        case UInt8(ascii: "["): return try self.parseArray()
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): try self.expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try self.expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try self.expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try self.parseNumber())
        default: throw self.error("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(SyntaxError) {
        for expected in literal.utf8 {
            guard self.current == expected else { throw self.error("invalid literal") }
            self.index += 1
        }
    }

    private mutating func enterContainer() throws(SyntaxError) {
        self.depth += 1
        guard self.depth <= Self.maxDepth else { throw self.error("nesting deeper than \(Self.maxDepth)") }
        self.index += 1
        self.skipWhitespace()
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        try self.enterContainer()
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        if self.current == UInt8(ascii: "}") {
            self.index += 1
            self.depth -= 1
            return .object(members)
        }
        while true {
            guard self.current == UInt8(ascii: "\"") else { throw self.error("expected a member name") }
            let keyOffset = self.index
            let key = try self.parseString()
            guard keys.insert(key).inserted else {
                throw SyntaxError(offset: keyOffset, reason: "duplicate member \"\(key)\"")
            }
            self.skipWhitespace()
            guard self.current == UInt8(ascii: ":") else { throw self.error("expected ':'") }
            self.index += 1
            self.skipWhitespace()
            members.append((key: key, value: try self.parseValue()))
            self.skipWhitespace()
            if self.current == UInt8(ascii: ",") {
                self.index += 1
                self.skipWhitespace()
                continue
            }
            guard self.current == UInt8(ascii: "}") else { throw self.error("expected ',' or '}'") }
            self.index += 1
            self.depth -= 1
            return .object(members)
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        try self.enterContainer()
        var elements: [JSONValue] = []
        if self.current == UInt8(ascii: "]") {
            self.index += 1
            self.depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try self.parseValue())
            self.skipWhitespace()
            if self.current == UInt8(ascii: ",") {
                self.index += 1
                self.skipWhitespace()
                continue
            }
            guard self.current == UInt8(ascii: "]") else { throw self.error("expected ',' or ']'") }
            self.index += 1
            self.depth -= 1
            return .array(elements)
        }
    }

    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = self.index
        if self.current == UInt8(ascii: "-") { self.index += 1 }
        guard let first = self.current, Self.isDigit(first) else { throw self.error("expected a digit") }
        self.index += 1
        if first == UInt8(ascii: "0"), let next = self.current, Self.isDigit(next) {
            throw self.error("leading zeros are not allowed")
        }
        self.skipDigits()
        if self.current == UInt8(ascii: ".") {
            self.index += 1
            guard let next = self.current, Self.isDigit(next) else { throw self.error("expected a digit after '.'") }
            self.skipDigits()
        }
        if self.current == UInt8(ascii: "e") || self.current == UInt8(ascii: "E") {
            self.index += 1
            if self.current == UInt8(ascii: "+") || self.current == UInt8(ascii: "-") { self.index += 1 }
            guard let next = self.current, Self.isDigit(next) else { throw self.error("expected an exponent") }
            self.skipDigits()
        }
        return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let byte = self.current, Self.isDigit(byte) { self.index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        self.index += 1
        var output: [UInt8] = []
        while true {
            guard let byte = self.current else { throw self.error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                self.index += 1
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                self.index += 1
                try self.parseEscape(into: &output)
            case 0x00..<0x20:
                throw self.error("control character in a string")
            default:
                output.append(byte)
                self.index += 1
            }
        }
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws(SyntaxError) {
        guard let byte = self.current else { throw self.error("unterminated escape") }
        self.index += 1
        switch byte {
        case UInt8(ascii: "\""): output.append(0x22)
        case UInt8(ascii: "\\"): output.append(0x5C)
        case UInt8(ascii: "/"): output.append(0x2F)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            let scalar = try self.parseUnicodeEscape()
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw self.error("invalid escape")
        }
    }

    private mutating func parseUnicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
        let first = try self.parseHex4()
        if (0xD800...0xDBFF).contains(first) {
            guard self.current == UInt8(ascii: "\\"), self.index + 1 < self.bytes.count,
                self.bytes[self.index + 1] == UInt8(ascii: "u")
            else { throw self.error("a high surrogate must be followed by a low surrogate") }
            self.index += 2
            let second = try self.parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw self.error("invalid low surrogate") }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(value)!
        }
        guard let scalar = Unicode.Scalar(first) else { throw self.error("lone low surrogate") }
        return scalar
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = self.current else { throw self.error("unterminated escape") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw self.error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            self.index += 1
        }
        return value
    }
}
