import Foundation
import HTTPServer
import Store

/// Checks a `POST /orders` body and builds the `OrderRequest`, collecting every invalid field
/// (with paths like `lines[1].quantity`) instead of stopping at the first.
public enum OrderRequestValidator {
    static let topLevelFields: Set<String> = [
        "externalId", "comment", "lines", "onPartial", "deliveryModeId", "userProfileId",
    ]
    static let lineFields: Set<String> = ["itemId", "configurationId", "quantity", "weight", "comment", "promotionId"]

    /// Returns the request, or throws a 400 `invalid_request` that lists every invalid field.
    public static func validate(_ members: [(key: String, value: JSONValue)]) throws(Problem) -> OrderRequest {
        var errors: [Problem.FieldError] = []
        let request = self.parse(members, errors: &errors)
        guard let request, errors.isEmpty else {
            let count = errors.count
            throw Problem.badRequest(
                "The order has \(count) invalid field\(count == 1 ? "" : "s"); see errors.",
                fieldErrors: errors
            )
        }
        return request
    }

    static func parse(_ members: [(key: String, value: JSONValue)], errors: inout [Problem.FieldError]) -> OrderRequest?
    {
        var fields = FieldReader(path: "", errors: errors)
        defer { errors = fields.errors }
        fields.rejectUnknown(members, known: self.topLevelFields)
        let body = JSONValue.object(members)

        let externalID = fields.string(body, "externalId") { text in
            guard OrderLimits.externalIDLength.contains(text.utf8.count), text.utf8.allSatisfy(Self.isVisibleASCII)
            else {
                return "must be 1 to \(OrderLimits.externalIDLength.upperBound) visible ASCII characters"
            }
            return nil
        }
        let comment = fields.string(body, "comment", check: Self.checkComment)
        let onPartialText = fields.string(body, "onPartial") { text in
            PartialOrderPolicy(rawValue: text) == nil ? "must be \"cancel\" or \"accept\"" : nil
        }
        let deliveryModeID = fields.string(body, "deliveryModeId", check: Self.checkOptionalID)
        let userProfileID = fields.string(body, "userProfileId", check: Self.checkOptionalID)

        var lines: [OrderRequestLine] = []
        var linesValid = true
        switch body["lines"] {
        case nil:
            fields.fail("lines", "is required")
            linesValid = false
        case .array(let elements)?:
            if !OrderLimits.lineCount.contains(elements.count) {
                fields.fail(
                    "lines",
                    "must have \(OrderLimits.lineCount.lowerBound) to \(OrderLimits.lineCount.upperBound) lines"
                )
                linesValid = false
            }
            for (index, element) in elements.prefix(OrderLimits.lineCount.upperBound).enumerated() {
                if let line = self.parseLine(element, path: "lines[\(index)]", fields: &fields) {
                    lines.append(line)
                } else {
                    linesValid = false
                }
            }
        case let other?:
            fields.fail("lines", "must be an array, not \(other.typeName)")
            linesValid = false
        }

        guard linesValid, fields.errors.isEmpty else { return nil }
        return OrderRequest(
            externalID: externalID,
            comment: comment,
            lines: lines,
            onPartial: onPartialText.flatMap(PartialOrderPolicy.init(rawValue:)) ?? .cancel,
            deliveryModeID: deliveryModeID,
            userProfileID: userProfileID
        )
    }

    static func parseLine(_ value: JSONValue, path: String, fields: inout FieldReader) -> OrderRequestLine? {
        guard case .object(let members) = value else {
            fields.fail(path, "must be an object, not \(value.typeName)")
            return nil
        }
        let before = fields.errors.count
        var line = fields.nested(path)
        defer { fields.errors = line.errors }
        line.rejectUnknown(members, known: self.lineFields)

        let itemID = line.string(value, "itemId", required: true, check: Self.checkItemID)
        let configurationID = line.string(value, "configurationId", check: Self.checkConfigurationID) ?? "0"
        let quantity = line.integer(value, "quantity", range: OrderLimits.quantity)
        let weight = line.string(value, "weight") { text in
            guard let decimal = DecimalText.decimal(from: text), decimal >= 0 else {
                return "must be a non-negative decimal string such as \"0.5\""
            }
            return nil
        }
        let comment = line.string(value, "comment", check: Self.checkComment)
        let promotionID = line.string(value, "promotionId", nullable: true, check: Self.checkOptionalID)

        guard line.errors.count == before, let itemID, let quantity else { return nil }
        return OrderRequestLine(
            itemID: itemID,
            configurationID: configurationID,
            quantity: quantity,
            weight: weight.flatMap(DecimalText.decimal(from:)),
            comment: comment,
            promotionID: promotionID
        )
    }

