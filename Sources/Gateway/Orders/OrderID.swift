/// OT order ids: `ORD-` and 10 zero-padded digits. A bare number names the same order.
public enum OrderID {
    /// Normalises `ORD-0000000123` or `123` to `ORD-0000000123`; nil for anything else.
    public static func normalize(_ text: String) -> String? {
        let digits: Substring
        if text.hasPrefix("ORD-") {
            digits = text.dropFirst(4)
            guard digits.count == 10 else { return nil }
        } else {
            digits = Substring(text)
            guard (1...10).contains(digits.count) else { return nil }
        }
        guard digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let number = Int(digits), number > 0
        else { return nil }
        let text = String(number)
        return "ORD-" + String(repeating: "0", count: 10 - text.count) + text
    }
}
