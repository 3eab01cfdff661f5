import CCurl
import Synchronization

/// libcurl's process-wide set-up. `curl_global_init` is not thread-safe and must run before
/// any other thread uses libcurl, so the library never calls it on its own: the executable
/// calls `initialize()` first thing in `main`, and tests call it before creating a transport.
public enum CurlGlobal {
    private static let result = Mutex<CURLcode?>(nil)

    /// Calls `curl_global_init(CURL_GLOBAL_DEFAULT)` on the first call; later calls do nothing.
    /// Stops the process if libcurl cannot initialise, because no OT call could work then.
    public static func initialize() {
        self.result.withLock { result in
            guard result == nil else { return }
            let code = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
            result = code
            precondition(code == CURLE_OK, "curl_global_init failed with CURLcode \(code.rawValue)")
        }
    }
}
