import Foundation
import Observability
import Synchronization

@testable import OTAPI

/// A request as the fake transport received it, with its form or SOAP parameters decoded.
struct RecordedRequest: Sendable {
    var request: TransportRequest

    var url: String { self.request.url }
    var bodyText: String { String(decoding: self.request.body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        self.request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The OT method: the last path segment (form binding) or the SOAPAction's tail.
    var method: String {
        if let action = self.header("SOAPAction") {
            let trimmed = action.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return String(trimmed.split(separator: "/").last ?? "")
        }
        return String(self.url.split(separator: "/").last ?? "")
    }

    /// Parameters in wire order, decoded from the form body or the SOAP body.
    var parameterList: [OTParameter] {
        if self.header("SOAPAction") != nil {
            guard let root = try? OTXMLReader.parse(self.request.body),
                let call = root.child("Body")?.children.first
            else { return [] }
            return call.children.map { OTParameter($0.name, $0.text) }
        }
        guard !self.bodyText.isEmpty else { return [] }
        return self.bodyText.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? ""
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : ""
            return OTParameter(name, value)
        }
    }

    var parameters: [String: String] {
        Dictionary(self.parameterList.map { ($0.name, $0.value) }) { first, _ in first }
    }
}

/// What the fake transport does with one request.
enum ScriptedReply: Sendable {
    case fixture(String)
    case body(String, status: Int = 200, headers: [(name: String, value: String)] = [])
    case bytes([UInt8], status: Int = 200)
    case failure(TransportError)
}

/// An `OTTransport` that records every request and answers from a script. The script sees
/// the request and how many requests for the same method came before it.
final class ScriptedTransport: OTTransport {
    typealias Script = @Sendable (RecordedRequest, _ methodIndex: Int) -> ScriptedReply

    typealias DelayScript = @Sendable (RecordedRequest, _ methodIndex: Int) -> Duration?

    private let script: Script
    private let delay: DelayScript
    private let recorded = Mutex<[RecordedRequest]>([])

    /// - Parameter delay: how long each answer takes; a fixed `Duration` or per request.
    init(delay: Duration? = nil, script: @escaping Script) {
        self.delay = { _, _ in delay }
        self.script = script
    }

    init(delayFor delay: @escaping DelayScript, script: @escaping Script) {
        self.delay = delay
        self.script = script
    }

    /// Answers each method from `<Method>.xml` (or `Void.xml` when there is none) and logs
    /// in with the session fixtures.
    static func fixtures(delay: Duration? = nil) -> ScriptedTransport {
        ScriptedTransport(delay: delay) { request, _ in .fixture(Fixtures.defaultName(for: request.method)) }
    }

    var requests: [RecordedRequest] {
        self.recorded.withLock { $0 }
    }

    func requests(for method: String) -> [RecordedRequest] {
        self.requests.filter { $0.method == method }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let recordedRequest = RecordedRequest(request: request)
        let index = self.recorded.withLock { list in
            let index = list.filter { $0.method == recordedRequest.method }.count
            list.append(recordedRequest)
            return index
        }
        if let delay = self.delay(recordedRequest, index) {
            try await Task.sleep(for: delay)
        }
        switch self.script(recordedRequest, index) {
        case .fixture(let name):
            return TransportResponse(
                status: 200,
                headers: [("Content-Type", "text/xml; charset=utf-8")],
                body: try Fixtures.bytes(name)
            )
        case .body(let text, let status, let headers):
            return TransportResponse(status: status, headers: headers, body: Array(text.utf8))
        case .bytes(let bytes, let status):
            return TransportResponse(status: status, headers: [], body: bytes)
        case .failure(let error):
            throw error
        }
    }
}

enum Fixtures {
    static let voidAnswer = "Void.xml"

    static func url(_ name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = self.url(name) else {
            throw TransportError(kind: .other, requestMayHaveBeenSent: false, message: "no fixture named \(name)")
        }
        return Array(try Data(contentsOf: url))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try self.bytes(name), as: UTF8.self)
    }

    static func defaultName(for method: String) -> String {
        self.url(method + ".xml") != nil ? method + ".xml" : self.voidAnswer
    }
}

/// Loopback-only settings for tests; the fake transport never opens a socket.
enum TestConfiguration {
    static let baseURL = "http://127.0.0.1:9/service"
    static let instanceKey = "test-instance-key"
    static let operatorPassword = "operator-password-secret"
    static let customerPassword = "customer-password-secret"
    static let fixedDate = Date(timeIntervalSince1970: 1_613_130_225)  // 2021-02-12 11:43:45 UTC

    static func make(
        binding: OTBinding = .xml,
        baseURL: String = TestConfiguration.baseURL,
        secret: String? = nil,
        retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .zero, maxDelay: .zero)
    ) -> OTAPIConfiguration {
        OTAPIConfiguration(
            baseURL: baseURL,
            binding: binding,
            instanceKey: self.instanceKey,
            secret: secret,
            language: "en",
            operatorLogin: "operator",
            operatorPassword: self.operatorPassword,
            customerLogin: "buyer",
            customerPassword: self.customerPassword,
            retryPolicy: retryPolicy
        )
    }

    static func client(
        _ transport: ScriptedTransport,
        configuration: OTAPIConfiguration = TestConfiguration.make(),
        logger: Logger? = nil,
        metrics: MetricsRegistry? = nil
    ) -> OTAPIClient {
        OTAPIClient(
            configuration: configuration,
            transport: transport,
            logger: logger ?? .disabled(label: "otapi-test"),
            metrics: metrics,
            now: { TestConfiguration.fixedDate },
            jitter: { 1 }
        )
    }
}
