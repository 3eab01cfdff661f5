/// Decides how a request body is delimited, rejecting every ambiguous combination (RFC 9112,
/// section 6), because a server and a proxy that disagree on framing let one request hide
/// inside another.
enum RequestFraming {
    static func framing(version: HTTPVersion, headers: HTTPHeaders) -> Result<BodyFraming, RequestParseError> {
        let lengths = headers.values("Content-Length")
        let encodings = headers.values("Transfer-Encoding")

        if !encodings.isEmpty {
            guard lengths.isEmpty else { return .failure(.contentLengthWithTransferEncoding) }
            guard version != .http1_0 else { return .failure(.transferEncodingInHTTP10) }
            return self.transferCoding(encodings)
        }
        guard let first = lengths.first else { return .success(.none) }
        // Identical repeated values are allowed by RFC 9110, but a repeat always means some
        // intermediary combined two messages, so it is rejected like a conflicting value.
        guard lengths.count == 1 else { return .failure(.duplicateContentLength) }
        guard let length = self.contentLength(first) else { return .failure(.invalidContentLength) }
        return .success(.contentLength(length))
    }

    /// Parses a Content-Length value: ASCII digits only, no sign, exponent, inner space or list.
    /// Leading and trailing whitespace was already removed as field-value syntax requires.
    static func contentLength(_ value: String) -> Int? {
        guard !value.isEmpty else { return nil }
        var result = 0
        for byte in value.utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (shifted, overflowShift) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowShift && !overflowAdd else { return nil }
            result = sum
        }
        return result
    }

    /// Accepts exactly one coding, `chunked` (any case).
    ///
    /// - A list whose final coding is not `chunked` (`identity`, `chunked, identity`) cannot be
    ///   framed, so RFC 9112 section 6.3 requires 400.
    /// - A list that ends in `chunked` but also names another coding (`gzip, chunked`) is
    ///   well-framed but asks for a coding the server does not implement: 501.
    /// - `chunked` followed by a tab or space is `chunked`: trailing whitespace is not part of a
    ///   field value (RFC 9110 section 5.5), and the parser trims it before this check.
    static func transferCoding(_ values: [String]) -> Result<BodyFraming, RequestParseError> {
        var codings: [String] = []
        for value in values {
            for element in value.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = element.trimmingASCIIWhitespace()
                if trimmed.isEmpty { continue }
                // Transfer parameters (`;q=...`) are not allowed on chunked and unknown otherwise.
                guard ByteClasses.isToken(trimmed.utf8) else { return .failure(.invalidTransferEncoding) }
                codings.append(trimmed.lowercased())
            }
        }
        guard let last = codings.last, last == "chunked" else { return .failure(.invalidTransferEncoding) }
        guard codings.filter({ $0 == "chunked" }).count == 1 else { return .failure(.invalidTransferEncoding) }
        guard codings.count == 1 else { return .failure(.unsupportedTransferCoding) }
        return .success(.chunked)
    }
}
