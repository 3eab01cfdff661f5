import Foundation
import HTTPServer
import OTSimulator
import Observability
import Synchronization

@testable import Gateway

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.current = Mutex(start)
    }

    func now() -> Date { self.current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        self.current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// The gateway's provider-session and console routes on a loopback port that is also the
/// configured `OTGW_PUBLIC_URL`, so the simulator's login redirect lands back on them. The poll
/// window is short, so a login that finds nothing does not keep the test waiting.
final class ProviderTestGateway: Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let publicDirectory = repositoryRoot.appendingPathComponent("public").path
    static let fastTiming = ProviderConnectTiming(
        stateLifetime: ProviderConnectTiming.standard.stateLifetime,
        sessionPollWindow: .milliseconds(600),
        sessionPollInterval: .milliseconds(100),
        unchangedSessionSettle: .milliseconds(200),
        outcomeWaitWindow: .seconds(5),
        stateRetention: ProviderConnectTiming.standard.stateRetention
    )

    let harness: GatewayHarness
    let server: HTTPServer
    let address: String

    var simulator: Simulator { self.harness.simulator }
    var services: GatewayServices { self.harness.services }

    /// Starts the harness and the routes under test on a port picked in advance, because the
    /// public URL must name it before the routes exist. Another server of a parallel suite can
    /// take that port in between, so a failed bind starts over on a new port a few times.
    static func start(
        environment: [String: String] = [:],
        clock: ManualClock? = nil,
        timing: ProviderConnectTiming = ProviderTestGateway.fastTiming
    ) async throws -> ProviderTestGateway {
        var attempt = 1
        while true {
            do {
                return try await self.startOnce(environment: environment, clock: clock, timing: timing)
            } catch let error as IOError where error.errno == EADDRINUSE && attempt < 5 {
                attempt += 1
            }
        }
    }

    private static func startOnce(
        environment: [String: String],
        clock: ManualClock?,
        timing: ProviderConnectTiming
    ) async throws -> ProviderTestGateway {
        let port = try LoopbackPort.unused()
        var overrides = ["OTGW_PUBLIC_URL": "http://127.0.0.1:\(port)"]
        overrides.merge(environment) { _, new in new }
        let harness: GatewayHarness
        if let clock {
            harness = try await GatewayHarness.start(environment: overrides, now: { clock.now() })
        } else {
            harness = try await GatewayHarness.start(environment: overrides)
        }
        var router = Router()
        ProviderSessionRoutes.register(
            into: &router,
            context: RouteContext(services: harness.services),
            timing: timing,
            publicDirectory: self.publicDirectory
        )
        let server = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: port),
            router: router,
            logger: .disabled(),
            metrics: MetricsRegistry()
        )
        do {
            try server.start()
        } catch {
            await harness.stop()
            throw error
        }
        return ProviderTestGateway(harness: harness, server: server, address: "127.0.0.1:\(port)")
    }

    private init(harness: GatewayHarness, server: HTTPServer, address: String) {
        self.harness = harness
        self.server = server
        self.address = address
    }

    func stop() async {
        await self.server.shutdown(gracePeriod: .seconds(1))
        await self.harness.stop()
    }

    static var basicAuthorization: String {
        "Basic " + Data("operator:\(GatewayHarness.consolePassword)".utf8).base64EncodedString()
    }

    /// Sends a request to the routes under test; `operator` adds the console sign-in.
    func send(
        _ method: String,
        _ path: String,
        body: String? = nil,
        headers: [String: String] = [:],
        operator signedIn: Bool = false
    ) async throws -> TestHTTPReply {
        var allHeaders = headers
        if signedIn {
            allHeaders["Authorization"] = Self.basicAuthorization
        }
        if body != nil, allHeaders["Content-Type"] == nil {
            allHeaders["Content-Type"] = "application/json"
        }
        return try await TestHTTPClient.send(
            address: self.address,
            method: method,
            path: path,
            headers: allHeaders,
            body: Array((body ?? "").utf8)
        )
    }

    /// Starts a login in the browser whose cookie is `browserCookie` (a fresh browser when nil).
    func connect(account: String? = nil, browserCookie: String? = nil) async throws -> ConnectStart {
        var path = "/taobao/connect"
        if let account {
            path += "?account=" + HTMLText.queryValue(account)
        }
        var headers: [String: String] = [:]
        if let browserCookie {
            headers["Cookie"] = browserCookie
        }
        let reply = try await self.send("GET", path, headers: headers, operator: true)
        let setCookie = reply.headers["set-cookie"] ?? ""
        let cookie = setCookie.split(separator: ";").first.map(String.init) ?? browserCookie ?? ""
        return ConnectStart(reply: reply, cookie: cookie, redirectURL: reply.headers["location"])
    }

    struct ConnectStart {
        var reply: TestHTTPReply
        /// `otgw_browser=…`, as the browser would send it back.
        var cookie: String
        var redirectURL: String?
    }

    /// Plays the operator on the simulator's fake Taobao page: opens OT's `RedirectUrl`, then
    /// submits the form with `decision` (`allow` or `deny`). Returns the `Location` the page
    /// sends the browser to.
    func finishFakeLogin(_ redirectURL: String, decision: String, account: String) async throws -> String {
        let (simulatorAddress, loginPath) = try Self.split(redirectURL)
        let page = try await TestHTTPClient.send(
            address: simulatorAddress,
            method: "GET",
            path: loginPath,
            headers: [:],
            body: []
        )
        guard page.status == 200, let ticket = Self.hiddenValue("ticket", in: page.text) else {
            throw FakeLoginError(message: "login page \(page.status): \(page.text)")
        }
        let form =
            "ticket=\(HTMLText.queryValue(ticket))&account=\(HTMLText.queryValue(account))&decision=\(decision)"
        let submitted = try await TestHTTPClient.send(
            address: simulatorAddress,
            method: "POST",
            path: "/fake-taobao/login",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array(form.utf8)
        )
        guard submitted.status == 303, let location = submitted.headers["location"] else {
            throw FakeLoginError(message: "login form \(submitted.status): \(submitted.text)")
        }
        return location
    }

    /// Follows a return URL to the routes under test, as the browser with `cookie`.
    func followReturn(_ location: String, cookie: String?) async throws -> TestHTTPReply {
        let (address, path) = try Self.split(location)
        guard address == self.address else {
            throw FakeLoginError(message: "the return URL \(location) does not point at the gateway \(self.address)")
        }
        return try await self.send("GET", path, headers: cookie.map { ["Cookie": $0] } ?? [:])
    }

    /// Connects `account` through the whole flow and returns the return page.
    func connectAndAllow(account: String, refreshing: String? = nil) async throws -> TestHTTPReply {
        let start = try await self.connect(account: refreshing)
        guard let redirect = start.redirectURL else {
            throw FakeLoginError(message: "connect answered \(start.reply.status): \(start.reply.text)")
        }
        let location = try await self.finishFakeLogin(redirect, decision: "allow", account: account)
        return try await self.followReturn(location, cookie: start.cookie)
    }

    struct FakeLoginError: Error, CustomStringConvertible {
        var message: String
        var description: String { self.message }
    }

    /// Splits `http://host:port/path?query` into the address and the origin-form target.
    static func split(_ url: String) throws -> (address: String, target: String) {
        guard url.hasPrefix("http://") else { throw FakeLoginError(message: "not an http URL: \(url)") }
        let rest = url.dropFirst("http://".count)
        guard let slash = rest.firstIndex(of: "/") else { return (String(rest), "/") }
        return (String(rest[..<slash]), String(rest[slash...]))
    }

    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let nameRange = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[nameRange.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

/// Finds a loopback TCP port with nothing listening, for a server that must know its own
/// address before it starts.
enum LoopbackPort {
    static func unused() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw POSIXError(.EIO) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
