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
}
