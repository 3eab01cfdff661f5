/// Collects the header fields of the final response from the lines libcurl's header callback
/// delivers, one call per line, for every response of the exchange.
///
/// libcurl also delivers the headers of interim responses (`100 Continue`, `103 Early Hints`)
/// before the final one, so every status line clears what was collected: only the fields after
/// the last status line are kept. The status code itself comes from `CURLINFO_RESPONSE_CODE`.
struct ResponseHeaderCollector {
    private(set) var fields: [(name: String, value: String)] = []
    /// Bytes of header lines delivered so far, over all responses of the exchange.
    private(set) var byteCount = 0
    let maxByteCount: Int

    init(maxByteCount: Int) {
        self.maxByteCount = maxByteCount
    }

    /// Adds one raw header line (with its line ending); returns false when the headers exceed
    /// `maxByteCount`, so the callback aborts the transfer.
    mutating func consume(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        self.byteCount += line.count
        guard self.byteCount <= self.maxByteCount else { return false }

        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        guard end > 0 else { return true }  // the empty line that ends a header block
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[0..<end]), as: UTF8.self)

        if text.hasPrefix("HTTP/") {
            self.fields.removeAll(keepingCapacity: true)
            return true
        }
        if let first = text.first, first == " " || first == "\t" {
            // Obsolete line folding continues the previous field's value.
            if !self.fields.isEmpty {
                let continuation = text.trimmingHTTPWhitespace()
                self.fields[self.fields.count - 1].value += " " + continuation
            }
            return true
        }
        guard let colon = text.firstIndex(of: ":") else { return true }
        let name = String(text[text.startIndex..<colon])
        let value = String(text[text.index(after: colon)...]).trimmingHTTPWhitespace()
        self.fields.append((name: name, value: value))
        return true
    }
}

extension String {
    fileprivate func trimmingHTTPWhitespace() -> String {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = self.firstIndex(where: { !isWhitespace($0) }),
            let last = self.lastIndex(where: { !isWhitespace($0) })
        else {
            return ""
        }
        return String(self[first...last])
    }
}
