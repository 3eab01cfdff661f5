/// An incremental HTTP/1.1 request parser.
///
/// Feed bytes with ``append(_:)`` as they arrive and call ``next()`` until it returns
/// `.needMoreData`. Each request yields `.head` and then `.body` (possibly empty); between the
/// two the caller may lower the body limit with ``setBodyLimit(_:)`` once it has routed the
/// head. The parser keeps its position, so bytes already examined are never scanned again,
/// however the input is split. After `.failure` it returns the same failure forever: bytes
/// after a framing error are never read as a request.
struct RequestParser {
    enum Event: Equatable {
        case needMoreData
        case head(RequestHead)
        case body([UInt8])
        case failure(RequestParseError)
    }

    private struct PartialHead {
        var method: HTTPMethod
        var target: String
        var version: HTTPVersion
        var headers = HTTPHeaders()
        var headerBytes = 0
    }

    private enum State {
        case requestLine
        case headerLines(PartialHead)
        case bodyStart(BodyFraming)
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerLines(count: Int, bytes: Int)
        case failed(RequestParseError)
    }

    private enum Line {
        case complete(ArraySlice<UInt8>)
        case incomplete
        case invalid(RequestParseError)
    }

    /// Consumed bytes are dropped from the front of the buffer once at least this many pile up.
    private static let compactionThreshold = 4096

    let limits: ParserLimits
    private(set) var bodyLimit: Int
    private var buffer: [UInt8] = []
    /// The first byte not yet consumed.
    private var readIndex = 0
    /// Where the search for the next LF resumes; bytes before it hold no LF of the current line.
    private var scanIndex = 0
    private var state: State = .requestLine
    private var body: [UInt8] = []
    private var chunkFramingBytes = 0

    init(limits: ParserLimits) {
        self.limits = limits
        self.bodyLimit = limits.maxBodyBytes
    }

    /// Whether bytes are buffered that no event has consumed yet.
    var hasBufferedBytes: Bool { self.readIndex < self.buffer.count }

    /// Whether the parser sits between requests with nothing buffered: the connection is idle.
    var isIdle: Bool {
        if case .requestLine = self.state { return !self.hasBufferedBytes }
        return false
    }

    mutating func append(_ bytes: some Collection<UInt8>) {
        if self.readIndex >= Self.compactionThreshold || (self.readIndex > 0 && self.readIndex == self.buffer.count) {
            self.buffer.removeFirst(self.readIndex)
            self.scanIndex -= self.readIndex
            self.readIndex = 0
        }
        self.buffer.append(contentsOf: bytes)
    }

    /// Lowers the body limit of the request whose head was just returned (never raises it).
    mutating func setBodyLimit(_ limit: Int) {
        self.bodyLimit = min(self.bodyLimit, limit)
    }

    mutating func next() -> Event {
        while true {
            if let event = self.step() {
                if case .failure(let error) = event {
                    self.state = .failed(error)
                }
                return event
            }
        }
    }

    /// Advances by one state; nil means "continue with the new state".
    private mutating func step() -> Event? {
        switch self.state {
        case .failed(let error):
            return .failure(error)
        case .requestLine:
            return self.parseRequestLine()
        case .headerLines(let partial):
            return self.parseHeaderLine(partial)
        case .bodyStart(let framing):
            return self.startBody(framing)
        case .fixedBody(let remaining):
            return self.readFixedBody(remaining: remaining)
        case .chunkSize:
            return self.parseChunkSize()
        case .chunkData(let remaining):
            return self.readChunkData(remaining: remaining)
        case .chunkDataEnd:
            return self.parseChunkDataEnd()
        case .trailerLines(let count, let bytes):
            return self.parseTrailerLine(count: count, bytes: bytes)
        }
    }

    // MARK: Lines

