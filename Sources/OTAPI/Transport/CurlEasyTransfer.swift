import CCurl

/// One libcurl easy handle with everything it points to: the header list, the error buffer
/// and the buffers the callbacks fill. Created, run and destroyed on the loop thread only.
///
/// libcurl keeps raw pointers to `self` (WRITEDATA, HEADERDATA), to the header list and to the
/// error buffer. So the loop calls `curl_multi_remove_handle` before it drops the last
/// reference, and `deinit` then calls `curl_easy_cleanup` and frees the rest.
final class CurlEasyTransfer {
    let ticket: CurlTransferTicket
    let handle: UnsafeMutableRawPointer
    let startedAt: ContinuousClock.Instant

    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var body: [UInt8] = []
    private var headers: ResponseHeaderCollector
    private let maxBodyBytes: Int
    private var exceededResponseLimit = false

    /// Creates and configures the easy handle; throws when the request cannot be expressed
    /// (a header with a line break) or libcurl rejects an option.
    init(ticket: CurlTransferTicket, configuration: CurlTransportConfiguration) throws(TransportError) {
        guard let handle = curl_easy_init() else {
            throw TransportError(
                kind: .other,
                requestMayHaveBeenSent: false,
                message: "curl_easy_init failed, probably out of memory"
            )
        }
        self.ticket = ticket
        self.handle = handle
        self.startedAt = ContinuousClock.now
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        self.headers = ResponseHeaderCollector(maxByteCount: configuration.maxResponseHeaderBytes)
        self.maxBodyBytes = configuration.maxResponseBytes

        try self.configure(request: ticket.request, configuration: configuration)
    }

    deinit {
        curl_easy_cleanup(self.handle)
        curl_slist_free_all(self.headerList)
        self.errorBuffer.deallocate()
    }

    // MARK: Results

    /// True when the connection became ready for the request or request bytes were counted,
    /// so the server may have received some or all of it.
    var requestStarted: Bool {
        var requestSize = 0
        _ = gw_curl_easy_getinfo_long(self.handle, CURLINFO_REQUEST_SIZE, &requestSize)
        var pretransferMicroseconds: curl_off_t = 0
        _ = gw_curl_easy_getinfo_off(self.handle, CURLINFO_PRETRANSFER_TIME_T, &pretransferMicroseconds)
        return requestSize > 0 || pretransferMicroseconds > 0
    }

    /// The final response status, or 0 when none was received.
    var responseStatus: Int {
        var status = 0
        _ = gw_curl_easy_getinfo_long(self.handle, CURLINFO_RESPONSE_CODE, &status)
        return status
    }

    /// Builds the caller's result from the `CURLcode` that `curl_multi_info_read` reported.
    func result(for code: CURLcode) -> Result<TransportResponse, TransportError> {
        guard code == CURLE_OK else {
            let failure = CurlErrorMapping.Failure(
                code: Int32(bitPattern: code.rawValue),
                exceededResponseLimit: self.exceededResponseLimit,
                requestStarted: self.requestStarted,
                detail: self.errorDetail(for: code)
            )
            return .failure(CurlErrorMapping.transportError(for: failure))
        }
        return .success(TransportResponse(status: self.responseStatus, headers: self.headers.fields, body: self.body))
    }

    private func errorDetail(for code: CURLcode) -> String {
        if self.errorBuffer.pointee != 0 {
            return String(cString: self.errorBuffer)
        }
        return String(cString: curl_easy_strerror(code))
    }

    // MARK: Callbacks

    fileprivate func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard self.body.count + bytes.count <= self.maxBodyBytes else {
            self.exceededResponseLimit = true
            return false
        }
        self.body.append(contentsOf: bytes)
        return true
    }

    fileprivate func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let accepted = self.headers.consume(bytes.bindMemory(to: UInt8.self))
        if !accepted {
            self.exceededResponseLimit = true
        }
        return accepted
    }
}

// MARK: - Options

