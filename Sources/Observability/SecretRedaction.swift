/// Masks metadata values whose key names a secret, as a last line of defence: callers should
/// never pass secrets to a logger, but a key such as `otapi.password` is masked if one does.
public enum SecretRedaction {
    public static let mask = "***"

    static let secretKeyFragments = [
        "password", "secret", "token", "authorization", "signature", "instancekey", "instance_key", "cookie",
    ]

    /// Whether a metadata key names a secret (case-insensitive substring match).
    public static func isSecretKey(_ key: String) -> Bool {
        let lowered = Array(key.lowercased().utf8)
        return self.secretKeyFragmentBytes.contains { self.bytes(lowered, contain: $0) }
    }

    private static let secretKeyFragmentBytes = secretKeyFragments.map { Array($0.utf8) }

    // A plain byte search: the sink calls this for every metadata key of every record, and
    // `String.contains` resolves to Foundation's `range(of:)` here, which cost about 9 % of the
    // CPU time of a `/healthz` request.
    private static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) {
                return true
            }
        }
        return false
    }

    public static func redact(_ metadata: LogMetadata) -> LogMetadata {
        var result = metadata
        for key in metadata.keys where self.isSecretKey(key) {
            result[key] = .string(self.mask)
        }
        return result
    }
}
