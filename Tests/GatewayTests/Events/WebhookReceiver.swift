import Foundation
import Gateway
import HTTPServer
import Observability
import Synchronization

/// A loopback webhook receiver: records every push and answers 500 to the first
/// `failFirst` of them.
final class WebhookReceiver: Sendable {
    struct Push: Sendable {
        var eventID: String?
        var timestamp: String?
        var signature: String?
        var contentType: String?
        var body: [UInt8]
        var status: Int
    }

    static let secret = "webhook-test-secret"
    let server: HTTPServer
    /// The receiver's record, shared with its route handler.
    final class Record: Sendable {
        let state: Mutex<(failuresLeft: Int, pushes: [Push])>

        init(failFirst: Int) {
            self.state = Mutex((failuresLeft: failFirst, pushes: []))
        }
    }

    private let record: Record

    init(failFirst: Int = 0) throws {
        let record = Record(failFirst: failFirst)
        var router = Router()
        router.post("/hook") { request in
            let status = record.state.withLock { state -> Int in
                let status = state.failuresLeft > 0 ? 500 : 204
                state.failuresLeft = max(0, state.failuresLeft - 1)
                state.pushes.append(
                    Push(
                        eventID: request.headers["X-OTGW-Event-Id"],
                        timestamp: request.headers["X-OTGW-Timestamp"],
                        signature: request.headers["X-OTGW-Signature"],
                        contentType: request.headers["Content-Type"],
                        body: request.body,
                        status: status
                    )
                )
                return status
            }
            return Response(status: HTTPStatus(code: status))
        }
        self.record = record
        self.server = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
            router: router,
            logger: .disabled(),
            metrics: MetricsRegistry()
        )
        try self.server.start()
    }

    var url: String { "http://\(self.server.localAddress!)/hook" }

    var environment: [String: String] {
        ["OTGW_WEBHOOK_URL": self.url, "OTGW_WEBHOOK_SECRET": Self.secret]
    }

    var pushes: [Push] { self.record.state.withLock { $0.pushes } }

    /// Event ids of the pushes answered 2xx, in arrival order.
    var acceptedEventIDs: [String] { self.pushes.filter { $0.status < 300 }.compactMap(\.eventID) }

    func setFailures(_ count: Int) {
        self.record.state.withLock { $0.failuresLeft = count }
    }

    func stop() async {
        await self.server.shutdown(gracePeriod: .seconds(1))
    }
}

/// HMAC-SHA-256 (RFC 2104) written out over the gateway's SHA-256, so the test checks the
/// signature without the code under test.
enum ReferenceHMAC {
    static func sha256Hex(key: [UInt8], message: [UInt8]) -> String {
        let blockSize = 64
        var block = key.count > blockSize ? SHA256Digest.bytes(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256Digest.bytes(block.map { $0 ^ 0x36 } + message)
        return SHA256Digest.hex(SHA256Digest.bytes(block.map { $0 ^ 0x5C } + inner))
    }
}
