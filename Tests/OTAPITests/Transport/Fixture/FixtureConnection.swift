import Foundation
import Glibc

/// One accepted connection of the fixture server; used only on the server thread.
final class FixtureConnection {
    enum Timer {
        case sendDelayed([UInt8])
        case dripNextByte
        case closeIdle
    }

    let fd: Int32
    let number: Int
    private(set) var isClosed = false
    private var input: [UInt8] = []
    private var output: [UInt8] = []
    private var drip: (bytes: [UInt8], index: Int, interval: Duration)?
    private(set) var timer: (deadline: ContinuousClock.Instant, kind: Timer)?
    /// True from a complete request until its response is written; later requests wait.
    private var isAnswering = false
    /// True while a response is queued, delayed or dripping; `.neverAnswer` never sets it.
    private var hasPendingAnswer = false

    init(fd: Int32, number: Int) {
        self.fd = fd
        self.number = number
    }

    var wantsWrite: Bool { !self.output.isEmpty }

    /// Reads what is available; returns the complete requests found.
    func readRequests() -> [FixtureRequest] {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                self.input.append(contentsOf: buffer[0..<count])
                continue
            }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                break
            }
            self.close(reset: false)  // peer closed or the read failed
            return []
        }
        return self.parseRequests()
    }

    private func parseRequests() -> [FixtureRequest] {
        var requests: [FixtureRequest] = []
        while !self.isAnswering, let request = self.parseOneRequest() {
            requests.append(request)
            self.isAnswering = true
        }
        return requests
    }

    private func parseOneRequest() -> FixtureRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = self.input.firstRange(of: separator)?.upperBound else { return nil }
        let head = String(decoding: self.input[0..<headEnd - 4], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[line.startIndex..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name: name, value: value))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        guard self.input.count >= headEnd + length else { return nil }
        let body = Array(self.input[headEnd..<headEnd + length])
        self.input.removeFirst(headEnd + length)
        return FixtureRequest(
            method: requestLine.count > 0 ? String(requestLine[0]) : "",
            path: requestLine.count > 1 ? String(requestLine[1]) : "",
            headers: headers,
            body: body,
            connectionNumber: self.number
        )
    }

    /// Starts the response to one request.
    func apply(_ behavior: FixtureBehavior, idleClose: Duration?) {
        if case .some((_, .closeIdle)) = self.timer {
            self.timer = nil
        }
        if case .neverAnswer = behavior {
            return
        }
        self.hasPendingAnswer = true
        switch behavior {
        case .respond(let response):
            self.output += response.bytes
        case .delay(let delay, let response):
            self.timer = (ContinuousClock.now + delay, .sendDelayed(response.bytes))
        case .drip(let interval, let response):
            self.drip = (response.bytes, 0, interval)
            self.timer = (ContinuousClock.now, .dripNextByte)
        case .continueThen(let response):
            self.output += FixtureResponse.continueBytes + response.bytes
        case .neverAnswer:
            break
        case .close(let reset):
            self.close(reset: reset)
            return
        }
        self.flush(idleClose: idleClose)
    }

    /// Runs the timer if it is due.
    func fireTimer(now: ContinuousClock.Instant, idleClose: Duration?) {
        guard let timer = self.timer, timer.deadline <= now else { return }
        self.timer = nil
        switch timer.kind {
        case .sendDelayed(let bytes):
            self.output += bytes
        case .dripNextByte:
            guard var drip = self.drip else { return }
            self.output.append(drip.bytes[drip.index])
            drip.index += 1
            if drip.index < drip.bytes.count {
                self.drip = drip
                self.timer = (now + drip.interval, .dripNextByte)
            } else {
                self.drip = nil
            }
        case .closeIdle:
            self.close(reset: false)
            return
        }
        self.flush(idleClose: idleClose)
    }

    /// Writes what is pending; when a response is complete, arms the idle close.
    func flush(idleClose: Duration?) {
        while !self.output.isEmpty {
            let count = self.output.withUnsafeBytes { send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                self.output.removeFirst(count)
                continue
            }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                return
            }
            self.close(reset: false)
            return
        }
        guard self.hasPendingAnswer, self.timer == nil, self.drip == nil else { return }
        self.hasPendingAnswer = false
        self.isAnswering = false
        if let idleClose {
            self.timer = (ContinuousClock.now + idleClose, .closeIdle)
        }
    }

    func close(reset: Bool) {
        guard !self.isClosed else { return }
        self.isClosed = true
        if reset {
            var option = linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(self.fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        }
        Glibc.close(self.fd)
    }
}
