/// `application/x-www-form-urlencoded` bodies as OT receives them.
public enum FormEncoding {
    /// Percent-encodes UTF-8 bytes, keeping only RFC 3986 unreserved characters
    /// (`A-Z a-z 0-9 - . _ ~`). Space becomes `%20` (not `+`), and `+ & = %` are encoded,
    /// so the server cannot misread a value whatever its form decoder does with `+`.
    public static func percentEncode(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if self.isUnreserved(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%"
                output.unicodeScalars.append(self.hexDigit(byte >> 4))
                output.unicodeScalars.append(self.hexDigit(byte & 0x0F))
            }
        }
        return output
    }

    /// `name=value` pairs joined with `&`, in the given order.
    public static func body(_ parameters: [OTParameter]) -> String {
        parameters.map { self.percentEncode($0.name) + "=" + self.percentEncode($0.value) }.joined(separator: "&")
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
    }

    /// Decodes a form body into parameters in order, for servers such as the simulator. `+` is
    /// read as a space, as form decoders do. Returns nil for a malformed `%` escape or for
    /// bytes that are not UTF-8.
    public static func decode(_ body: String) -> [OTParameter]? {
        guard !body.isEmpty else { return [] }
        var parameters: [OTParameter] = []
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = self.percentDecode(parts[0]),
                let value = parts.count > 1 ? self.percentDecode(parts[1]) : ""
            else { return nil }
            parameters.append(OTParameter(name, value))
        }
        return parameters
    }

    static func percentDecode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(self.hexValue),
                    let low = iterator.next().flatMap(self.hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
