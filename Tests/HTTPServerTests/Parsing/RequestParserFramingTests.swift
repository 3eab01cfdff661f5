import Testing

@testable import HTTPServer

/// One malformed or ambiguous request and the error (and thus status) it must produce.
struct RejectedRequestCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var error: RequestParseError
    var status: Int

    var testDescription: String { self.name }
}

let rejectedRequestCases: [RejectedRequestCase] = [
    .init(
        name: "CL with TE",
        input: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        error: .contentLengthWithTransferEncoding,
        status: 400
    ),
    .init(
        name: "duplicate equal CL",
        input: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
        error: .duplicateContentLength,
        status: 400
    ),
    .init(
        name: "conflicting CL",
        input: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        error: .duplicateContentLength,
        status: 400
    ),
    .init(name: "CL -1", input: cl("-1"), error: .invalidContentLength, status: 400),
    .init(name: "CL +5", input: cl("+5"), error: .invalidContentLength, status: 400),
    .init(name: "CL 1e3", input: cl("1e3"), error: .invalidContentLength, status: 400),
    .init(name: "CL inner space", input: cl("1 0"), error: .invalidContentLength, status: 400),
    .init(name: "CL list", input: cl("5, 5"), error: .invalidContentLength, status: 400),
    .init(name: "CL empty", input: cl(""), error: .invalidContentLength, status: 400),
    .init(name: "CL hex", input: cl("0x10"), error: .invalidContentLength, status: 400),
    .init(name: "CL overflow", input: cl("99999999999999999999"), error: .invalidContentLength, status: 400),
    .init(name: "TE identity", input: te("identity"), error: .invalidTransferEncoding, status: 400),
    .init(
        name: "TE chunked then identity",
        input: te("chunked, identity"),
        error: .invalidTransferEncoding,
        status: 400
    ),
    .init(name: "TE chunked twice", input: te("chunked, chunked"), error: .invalidTransferEncoding, status: 400),
    .init(name: "TE gzip then chunked", input: te("gzip, chunked"), error: .unsupportedTransferCoding, status: 501),
    .init(name: "TE with parameter", input: te("chunked;q=1"), error: .invalidTransferEncoding, status: 400),
    .init(
        name: "TE in HTTP/1.0",
        input: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        error: .transferEncodingInHTTP10,
        status: 400
    ),
    .init(
        name: "obs-fold",
        input: "GET / HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n\r\n",
        error: .obsoleteLineFolding,
        status: 400
    ),
    .init(
        name: "space before colon",
        input: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
        error: .whitespaceBeforeColon,
        status: 400
    ),
    .init(
        name: "bare CR in header",
        input: "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n",
        error: .bareCarriageReturn,
        status: 400
    ),
    .init(name: "bare LF", input: "GET / HTTP/1.1\nHost: a\r\n\r\n", error: .bareLineFeed, status: 400),
    .init(
        name: "bare LF in headers",
        input: "GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n",
        error: .bareLineFeed,
        status: 400
    ),
    .init(
        name: "non-token name",
        input: "GET / HTTP/1.1\r\nHost: a\r\nBad[Name]: x\r\n\r\n",
        error: .invalidHeaderName,
        status: 400
    ),
    .init(
        name: "empty name",
        input: "GET / HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n",
        error: .invalidHeaderName,
        status: 400
    ),
    .init(
        name: "no colon",
        input: "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
        error: .invalidHeaderName,
        status: 400
    ),
    .init(
        name: "control in value",
        input: "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{01}c\r\n\r\n",
        error: .invalidHeaderValue,
        status: 400
    ),
    .init(
        name: "NUL in value",
        input: "GET / HTTP/1.1\r\nHost: a\r\nX-A: \u{00}\r\n\r\n",
        error: .invalidHeaderValue,
        status: 400
    ),
    .init(
        name: "absolute-form target",
        input: "GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n",
        error: .invalidRequestTarget,
        status: 400
    ),
    .init(
        name: "asterisk for GET",
        input: "GET * HTTP/1.1\r\nHost: a\r\n\r\n",
        error: .invalidRequestTarget,
        status: 400
    ),
    .init(
        name: "DEL in target",
        input: "GET /a\u{7f} HTTP/1.1\r\nHost: a\r\n\r\n",
        error: .invalidRequestTarget,
        status: 400
    ),
    .init(
        name: "fragment in target",
        input: "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n",
        error: .invalidRequestTarget,
        status: 400
    ),
    .init(
        name: "space in target",
        input: "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n",
        error: .invalidRequestLine,
        status: 400
    ),
    .init(name: "double space", input: "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", error: .invalidRequestLine, status: 400),
    .init(name: "tab separator", input: "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", error: .invalidRequestLine, status: 400),
    .init(
        name: "non-token method",
        input: "G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
        error: .invalidRequestLine,
        status: 400
    ),
    .init(name: "HTTP/2.0", input: "GET / HTTP/2.0\r\nHost: a\r\n\r\n", error: .unsupportedVersion, status: 505),
    .init(name: "HTTP/1.2", input: "GET / HTTP/1.2\r\nHost: a\r\n\r\n", error: .unsupportedVersion, status: 505),
    .init(name: "HTTP/0.9", input: "GET / HTTP/0.9\r\nHost: a\r\n\r\n", error: .unsupportedVersion, status: 505),
    .init(name: "malformed version", input: "GET / HTTP/1\r\nHost: a\r\n\r\n", error: .invalidRequestLine, status: 400),
    .init(
        name: "lowercase version",
        input: "GET / http/1.1\r\nHost: a\r\n\r\n",
        error: .invalidRequestLine,
        status: 400
    ),
    .init(name: "missing Host", input: "GET / HTTP/1.1\r\n\r\n", error: .missingHost, status: 400),
    .init(name: "two Hosts", input: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", error: .duplicateHost, status: 400),
    .init(
        name: "unknown expectation",
        input: "GET / HTTP/1.1\r\nHost: a\r\nExpect: magic\r\n\r\n",
        error: .unsupportedExpectation,
        status: 417
    ),
    .init(name: "bad chunk size", input: chunked("zz\r\nabc\r\n0\r\n\r\n"), error: .invalidChunkSize, status: 400),
    .init(name: "empty chunk size", input: chunked("\r\nabc\r\n0\r\n\r\n"), error: .invalidChunkSize, status: 400),
    .init(
        name: "chunk size then space",
        input: chunked("3 \r\nabc\r\n0\r\n\r\n"),
        error: .invalidChunkSize,
        status: 400
    ),
    .init(
        name: "chunk data too long",
        input: chunked("3\r\nabcd\r\n0\r\n\r\n"),
        error: .missingChunkTerminator,
        status: 400
    ),
    .init(name: "chunk LF only", input: chunked("3\r\nabc\n0\r\n\r\n"), error: .missingChunkTerminator, status: 400),
    .init(name: "chunk size bare LF", input: chunked("3\nabc\r\n0\r\n\r\n"), error: .bareLineFeed, status: 400),
    .init(
        name: "chunk extension control",
        input: chunked("3;a=\u{01}\r\nabc\r\n0\r\n\r\n"),
        error: .invalidChunkExtension,
        status: 400
    ),
    .init(
        name: "chunk extension too long",
        input: chunked("3;" + String(repeating: "x", count: 2000) + "\r\nabc\r\n0\r\n\r\n"),
        error: .invalidChunkExtension,
        status: 400
    ),
    .init(
        name: "chunk over body limit",
        input: chunked("100001\r\n"),
        error: .bodyTooLarge(limit: 1024 * 1024),
        status: 413
    ),
    .init(
        name: "chunk size overflow",
        input: chunked("fffffffffffffffffffff\r\n"),
        error: .bodyTooLarge(limit: 1024 * 1024),
        status: 413
    ),
    .init(
        name: "CL over body limit",
        input: cl("1048577"),
        error: .bodyTooLarge(limit: 1024 * 1024),
        status: 413
    ),
    .init(
        name: "trailer obs-fold",
        input: chunked("1\r\na\r\n0\r\nX-T: a\r\n b\r\n\r\n"),
        error: .obsoleteLineFolding,
        status: 400
    ),
    .init(
        name: "request line over 8 KiB",
        input: "GET /" + String(repeating: "a", count: 8 * 1024) + " HTTP/1.1\r\nHost: a\r\n\r\n",
        error: .requestLineTooLong(limit: 8 * 1024),
        status: 414
    ),
    .init(
        name: "header field over 8 KiB",
        input: "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 8 * 1024) + "\r\n\r\n",
        error: .headerFieldTooLarge(limit: 8 * 1024),
        status: 431
    ),
    .init(
        name: "headers over 32 KiB",
        input: "GET / HTTP/1.1\r\nHost: a\r\n"
            + (0..<5).map { "X-\($0): " + String(repeating: "c", count: 7 * 1024) + "\r\n" }.joined() + "\r\n",
        error: .headersTooLarge(limit: 32 * 1024),
        status: 431
    ),
    .init(
        name: "101 headers",
        input: "GET / HTTP/1.1\r\nHost: a\r\n" + (0..<100).map { "X-\($0): v\r\n" }.joined() + "\r\n",
        error: .tooManyHeaders(limit: 100),
        status: 431
    ),
]

private func cl(_ value: String) -> String {
    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(value)\r\n\r\nabcde"
}

private func te(_ value: String) -> String {
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \(value)\r\n\r\n0\r\n\r\n"
}

private func chunked(_ body: String) -> String {
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body
}

@Suite struct RequestParserFramingTests {
    @Test(arguments: rejectedRequestCases)
    func rejectsWholeAndBytewise(_ fixture: RejectedRequestCase) {
        let (whole, bytewise) = parserEventsWholeAndBytewise(fixture.input)
        #expect(whole.last?.failure == fixture.error)
        #expect(bytewise.last?.failure == fixture.error)
        #expect(fixture.error.status.code == fixture.status)
    }

    @Test func bytesAfterFramingErrorAreNeverParsed() {
        let smuggled =
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: a\r\n\r\n"
        var parser = RequestParser(limits: ServerConfiguration().parserLimits)
        parser.append(Array(smuggled.utf8))
        #expect(parser.next() == .failure(.contentLengthWithTransferEncoding))
        #expect(parser.next() == .failure(.contentLengthWithTransferEncoding))
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(parser.next() == .failure(.contentLengthWithTransferEncoding))
    }

    @Test func oversizedLinesFailBeforeTheirEnd() {
        var parser = RequestParser(limits: ServerConfiguration().parserLimits)
        parser.append(Array(("GET /" + String(repeating: "a", count: 100 * 1024)).utf8))
        #expect(parser.next() == .failure(.requestLineTooLong(limit: 8 * 1024)))

        var headerParser = RequestParser(limits: ServerConfiguration().parserLimits)
        headerParser.append(Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: 64 * 1024)).utf8))
        #expect(headerParser.next() == .failure(.headerFieldTooLarge(limit: 8 * 1024)))
    }

    @Test func routeLimitLowersBodyLimit() {
        var parser = RequestParser(limits: ServerConfiguration().parserLimits)
        parser.append(Array(cl("5").utf8))
        #expect(parser.next().head != nil)
        parser.setBodyLimit(4)
        #expect(parser.next() == .failure(.bodyTooLarge(limit: 4)))
    }

    @Test func bodyLimitResetsForNextRequest() {
        var parser = RequestParser(limits: ServerConfiguration().parserLimits)
        parser.append(Array((cl("5") + cl("5")).utf8))
        #expect(parser.next().head != nil)
        parser.setBodyLimit(5)
        #expect(parser.next().bodyText == "abcde")
        #expect(parser.bodyLimit == 1024 * 1024)
        #expect(parser.next().head != nil)
    }

    @Test func chunkedBodyIsCheckedAgainstLimitWhileDecoding() {
        var limits = ServerConfiguration().parserLimits
        limits.maxBodyBytes = 4
        let (whole, bytewise) = parserEventsWholeAndBytewise(
            chunked("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"),
            limits: limits
        )
        #expect(whole.last?.failure == .bodyTooLarge(limit: 4))
        #expect(bytewise.last?.failure == .bodyTooLarge(limit: 4))
    }
}
