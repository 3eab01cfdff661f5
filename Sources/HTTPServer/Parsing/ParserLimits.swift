/// Size limits the request parser enforces while it reads, so no input makes it buffer more.
struct ParserLimits: Equatable, Sendable {
    var maxRequestLineBytes: Int
    var maxHeaderFieldBytes: Int
    var maxHeaderBytes: Int
    var maxHeaderCount: Int
    /// The body limit a request starts with; the server may lower it once the route is known.
    var maxBodyBytes: Int

    /// Longest chunk-size line, extensions included: extensions carry nothing the server uses.
    static let maxChunkLineBytes = 1024
    /// Chunk framing (size lines, CRLFs and trailers) allowed beyond the body's own size, so a
    /// client cannot make the server read gigabytes of 1-byte chunks to deliver a small body.
    static let maxChunkFramingOverheadBytes = 64 * 1024
}
