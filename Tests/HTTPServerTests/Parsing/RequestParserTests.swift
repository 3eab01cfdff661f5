import Testing

@testable import HTTPServer

@Suite struct RequestParserTests {
    @Test func simpleGet() throws {
        let (whole, bytewise) = parserEventsWholeAndBytewise("GET /orders?x=1 HTTP/1.1\r\nHost: a\r\nX-A:  b \r\n\r\n")
        #expect(whole == bytewise)
        #expect(whole.count == 2)
        let head = try #require(whole.first?.head)
        #expect(head.method == .get)
        #expect(head.target == "/orders?x=1")
        #expect(head.version == .http1_1)
        #expect(head.headers["x-a"] == "b")
        #expect(head.framing == BodyFraming.none)
        #expect(head.keepAlive)
        #expect(!head.expectsContinue)
        #expect(whole.last?.bodyText == "")
    }

    @Test func contentLengthBody() {
        let (whole, bytewise) = parserEventsWholeAndBytewise(
            "POST /o HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world"
        )
        #expect(whole == bytewise)
        #expect(whole.first?.head?.framing == .contentLength(11))
        #expect(whole.last?.bodyText == "hello world")
    }

    @Test func contentLengthOuterWhitespaceIsFieldSyntax() {
        let (whole, bytewise) = parserEventsWholeAndBytewise(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:  5 \r\n\r\nabcde"
        )
        #expect(whole == bytewise)
        #expect(whole.last?.bodyText == "abcde")
    }

    @Test func chunkedBodyWithExtensionsTrailersAndUppercaseHex() {
        let input =
            "POST /o HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "A;name=value\r\n0123456789\r\n1 ;x\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n"
        let (whole, bytewise) = parserEventsWholeAndBytewise(input)
        #expect(whole == bytewise)
        #expect(whole.first?.head?.framing == .chunked)
        #expect(whole.last?.bodyText == "0123456789!")
    }

    @Test(arguments: ["chunked", "Chunked", "CHUNKED", "chunked\t", "chunked ", " chunked"])
    func chunkedCodingSpellings(_ value: String) {
        let input = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \(value)\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        let (whole, bytewise) = parserEventsWholeAndBytewise(input)
        #expect(whole == bytewise)
        #expect(whole.first?.head?.framing == .chunked)
        #expect(whole.last?.bodyText == "abc")
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let input =
            "GET /a HTTP/1.1\r\nHost: a\r\n\r\n" + "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
            + "GET /c HTTP/1.1\r\nHost: a\r\n\r\n"
        let (whole, bytewise) = parserEventsWholeAndBytewise(input)
        #expect(whole == bytewise)
        #expect(whole.compactMap { $0.head?.target } == ["/a", "/b", "/c"])
        #expect(whole.compactMap(\.bodyText) == ["", "hi", ""])
    }

    @Test func leadingEmptyLinesAreIgnored() {
        let (whole, _) = parserEventsWholeAndBytewise("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(whole.first?.head?.target == "/")
    }

    @Test func keepAliveRules() {
        let cases: [(String, Bool)] = [
            ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive, Close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ]
        for (input, keepAlive) in cases {
            let (whole, _) = parserEventsWholeAndBytewise(input)
            #expect(whole.first?.head?.keepAlive == keepAlive, "\(input)")
        }
    }

    @Test func expectContinue() {
        let (whole, _) = parserEventsWholeAndBytewise(
            "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx"
        )
        #expect(whole.first?.head?.expectsContinue == true)

        let (old, _) = parserEventsWholeAndBytewise(
            "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx"
        )
        #expect(old.first?.head?.expectsContinue == false)
    }

    @Test func optionsAsteriskIsAccepted() {
        let (whole, _) = parserEventsWholeAndBytewise("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(whole.first?.head?.target == "*")
    }

    @Test func unknownMethodTokenIsKept() {
        let (whole, _) = parserEventsWholeAndBytewise("PURGE / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(whole.first?.head?.method == .other("PURGE"))
    }

    @Test func obsTextInValueIsKept() {
        let (whole, _) = parserEventsWholeAndBytewise("GET / HTTP/1.1\r\nHost: a\r\nX-Name: Jürgen\r\n\r\n")
        #expect(whole.first?.head?.headers["X-Name"] == "Jürgen")
    }

    @Test func limitsAtExactSizeAreAccepted() {
        let target = "/" + String(repeating: "a", count: 8 * 1024 - "GET  HTTP/1.1".count - 1)
        let line = "GET \(target) HTTP/1.1"
        #expect(line.utf8.count == 8 * 1024)
        let (whole, _) = parserEventsWholeAndBytewise(line + "\r\nHost: a\r\n\r\n")
        #expect(whole.first?.head?.target == target)

        let headers = (0..<99).map { "X-\($0): v\r\n" }.joined()
        let (many, _) = parserEventsWholeAndBytewise("GET / HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n")
        #expect(many.first?.head?.headers.count == 100)
    }

    @Test func consumedBytesAreDropped() {
        var parser = RequestParser(limits: ServerConfiguration().parserLimits)
        for _ in 0..<1000 {
            parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
            #expect(parser.next().head != nil)
            #expect(parser.next().bodyText == "")
        }
        #expect(parser.isIdle)
        #expect(!parser.hasBufferedBytes)
    }
}
