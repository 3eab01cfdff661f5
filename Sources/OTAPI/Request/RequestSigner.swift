import CCrypto

/// OT's request signature: lowercase hex SHA-256 of the method name, then the raw values of
/// every sent parameter (except `signature`) in byte-wise order of their names, empty values
/// included, then the secret. Values are hashed as UTF-8 before any URL encoding.
public enum RequestSigner {
    /// Sorts parameters by name, comparing the UTF-8 bytes (as PHP `ksort` does for ASCII).
    public static func sortedByName(_ parameters: [OTParameter]) -> [OTParameter] {
        parameters.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// Returns the exact text that is hashed, exposed for tests and for debugging a rejected signature.
    public static func stringToSign(method: String, parameters: [OTParameter], secret: String) -> String {
        var text = method
        for parameter in self.sortedByName(parameters) where parameter.name != OTParameterName.signature {
            text += parameter.value
        }
        return text + secret
    }

    public static func signature(method: String, parameters: [OTParameter], secret: String) -> String {
        self.sha256Hex(self.stringToSign(method: method, parameters: parameters, secret: secret))
    }

    public static func sha256Hex(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        let succeeded = bytes.withUnsafeBytes { buffer in
            digest.withUnsafeMutableBufferPointer { out in
                gw_sha256(buffer.baseAddress, buffer.count, out.baseAddress)
            }
        }
        // OpenSSL's one-shot SHA256 fails only when it cannot allocate its context.
        precondition(succeeded == 1, "SHA-256 failed in libcrypto")
        let hexDigits = Array("0123456789abcdef".unicodeScalars)
        var output = ""
        output.reserveCapacity(64)
        for byte in digest {
            output.unicodeScalars.append(hexDigits[Int(byte >> 4)])
            output.unicodeScalars.append(hexDigits[Int(byte & 0x0F)])
        }
        return output
    }
}