    /// Returns the next CRLF-terminated line without its CRLF, consuming it.
    ///
    /// `limit` is the longest allowed content; a longer line fails with `tooLong` as soon as the
    /// buffered bytes prove it, without waiting for its end.
    private mutating func readLine(limit: Int, tooLong: RequestParseError) -> Line {
        guard let lineFeed = self.buffer[self.scanIndex...].firstIndex(of: ByteClasses.lineFeed) else {
            self.scanIndex = self.buffer.count
            return self.buffer.count - self.readIndex > limit + 1 ? .invalid(tooLong) : .incomplete
        }
        guard lineFeed > self.readIndex, self.buffer[lineFeed - 1] == ByteClasses.carriageReturn else {
            return .invalid(.bareLineFeed)
        }
        let content = self.buffer[self.readIndex..<(lineFeed - 1)]
        guard content.count <= limit else { return .invalid(tooLong) }
        guard !content.contains(ByteClasses.carriageReturn) else { return .invalid(.bareCarriageReturn) }
        self.readIndex = lineFeed + 1
        self.scanIndex = self.readIndex
        return .complete(content)
    }

    // MARK: Head

    private mutating func parseRequestLine() -> Event? {
        let line: ArraySlice<UInt8>
        switch self.readLine(
            limit: self.limits.maxRequestLineBytes,
            tooLong: .requestLineTooLong(limit: self.limits.maxRequestLineBytes)
        ) {
        case .incomplete: return .needMoreData
        case .invalid(let error): return .failure(error)
        case .complete(let content): line = content
        }
        // RFC 9112 section 2.2: a server should ignore empty lines received before a request line.
        if line.isEmpty { return nil }

        let parts = line.split(separator: ByteClasses.space, omittingEmptySubsequences: false)
        guard parts.count == 3, ByteClasses.isToken(parts[0]) else { return .failure(.invalidRequestLine) }
        let method = HTTPMethod(token: String(decoding: parts[0], as: UTF8.self))

        let version: HTTPVersion
        switch Self.parseVersion(parts[2]) {
        case .success(let parsed): version = parsed
        case .failure(let error): return .failure(error)
        }

        let target = parts[1]
        guard !target.isEmpty, target.allSatisfy(ByteClasses.isTargetCharacter) else {
            return .failure(.invalidRequestTarget)
        }
        let isAsterisk = target.elementsEqual("*".utf8)
        guard target.first == UInt8(ascii: "/") || (isAsterisk && method == .options) else {
            return .failure(.invalidRequestTarget)
        }
        let partial = PartialHead(method: method, target: String(decoding: target, as: UTF8.self), version: version)
        self.state = .headerLines(partial)
        return nil
    }

    private static func parseVersion(_ bytes: ArraySlice<UInt8>) -> Result<HTTPVersion, RequestParseError> {
        let text = Array(bytes)
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), text[6] == UInt8(ascii: "."),
            let major = Self.digit(text[5]), let minor = Self.digit(text[7])
        else {
            return .failure(.invalidRequestLine)
        }
        guard major == 1, minor <= 1 else { return .failure(.unsupportedVersion) }
        return .success(HTTPVersion(major: major, minor: minor))
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private mutating func parseHeaderLine(_ partial: PartialHead) -> Event? {
        var partial = partial
        let remainingTotal = self.limits.maxHeaderBytes - partial.headerBytes - 2
        let fieldLimitApplies = self.limits.maxHeaderFieldBytes <= remainingTotal
        let tooLong: RequestParseError =
            fieldLimitApplies
            ? .headerFieldTooLarge(limit: self.limits.maxHeaderFieldBytes)
            : .headersTooLarge(limit: self.limits.maxHeaderBytes)

        let line: ArraySlice<UInt8>
        switch self.readLine(limit: max(0, min(self.limits.maxHeaderFieldBytes, remainingTotal)), tooLong: tooLong) {
        case .incomplete: return .needMoreData
        case .invalid(let error): return .failure(error)
        case .complete(let content): line = content
        }
        if line.isEmpty {
            return self.finishHead(partial)
        }
        guard partial.headers.count < self.limits.maxHeaderCount else {
            return .failure(.tooManyHeaders(limit: self.limits.maxHeaderCount))
        }
        switch Self.parseField(line) {
        case .success(let field): partial.headers.add(field.name, field.value)
        case .failure(let error): return .failure(error)
        }
        partial.headerBytes += line.count + 2
        self.state = .headerLines(partial)
        return nil
    }

