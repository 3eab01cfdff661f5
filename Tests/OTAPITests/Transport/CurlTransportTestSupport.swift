import Foundation
import OTAPI

/// Builds a POST request with test-sized timeouts.
func makeRequest(
    _ url: String,
    body: [UInt8] = Array("a=1".utf8),
    headers: [(name: String, value: String)] = [],
    timeout: Duration = .seconds(10),
    connectTimeout: Duration = .seconds(5)
) -> TransportRequest {
    TransportRequest(url: url, headers: headers, body: body, timeout: timeout, connectTimeout: connectTimeout)
}

/// Sends `request` and returns the `TransportError` it threw, or nil when it succeeded or
/// threw something else.
func transportError(_ transport: CurlTransport, _ request: TransportRequest) async -> TransportError? {
    do {
        _ = try await transport.send(request)
        return nil
    } catch let error as TransportError {
        return error
    } catch {
        return nil
    }
}

/// Returns the number of threads of this process, from the `Threads:` line of /proc/self/status.
func currentThreadCount() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("Threads:") {
        return Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? -1
    }
    return -1
}

/// Waits until `condition` holds, checking every 10 ms, for at most `limit`. Returns whether
/// it held; used to wait for the fixture server to see a request, never to assert a timing.
func waitUntil(limit: Duration = .seconds(10), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if condition() {
            return true
        }
        try await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
