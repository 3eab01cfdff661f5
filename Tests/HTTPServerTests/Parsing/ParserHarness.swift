@testable import HTTPServer

/// Feeds `input` to a fresh parser in pieces of `pieceSize` bytes and collects every event up
/// to the first failure. `.needMoreData` is left out, because where it appears depends on the
/// split, and the other events must not.
func parserEvents(
    _ input: [UInt8],
    pieceSize: Int,
    limits: ParserLimits = ServerConfiguration().parserLimits
) -> [RequestParser.Event] {
    var parser = RequestParser(limits: limits)
    var events: [RequestParser.Event] = []
    var offset = 0
    while offset < input.count {
        let end = min(offset + pieceSize, input.count)
        parser.append(input[offset..<end])
        offset = end
        while true {
            let event = parser.next()
            if event == .needMoreData { break }
            events.append(event)
            if case .failure = event { return events }
        }
    }
    return events
}

/// Parses `input` twice, all at once and one byte at a time, and returns both event lists.
func parserEventsWholeAndBytewise(
    _ input: String,
    limits: ParserLimits = ServerConfiguration().parserLimits
) -> (whole: [RequestParser.Event], bytewise: [RequestParser.Event]) {
    let bytes = Array(input.utf8)
    return (
        parserEvents(bytes, pieceSize: bytes.count, limits: limits), parserEvents(bytes, pieceSize: 1, limits: limits)
    )
}

extension RequestParser.Event {
    var failure: RequestParseError? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var head: RequestHead? {
        if case .head(let head) = self { return head }
        return nil
    }

    var bodyText: String? {
        if case .body(let body) = self { return String(decoding: body, as: UTF8.self) }
        return nil
    }
}
