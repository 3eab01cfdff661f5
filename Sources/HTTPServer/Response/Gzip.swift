import CZlib

/// gzip compression of response bodies through zlib.
enum Gzip {
    /// zlib's usual trade-off between speed and size.
    static let compressionLevel: Int32 = 6

    /// Compresses `input` in one pass; nil if zlib fails, in which case the body goes out as is.
    static func compress(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard gw_deflate_init_gzip(&stream, self.compressionLevel) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }

        // deflateBound does not count the gzip wrapper (18 bytes), so leave room for it.
        let capacity = Int(deflateBound(&stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: capacity)
        var source = input
        let status = source.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
