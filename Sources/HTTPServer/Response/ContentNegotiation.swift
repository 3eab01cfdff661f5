/// Decisions about response compression from the request's `Accept-Encoding` and the
/// response's `Content-Type`.
enum ContentNegotiation {
    /// Returns whether `Accept-Encoding` allows gzip: `gzip` (or `x-gzip`) with a non-zero quality, or
    /// `*` with a non-zero quality when gzip is not listed. `gzip;q=0` rejects it.
    static func acceptsGzip(_ headers: HTTPHeaders) -> Bool {
        var gzipQuality: Double?
        var wildcardQuality: Double?
        for value in headers.values("Accept-Encoding") {
            for element in value.split(separator: ",") {
                let parts = element.split(separator: ";")
                guard let first = parts.first else { continue }
                let coding = first.trimmingASCIIWhitespace().lowercased()
                let quality = Self.quality(parts.dropFirst())
                if coding == "gzip" || coding == "x-gzip" {
                    gzipQuality = max(gzipQuality ?? 0, quality)
                } else if coding == "*" {
                    wildcardQuality = quality
                }
            }
        }
        if let gzipQuality { return gzipQuality > 0 }
        if let wildcardQuality { return wildcardQuality > 0 }
        return false
    }

    /// Returns the `q` parameter of a list element: 1 when absent, 0 when malformed.
    private static func quality(_ parameters: ArraySlice<Substring>) -> Double {
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingASCIIWhitespace().lowercased() == "q" else { continue }
            guard let value = Double(pair[1].trimmingASCIIWhitespace()), (0...1).contains(value) else { return 0 }
            return value
        }
        return 1
    }

    /// Returns whether a body of this media type gains from gzip: text, JSON, XML, JavaScript, YAML and
    /// SVG. Images, archives and unknown types are usually compressed already or opaque.
    static func isCompressible(contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingASCIIWhitespace().lowercased() } ?? ""
        if mediaType.hasPrefix("text/") || mediaType.hasSuffix("+json") || mediaType.hasSuffix("+xml") {
            return true
        }
        let compressible: Set<String> = [
            "application/json", "application/xml", "application/javascript", "application/yaml",
            "application/x-yaml", "image/svg+xml",
        ]
        return compressible.contains(mediaType)
    }
}
