/// Masks metadata values whose key names a secret, as a last line of defence: callers should
/// never pass secrets to a logger, but a key such as `otapi.password` is masked if one does.
public enum SecretRedaction {
    public static let mask = "***"

    static let secretKeyFragments = [
        "password", "secret", "token", "authorization", "signature", "instancekey", "instance_key", "cookie",
    ]

    /// Whether a metadata key names a secret (case-insensitive substring match).
    public static func isSecretKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return self.secretKeyFragments.contains { lowered.contains($0) }
    }

    public static func redact(_ metadata: LogMetadata) -> LogMetadata {
        var result = metadata
        for key in metadata.keys where self.isSecretKey(key) {
            result[key] = .string(self.mask)
        }
        return result
    }
}