    /// Splits `name: value`, validating the name as a token and the value's characters, and
    /// trims the value's surrounding whitespace.
    private static func parseField(
        _ line: ArraySlice<UInt8>
    ) -> Result<(name: String, value: String), RequestParseError> {
        guard let first = line.first, !ByteClasses.isWhitespace(first) else {
            return .failure(.obsoleteLineFolding)
        }
        guard let colon = line.firstIndex(of: ByteClasses.colon) else { return .failure(.invalidHeaderName) }
        let name = line[line.startIndex..<colon]
        if let last = name.last, ByteClasses.isWhitespace(last) {
            return .failure(.whitespaceBeforeColon)
        }
        guard ByteClasses.isToken(name) else { return .failure(.invalidHeaderName) }
        let value = ByteClasses.trimmingWhitespace(line[(colon + 1)...])
        guard value.allSatisfy(ByteClasses.isFieldValueCharacter) else { return .failure(.invalidHeaderValue) }
        return .success((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
    }

    private mutating func finishHead(_ partial: PartialHead) -> Event {
        let headers = partial.headers
        let hosts = headers.values("Host")
        guard hosts.count <= 1 else { return .failure(.duplicateHost) }
        guard partial.version == .http1_0 || hosts.count == 1 else { return .failure(.missingHost) }

        let framing: BodyFraming
        switch RequestFraming.framing(version: partial.version, headers: headers) {
        case .success(let parsed): framing = parsed
        case .failure(let error): return .failure(error)
        }

        var expectsContinue = false
        // RFC 9110 section 10.1.1: a server ignores a 100-continue expectation from HTTP/1.0.
        if partial.version == .http1_1 {
            for expectation in headers.values("Expect") {
                guard expectation.lowercased() == "100-continue" else { return .failure(.unsupportedExpectation) }
                expectsContinue = true
            }
        }

        let keepAlive =
            partial.version == .http1_1
            ? !headers.containsToken("close", in: "Connection")
            : headers.containsToken("keep-alive", in: "Connection") && !headers.containsToken("close", in: "Connection")
        let head = RequestHead(
            method: partial.method,
            target: partial.target,
            version: partial.version,
            headers: headers,
            framing: framing,
            keepAlive: keepAlive,
            expectsContinue: expectsContinue
        )
        self.state = .bodyStart(framing)
        return .head(head)
    }

    // MARK: Body

    private mutating func startBody(_ framing: BodyFraming) -> Event? {
        switch framing {
        case .none:
            return self.finishBody()
        case .contentLength(let length):
            guard length <= self.bodyLimit else { return .failure(.bodyTooLarge(limit: self.bodyLimit)) }
            guard length > 0 else { return self.finishBody() }
            self.body.reserveCapacity(length)
            self.state = .fixedBody(remaining: length)
        case .chunked:
            self.chunkFramingBytes = 0
            self.state = .chunkSize
        }
        return nil
    }

    private mutating func readFixedBody(remaining: Int) -> Event? {
        let taken = self.takeBodyBytes(upTo: remaining)
        guard taken > 0 else { return .needMoreData }
        if remaining == taken {
            return self.finishBody()
        }
        self.state = .fixedBody(remaining: remaining - taken)
        return nil
    }

    private mutating func takeBodyBytes(upTo count: Int) -> Int {
        let taken = min(count, self.buffer.count - self.readIndex)
        self.body.append(contentsOf: self.buffer[self.readIndex..<(self.readIndex + taken)])
        self.readIndex += taken
        self.scanIndex = self.readIndex
        return taken
    }

    private mutating func parseChunkSize() -> Event? {
        let line: ArraySlice<UInt8>
        switch self.readLine(limit: ParserLimits.maxChunkLineBytes, tooLong: .invalidChunkExtension) {
        case .incomplete: return .needMoreData
        case .invalid(let error): return .failure(error)
        case .complete(let content): line = content
        }
        if let error = self.countChunkFraming(line.count + 2) { return .failure(error) }

        let digits = line.prefix { ByteClasses.hexValue($0) != nil }
        guard !digits.isEmpty else { return .failure(.invalidChunkSize) }
        var size = 0
        for digit in digits {
            let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
            guard !overflow, shifted <= Int.max - 15 else { return .failure(.bodyTooLarge(limit: self.bodyLimit)) }
            size = shifted + ByteClasses.hexValue(digit)!
        }
        let extensions = line[digits.endIndex...]
        if !extensions.isEmpty {
            // chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ); the server ignores them.
            let afterSpace = extensions.drop { ByteClasses.isWhitespace($0) }
            guard afterSpace.first == UInt8(ascii: ";") else { return .failure(.invalidChunkSize) }
            guard afterSpace.allSatisfy(ByteClasses.isFieldValueCharacter) else {
                return .failure(.invalidChunkExtension)
            }
        }
        guard size <= self.bodyLimit - self.body.count else { return .failure(.bodyTooLarge(limit: self.bodyLimit)) }
        self.state = size == 0 ? .trailerLines(count: 0, bytes: 0) : .chunkData(remaining: size)
        return nil
    }

    private mutating func countChunkFraming(_ bytes: Int) -> RequestParseError? {
        self.chunkFramingBytes += bytes
        if self.chunkFramingBytes > ParserLimits.maxChunkFramingOverheadBytes + self.body.count {
            return .invalidChunkExtension
        }
        return nil
    }

    private mutating func readChunkData(remaining: Int) -> Event? {
        let taken = self.takeBodyBytes(upTo: remaining)
        guard taken > 0 else { return .needMoreData }
        self.state = remaining == taken ? .chunkDataEnd : .chunkData(remaining: remaining - taken)
        return nil
    }

    private mutating func parseChunkDataEnd() -> Event? {
        let available = self.buffer.count - self.readIndex
        guard available > 0 else { return .needMoreData }
        guard self.buffer[self.readIndex] == ByteClasses.carriageReturn else {
            return .failure(.missingChunkTerminator)
        }
        guard available > 1 else { return .needMoreData }
        guard self.buffer[self.readIndex + 1] == ByteClasses.lineFeed else { return .failure(.missingChunkTerminator) }
        self.readIndex += 2
        self.scanIndex = self.readIndex
        if let error = self.countChunkFraming(2) { return .failure(error) }
        self.state = .chunkSize
        return nil
    }

    /// Reads trailer fields, which count against the same limits as header fields and are
    /// then dropped: no handler of this server reads trailers.
    private mutating func parseTrailerLine(count: Int, bytes: Int) -> Event? {
        let remainingTotal = self.limits.maxHeaderBytes - bytes - 2
        let limit = max(0, min(self.limits.maxHeaderFieldBytes, remainingTotal))
        let line: ArraySlice<UInt8>
        switch self.readLine(limit: limit, tooLong: .headersTooLarge(limit: self.limits.maxHeaderBytes)) {
        case .incomplete: return .needMoreData
        case .invalid(let error): return .failure(error)
        case .complete(let content): line = content
        }
        if line.isEmpty {
            return self.finishBody()
        }
        guard count < self.limits.maxHeaderCount else {
            return .failure(.tooManyHeaders(limit: self.limits.maxHeaderCount))
        }
        if case .failure(let error) = Self.parseField(line) { return .failure(error) }
        self.state = .trailerLines(count: count + 1, bytes: bytes + line.count + 2)
        return nil
    }

    private mutating func finishBody() -> Event {
        let complete = self.body
        self.body = []
        self.bodyLimit = self.limits.maxBodyBytes
        self.state = .requestLine
        return .body(complete)
    }
}
