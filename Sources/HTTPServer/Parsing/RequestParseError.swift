/// An error found while reading a request. Every case closes the connection after its
/// response, because the bytes that follow can no longer be framed with certainty.
enum RequestParseError: Error, Equatable, Sendable {
    case requestLineTooLong(limit: Int)
    case headerFieldTooLarge(limit: Int)
    case headersTooLarge(limit: Int)
    case tooManyHeaders(limit: Int)
    case invalidRequestLine
    case invalidRequestTarget
    case unsupportedVersion
    case bareLineFeed
    case bareCarriageReturn
    case obsoleteLineFolding
    case whitespaceBeforeColon
    case invalidHeaderName
    case invalidHeaderValue
    case missingHost
    case duplicateHost
    case contentLengthWithTransferEncoding
    case duplicateContentLength
    case invalidContentLength
    case invalidTransferEncoding
    case unsupportedTransferCoding
    case transferEncodingInHTTP10
    case invalidChunkSize
    case invalidChunkExtension
    case missingChunkTerminator
    case bodyTooLarge(limit: Int)
    case unsupportedExpectation

    var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headerFieldTooLarge, .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedTransferCoding: .notImplemented
        case .bodyTooLarge: .payloadTooLarge
        case .unsupportedExpectation: .expectationFailed
        default: .badRequest
        }
    }

    /// A sentence for the problem document's `detail`; it names the rule, never the raw bytes.
    var detail: String {
        switch self {
        case .requestLineTooLong(let limit): "The request line is longer than \(limit) bytes."
        case .headerFieldTooLarge(let limit): "A header field is longer than \(limit) bytes."
        case .headersTooLarge(let limit): "The header section is larger than \(limit) bytes."
        case .tooManyHeaders(let limit): "The request has more than \(limit) header fields."
        case .invalidRequestLine: "The request line is not `METHOD SP target SP HTTP/1.x`."
        case .invalidRequestTarget:
            "The request target must be a path starting with / and contain no spaces or controls."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .bareLineFeed: "A line ends in LF without CR."
        case .bareCarriageReturn: "A CR appears that is not followed by LF."
        case .obsoleteLineFolding: "A header field is continued on the next line (obs-fold), which is not accepted."
        case .whitespaceBeforeColon: "A header field name is followed by whitespace before the colon."
        case .invalidHeaderName: "A header field name is empty or contains characters outside the token set."
        case .invalidHeaderValue: "A header field value contains control characters."
        case .missingHost: "An HTTP/1.1 request must carry a Host header."
        case .duplicateHost: "The request carries more than one Host header."
        case .contentLengthWithTransferEncoding: "Content-Length and Transfer-Encoding must not appear together."
        case .duplicateContentLength: "Content-Length appears more than once."
        case .invalidContentLength: "Content-Length must be a decimal number of bytes."
        case .invalidTransferEncoding: "Transfer-Encoding is malformed or lists chunked more than once."
        case .unsupportedTransferCoding: "Only the chunked transfer coding is implemented."
        case .transferEncodingInHTTP10: "Transfer-Encoding is not allowed in an HTTP/1.0 request."
        case .invalidChunkSize: "A chunk size is not a hexadecimal number."
        case .invalidChunkExtension: "A chunk extension is malformed or too long."
        case .missingChunkTerminator: "A chunk's data is not followed by CRLF."
        case .bodyTooLarge(let limit): "The request body exceeds the limit of \(limit) bytes."
        case .unsupportedExpectation: "Only the 100-continue expectation is supported."
        }
    }
}