extension CurlEasyTransfer {
    private func configure(request: TransportRequest, configuration: CurlTransportConfiguration) throws(TransportError)
    {
        try self.set(CURLOPT_URL, request.url)
        // Only http and https, also after a redirect, and redirects are never followed: a
        // different scheme or location would send OT credentials somewhere else.
        try self.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try self.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try self.set(CURLOPT_FOLLOWLOCATION, 0)
        // An empty proxy disables the *_proxy environment variables: OT calls go directly to
        // the configured URL.
        try self.set(CURLOPT_PROXY, "")

        // libcurl's DNS timeouts use SIGALRM unless NOSIGNAL is set, which crashes threaded
        // programs.
        try self.set(CURLOPT_NOSIGNAL, 1)
        if request.requiresFreshConnection {
            // libcurl 7.88 resends a request once, on a new connection, when a reused one
            // returns no response byte, and no option turns that off. A new connection is
            // never retried that way, so writes that must not be repeated ask for one.
            try self.set(CURLOPT_FRESH_CONNECT, 1)
        }
        try self.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
        try self.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
        try self.set(CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimitBytesPerSecond)
        try self.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.lowSpeedTime.components.seconds)))

        // Verification is always on; a CA file only adds trust anchors.
        try self.set(CURLOPT_SSL_VERIFYPEER, 1)
        try self.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = configuration.caFile {
            // NOTE: with OpenSSL, CAINFO replaces the default bundle file, while the default
            // CA directory (/etc/ssl/certs on Debian) stays in use, so system roots still work.
            try self.set(CURLOPT_CAINFO, caFile)
        }

        // With an empty value libcurl offers every encoding it was built with and decodes the
        // body itself, so the body handed back is already decoded.
        try self.set(CURLOPT_ACCEPT_ENCODING, "")

        try self.setHeaders(request.headers)

        // Every OT API call is a POST (a form or an envelope); the seam carries no method.
        try self.set(CURLOPT_POST, 1)
        try self.check(
            gw_curl_easy_setopt_off(self.handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
        )
        // COPYPOSTFIELDS copies the body, so the request array need not outlive this call. An
        // empty body still needs a non-null pointer, or libcurl would read the body from stdin.
        let bodyCode: CURLcode
        if request.body.isEmpty {
            bodyCode = "".withCString {
                gw_curl_easy_setopt_pointer(self.handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0))
            }
        } else {
            bodyCode = request.body.withUnsafeBytes {
                gw_curl_easy_setopt_pointer(
                    self.handle,
                    CURLOPT_COPYPOSTFIELDS,
                    UnsafeMutableRawPointer(mutating: $0.baseAddress!)
                )
            }
        }
        try self.check(bodyCode, option: CURLOPT_COPYPOSTFIELDS)

        try self.check(gw_curl_easy_setopt_pointer(self.handle, CURLOPT_ERRORBUFFER, self.errorBuffer))
        let userData = Unmanaged.passUnretained(self).toOpaque()
        try self.check(gw_curl_easy_setopt_write_callback(self.handle, CURLOPT_WRITEFUNCTION, curlWriteBody))
        try self.check(gw_curl_easy_setopt_pointer(self.handle, CURLOPT_WRITEDATA, userData))
        try self.check(gw_curl_easy_setopt_write_callback(self.handle, CURLOPT_HEADERFUNCTION, curlWriteHeader))
        try self.check(gw_curl_easy_setopt_pointer(self.handle, CURLOPT_HEADERDATA, userData))
    }

    private func setHeaders(_ headers: [(name: String, value: String)]) throws(TransportError) {
        var lines: [String] = []
        for header in headers {
            // Checked on bytes, because Swift compares "\r\n" as one Character.
            let forbidden: Set<UInt8> = [0, 10, 13]
            let bytes = Array(header.name.utf8) + Array(header.value.utf8)
            guard !header.name.isEmpty, !bytes.contains(where: forbidden.contains) else {
                throw TransportError(
                    kind: .other,
                    requestMayHaveBeenSent: false,
                    message: "request header '\(header.name)' has an empty name or a line break; fix the caller"
                )
            }
            lines.append("\(header.name): \(header.value)")
        }
        // An empty `Expect:` stops libcurl from sending `Expect: 100-continue` with larger
        // bodies. Some proxies respond to that with 417, and others make libcurl wait a second.
        lines.append("Expect:")

        for line in lines {
            guard let appended = curl_slist_append(self.headerList, line) else {
                throw TransportError(
                    kind: .other,
                    requestMayHaveBeenSent: false,
                    message: "curl_slist_append failed, probably out of memory"
                )
            }
            self.headerList = appended
        }
        try self.check(gw_curl_easy_setopt_slist(self.handle, CURLOPT_HTTPHEADER, self.headerList))
    }

    private func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try self.check(gw_curl_easy_setopt_long(self.handle, option, value), option: option)
    }

    private func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        // libcurl copies string options (all but POSTFIELDS), so a temporary C string is enough.
        let code = value.withCString { gw_curl_easy_setopt_string(self.handle, option, $0) }
        try self.check(code, option: option)
    }

    private func check(_ code: CURLcode, option: CURLoption? = nil) throws(TransportError) {
        guard code == CURLE_OK else {
            let optionText = option.map { " for option \($0.rawValue)" } ?? ""
            throw TransportError(
                kind: code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT ? .invalidURL : .other,
                requestMayHaveBeenSent: false,
                message: "curl_easy_setopt failed\(optionText): \(String(cString: curl_easy_strerror(code)))",
                curlCode: Int32(bitPattern: code.rawValue)
            )
        }
    }

    /// Converts a duration to whole milliseconds, at least 1, because 0 means "no limit" to
    /// libcurl.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, total))
    }
}

// MARK: - C callbacks

/// CURLOPT_WRITEFUNCTION: returning less than the byte count makes libcurl fail the transfer
/// with CURLE_WRITE_ERROR, which the error mapping turns into `.responseTooLarge`.
private let curlWriteBody: curl_write_callback = { data, size, count, userData in
    guard let userData else { return 0 }
    let length = size * count
    guard length > 0, let data else { return length }
    let transfer = Unmanaged<CurlEasyTransfer>.fromOpaque(userData).takeUnretainedValue()
    return transfer.appendBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// CURLOPT_HEADERFUNCTION: one call per header line, status lines of interim responses included.
private let curlWriteHeader: curl_write_callback = { data, size, count, userData in
    guard let userData else { return 0 }
    let length = size * count
    guard length > 0, let data else { return length }
    let transfer = Unmanaged<CurlEasyTransfer>.fromOpaque(userData).takeUnretainedValue()
    return transfer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}
