/// The hash that tells a retry of a request from a different request reusing its key.
///
/// It covers the parsed body in a canonical form: object members sorted by key (byte order),
/// no whitespace, numbers as the client wrote them. So a retry that only reorders members or
/// changes whitespace has the same hash, and any changed value gives another hash.
public enum RequestFingerprint {
    /// Returns the SHA-256 hex digest of the canonical form of `members`, a body's top-level
    /// object, as `JSONRequestBody.object` returns it.
    public static func hash(_ members: [(key: String, value: JSONValue)]) -> String {
        self.hash(.object(members))
    }

    public static func hash(_ value: JSONValue) -> String {
        SHA256Digest.hex(SHA256Digest.bytes(JSONWriter.encode(self.canonical(value))))
    }

    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map(self.canonical))
        case .object(let members):
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            return .object(sorted.map { (key: $0.key, value: self.canonical($0.value)) })
        default:
            return value
        }
    }
}