    // MARK: Field rules

    static func isVisibleASCII(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte)
    }

    /// Returns whether a scalar may appear in text sent to OT: not a control character (tab
    /// and newline allowed where `allowLineBreaks`), and not a noncharacter XML forbids.
    static func isAllowedText(_ scalar: Unicode.Scalar, allowLineBreaks: Bool) -> Bool {
        if scalar == "\n" || scalar == "\t" {
            return allowLineBreaks
        }
        if scalar.properties.generalCategory == .control {
            return false
        }
        return scalar.value != 0xFFFE && scalar.value != 0xFFFF
    }

    static func checkComment(_ text: String) -> String? {
        if text.unicodeScalars.count > OrderLimits.maxCommentLength {
            return "must be at most \(OrderLimits.maxCommentLength) characters"
        }
        if !text.unicodeScalars.allSatisfy({ Self.isAllowedText($0, allowLineBreaks: true) }) {
            return "must not contain control characters other than newline and tab"
        }
        return nil
    }

    static func checkItemID(_ text: String) -> String? {
        let valid =
            OrderLimits.itemIDLength.contains(text.unicodeScalars.count)
            && text.unicodeScalars.allSatisfy { Self.isAllowedText($0, allowLineBreaks: false) }
            && !text.allSatisfy(\.isWhitespace)
        return valid ? nil : "must be 1 to \(OrderLimits.itemIDLength.upperBound) printable characters"
    }

    static func checkConfigurationID(_ text: String) -> String? {
        let allowed = { (byte: UInt8) in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard OrderLimits.configurationIDLength.contains(text.utf8.count), text.utf8.allSatisfy(allowed) else {
            return "must be 1 to \(OrderLimits.configurationIDLength.upperBound) of A-Z, a-z, 0-9, ':', '_' and '-' "
                + "(\"0\" for an item without options)"
        }
        return nil
    }

    static func checkOptionalID(_ text: String) -> String? {
        let valid =
            (1...OrderLimits.maxOptionalIDLength).contains(text.unicodeScalars.count)
            && text.unicodeScalars.allSatisfy { Self.isAllowedText($0, allowLineBreaks: false) }
        return valid ? nil : "must be 1 to \(OrderLimits.maxOptionalIDLength) printable characters"
    }
}

/// Reads typed members of one JSON object and records field errors under a path prefix.
struct FieldReader {
    let path: String
    var errors: [Problem.FieldError]

    init(path: String, errors: [Problem.FieldError]) {
        self.path = path
        self.errors = errors
    }

    func nested(_ path: String) -> FieldReader {
        FieldReader(path: path, errors: self.errors)
    }

    func fieldPath(_ name: String) -> String {
        self.path.isEmpty ? name : "\(self.path).\(name)"
    }

    mutating func fail(_ name: String, _ message: String) {
        self.errors.append(Problem.FieldError(field: self.fieldPath(name), message: message))
    }

    mutating func rejectUnknown(_ members: [(key: String, value: JSONValue)], known: Set<String>) {
        for member in members where !known.contains(member.key) {
            self.fail(member.key, "is not a known field")
        }
    }

    /// Returns the string member `name`, nil when absent (or null where `nullable`) or invalid.
    mutating func string(
        _ object: JSONValue,
        _ name: String,
        required: Bool = false,
        nullable: Bool = false,
        check: (String) -> String? = { _ in nil }
    ) -> String? {
        switch object[name] {
        case nil:
            if required { self.fail(name, "is required") }
            return nil
        case .null? where nullable:
            return nil
        case .string(let text)?:
            if let problem = check(text) {
                self.fail(name, problem)
                return nil
            }
            return text
        case let other?:
            self.fail(name, "must be a string\(nullable ? " or null" : ""), not \(other.typeName)")
            return nil
        }
    }

    /// Returns the required integer member `name` when it is a plain integer literal in `range`.
    mutating func integer(_ object: JSONValue, _ name: String, range: ClosedRange<Int>) -> Int? {
        let message = "must be an integer between \(range.lowerBound) and \(range.upperBound)"
        switch object[name] {
        case nil:
            self.fail(name, "is required")
            return nil
        case .number(let literal)?:
            let isPlainInteger = !literal.isEmpty && literal.utf8.allSatisfy { (0x30...0x39).contains($0) }
            guard isPlainInteger, literal.utf8.count <= 9, let value = Int(literal), range.contains(value) else {
                self.fail(name, message)
                return nil
            }
            return value
        case let other?:
            self.fail(name, "\(message), not \(other.typeName)")
            return nil
        }
    }
}
