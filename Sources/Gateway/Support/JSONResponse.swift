import HTTPServer

extension Response {
    /// A JSON response with `application/json` and the given status.
    public static func json(_ value: JSONValue, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders())
        -> Response
    {
        var allHeaders = headers
        allHeaders.set("Content-Type", "application/json")
        return Response(status: status, headers: allHeaders, body: JSONWriter.encode(value))
    }
}
