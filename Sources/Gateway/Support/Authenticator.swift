import CCrypto
import HTTPServer

/// Who made an authenticated request, as far as the gateway needs to know.
public struct AuthenticatedCaller: Sendable, Equatable {
    /// SHA-256 of the bearer token in hex (`anonymous` under `--insecure-no-auth`); scopes
    /// idempotency records without storing the token itself.
    public var tokenHash: String
}

/// Checks `Authorization: Bearer <token>` against the configured tokens.
public struct BearerAuthenticator: Sendable {
    private let tokenDigests: [[UInt8]]
    private let insecureNoAuth: Bool

    public init(tokens: [String], insecureNoAuth: Bool) {
        self.tokenDigests = tokens.map { SHA256Digest.bytes(Array($0.utf8)) }
        self.insecureNoAuth = insecureNoAuth
    }

    /// Returns the caller, or throws the 401 problem with `WWW-Authenticate: Bearer`.
    ///
    /// Tokens are compared as SHA-256 digests in constant time, so neither the length nor the
    /// first differing byte of a configured token shows in the response time.
    public func authenticate(_ request: Request) throws(Problem) -> AuthenticatedCaller {
        guard let header = request.headers["Authorization"], header.utf8.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else {
            if self.insecureNoAuth {
                return AuthenticatedCaller(tokenHash: "anonymous")
            }
            throw Self.unauthorized("The request has no bearer token; send Authorization: Bearer <token>.")
        }
        let presented = SHA256Digest.bytes(Array(header.dropFirst(7).utf8))
        var matched = false
        for digest in self.tokenDigests where ConstantTime.equal(digest, presented) {
            matched = true
        }
        guard matched else {
            if self.insecureNoAuth {
                return AuthenticatedCaller(tokenHash: "anonymous")
            }
            throw Self.unauthorized("The bearer token is not one of OTGW_API_TOKENS.")
        }
        return AuthenticatedCaller(tokenHash: SHA256Digest.hex(presented))
    }

    static func unauthorized(_ detail: String) -> Problem {
        Problem(
            status: .unauthorized,
            code: "unauthorized",
            title: "Authentication required",
            detail: detail,
            headers: ["WWW-Authenticate": "Bearer realm=\"otgateway\""]
        )
    }
}

/// SHA-256 through libcrypto.
public enum SHA256Digest {
    public static func bytes(_ data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { buffer in
            _ = gw_sha256(buffer.baseAddress, buffer.count, &digest)
        }
        return digest
    }

    public static func hex(_ digest: [UInt8]) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(digest.count * 2)
        for byte in digest {
            output.append(alphabet[Int(byte >> 4)])
            output.append(alphabet[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Comparison whose duration does not depend on the contents.
public enum ConstantTime {
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                gw_constant_time_equal(left.baseAddress, right.baseAddress, a.count) != 0
            }
        }
    }
}
