import CZlib

/// Decompresses gzip or zlib data with zlib's own inflater, independent of the server's code.
func inflate(_ input: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard gw_inflate_init_auto(&stream) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var source = input
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16384)
    return source.withUnsafeMutableBufferPointer { inputBuffer -> [UInt8]? in
        stream.next_in = inputBuffer.baseAddress
        stream.avail_in = uInt(inputBuffer.count)
        while true {
            let (status, produced) = chunk.withUnsafeMutableBufferPointer { outputBuffer -> (Int32, Int) in
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                return (status, outputBuffer.count - Int(stream.avail_out))
            }
            output += chunk[..<produced]
            if status == Z_STREAM_END { return output }
            if status != Z_OK { return nil }
        }
    }
}
