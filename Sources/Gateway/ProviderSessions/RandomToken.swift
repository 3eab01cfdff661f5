import CCrypto

/// Unguessable tokens for login states and browser cookies: random bytes from libcrypto,
/// written in the URL-safe base64 alphabet without padding.
enum RandomToken {
    /// 24 bytes are 192 random bits, 32 characters.
    static let byteCount = 24
    /// The maximum length of a token accepted back from a request. Longer input is not a token the gateway issued.
    static let maxAcceptedLength = 128

    struct GenerationFailed: Error {}

    static func make(byteCount: Int = RandomToken.byteCount) throws(GenerationFailed) -> String {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        guard gw_random_bytes(&bytes, Int32(byteCount)) == 1 else { throw GenerationFailed() }
        return self.base64URL(bytes)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = UInt32(0)
            for (offset, byte) in chunk.enumerated() {
                value |= UInt32(byte) << (16 - 8 * offset)
            }
            let characters = chunk.count + 1
            for position in 0..<characters {
                output.append(alphabet[Int((value >> (18 - 6 * position)) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// Whether `text` could be a token: 1 to `maxAcceptedLength` URL-safe characters.
    static func isWellFormed(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.count <= self.maxAcceptedLength && text.utf8.allSatisfy(self.isTokenCharacter)
    }

    /// The SHA-256 of a token in hex: what the store keeps instead of a cookie value.
    static func digestHex(_ token: String) -> String {
        SHA256Digest.hex(SHA256Digest.bytes(Array(token.utf8)))
    }

    /// A short, non-secret reference to a state for logs and for the "start over" link.
    static func reference(_ token: String) -> String {
        String(self.digestHex(token).prefix(16))
    }
}
