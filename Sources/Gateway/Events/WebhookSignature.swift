import CCrypto

/// The `X-OTGW-Signature` of a webhook push: `sha256=` and the lowercase hex HMAC-SHA-256 of
/// `"<timestamp>.<body>"`, keyed with `OTGW_WEBHOOK_SECRET`.
public enum WebhookSignature {
    public static let prefix = "sha256="

    public static func header(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        self.prefix + SHA256Digest.hex(self.hmac(key: Array(secret.utf8), data: Array("\(timestamp).".utf8) + body))
    }

    static func hmac(key: [UInt8], data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        let succeeded = key.withUnsafeBytes { keyBuffer in
            data.withUnsafeBytes { dataBuffer in
                gw_hmac_sha256(keyBuffer.baseAddress, Int32(key.count), dataBuffer.baseAddress, data.count, &digest)
            }
        }
        // HMAC with SHA-256 only fails when libcrypto cannot allocate memory.
        precondition(succeeded != 0, "HMAC-SHA-256 failed in libcrypto")
        return digest
    }
}
