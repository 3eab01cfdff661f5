import CCurl

/// Maps a failed libcurl transfer to a `TransportError`.
///
/// The rule for `requestMayHaveBeenSent`: it is false only for failures that libcurl reports
/// before a request byte can leave the process, namely a rejected URL or scheme, name
/// resolution, the TCP connect and the TLS handshake or certificate check. Sending, receiving,
/// decoding and our own size cap fail after the request went out, so they return true. A
/// timeout returns false only when the connection never became ready for the request
/// (`CURLINFO_PRETRANSFER_TIME` is zero and `CURLINFO_REQUEST_SIZE` is zero). Any code not
/// listed returns true, because an unknown outcome must be reconciled rather than resent.
enum CurlErrorMapping {
    /// Facts the loop records about a failed transfer.
    struct Failure {
        /// The raw `CURLcode`.
        var code: Int32
        /// True when our write or header callback aborted the transfer because of a size cap.
        var exceededResponseLimit: Bool
        /// True when the connection was ready for the request or request bytes were counted.
        var requestStarted: Bool
        /// libcurl's error buffer, or `curl_easy_strerror` when the buffer is empty.
        var detail: String
    }

    static func transportError(for failure: Failure) -> TransportError {
        let (kind, mayHaveBeenSent) = self.classify(failure)
        return TransportError(
            kind: kind,
            requestMayHaveBeenSent: mayHaveBeenSent,
            message: "\(self.summary(of: kind)) (curl code \(failure.code): \(failure.detail))",
            curlCode: failure.code
        )
    }

    private static func classify(_ failure: Failure) -> (TransportError.Kind, Bool) {
        let code = CURLcode(rawValue: UInt32(bitPattern: failure.code))
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return (.invalidURL, false)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return (.couldNotResolve, false)
        case CURLE_COULDNT_CONNECT:
            return (.couldNotConnect, false)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CLIENTCERT:
            return (.tlsFailed, false)
        case CURLE_OPERATION_TIMEDOUT:
            return (.timedOut, failure.requestStarted)
        case CURLE_SEND_ERROR:
            return (.sendFailed, true)
        case CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY:
            return (.receiveFailed, true)
        case CURLE_WRITE_ERROR where failure.exceededResponseLimit:
            return (.responseTooLarge, true)
        case CURLE_BAD_CONTENT_ENCODING:
            return (.badContentEncoding, true)
        default:
            return (.other, true)
        }
    }

    private static func summary(of kind: TransportError.Kind) -> String {
        switch kind {
        case .invalidURL: "the OT API URL is invalid or its scheme is not http or https"
        case .couldNotResolve: "the OT API host name could not be resolved"
        case .couldNotConnect: "the TCP connection to the OT API failed"
        case .tlsFailed: "the TLS handshake or certificate check with the OT API failed"
        case .timedOut: "the OT API call timed out"
        case .sendFailed: "sending the request to the OT API failed"
        case .receiveFailed: "receiving the OT API response failed"
        case .responseTooLarge: "the OT API response exceeded the configured size limit"
        case .badContentEncoding: "the OT API response body could not be decoded per its Content-Encoding"
        case .cancelled: "the OT API call was cancelled"
        case .other: "the OT API call failed"
        }
    }
}
