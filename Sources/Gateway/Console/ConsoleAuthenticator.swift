import Foundation
import HTTPServer

/// HTTP Basic authentication of the operator (user `operator`, `OTGW_CONSOLE_PASSWORD`) for the
/// console and the Taobao connect page.
struct ConsoleAuthenticator: Sendable {
    static let user = "operator"
    static let realm = "OTGateway console"

    enum Check: Sendable, Equatable {
        case allowed
        /// No console password is configured.
        case disabled
        case unauthorized
    }

    private let userDigest: [UInt8]
    private let passwordDigest: [UInt8]?

    init(password: String?) {
        self.userDigest = SHA256Digest.bytes(Array(Self.user.utf8))
        self.passwordDigest = password.map { SHA256Digest.bytes(Array($0.utf8)) }
    }

    var isEnabled: Bool { self.passwordDigest != nil }

    /// The `WWW-Authenticate` value of a 401.
    static let challenge = "Basic realm=\"\(realm)\", charset=\"UTF-8\""

    /// Checks `Authorization: Basic …`. The user name and password are compared as SHA-256
    /// digests in constant time, both always, so the timing shows neither which one failed
    /// nor how long the password is.
    func check(_ request: Request) -> Check {
        guard let passwordDigest = self.passwordDigest else { return .disabled }
        guard let header = request.headers["Authorization"], header.utf8.count > 6,
            header.prefix(6).lowercased() == "basic ",
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        else { return .unauthorized }
        let user = Array(decoded[decoded.startIndex..<colon])
        let password = Array(decoded[decoded.index(after: colon)...])
        let userMatches = ConstantTime.equal(SHA256Digest.bytes(user), self.userDigest)
        let passwordMatches = ConstantTime.equal(SHA256Digest.bytes(password), passwordDigest)
        return userMatches && passwordMatches ? .allowed : .unauthorized
    }
}
