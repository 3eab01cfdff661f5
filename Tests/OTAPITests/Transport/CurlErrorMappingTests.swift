import Testing

@testable import OTAPI

@Suite struct CurlErrorMappingTests {
    struct Case: Sendable, CustomStringConvertible {
        var code: Int32
        var exceededResponseLimit = false
        var requestStarted = false
        var kind: TransportError.Kind
        var mayHaveBeenSent: Bool

        var description: String { "curl code \(self.code) → \(self.kind)" }
    }

    // Raw CURLcode values from curl/curl.h of libcurl 7.88.1.
    static let cases: [Case] = [
        Case(code: 1, kind: .invalidURL, mayHaveBeenSent: false),  // UNSUPPORTED_PROTOCOL
        Case(code: 3, kind: .invalidURL, mayHaveBeenSent: false),  // URL_MALFORMAT
        Case(code: 6, kind: .couldNotResolve, mayHaveBeenSent: false),  // COULDNT_RESOLVE_HOST
        Case(code: 7, kind: .couldNotConnect, mayHaveBeenSent: false),  // COULDNT_CONNECT
        Case(code: 35, kind: .tlsFailed, mayHaveBeenSent: false),  // SSL_CONNECT_ERROR
        Case(code: 60, kind: .tlsFailed, mayHaveBeenSent: false),  // PEER_FAILED_VERIFICATION
        Case(code: 77, kind: .tlsFailed, mayHaveBeenSent: false),  // SSL_CACERT_BADFILE
        Case(code: 28, requestStarted: false, kind: .timedOut, mayHaveBeenSent: false),  // OPERATION_TIMEDOUT
        Case(code: 28, requestStarted: true, kind: .timedOut, mayHaveBeenSent: true),
        Case(code: 55, kind: .sendFailed, mayHaveBeenSent: true),  // SEND_ERROR
        Case(code: 56, kind: .receiveFailed, mayHaveBeenSent: true),  // RECV_ERROR
        Case(code: 52, kind: .receiveFailed, mayHaveBeenSent: true),  // GOT_NOTHING
        Case(code: 18, kind: .receiveFailed, mayHaveBeenSent: true),  // PARTIAL_FILE
        Case(code: 23, exceededResponseLimit: true, kind: .responseTooLarge, mayHaveBeenSent: true),  // WRITE_ERROR
        Case(code: 23, exceededResponseLimit: false, kind: .other, mayHaveBeenSent: true),
        Case(code: 61, kind: .badContentEncoding, mayHaveBeenSent: true),  // BAD_CONTENT_ENCODING
        Case(code: 27, kind: .other, mayHaveBeenSent: true),  // OUT_OF_MEMORY
    ]

    @Test(arguments: cases) func mapsCode(_ testCase: Case) {
        let failure = CurlErrorMapping.Failure(
            code: testCase.code,
            exceededResponseLimit: testCase.exceededResponseLimit,
            requestStarted: testCase.requestStarted,
            detail: "detail text"
        )
        let error = CurlErrorMapping.transportError(for: failure)
        #expect(error.kind == testCase.kind)
        #expect(error.requestMayHaveBeenSent == testCase.mayHaveBeenSent)
        #expect(error.curlCode == testCase.code)
        #expect(error.message.contains("detail text"))
    }
}
