/// An error that knows the response it should produce, such as a problem document.
///
/// The server turns such an error thrown by a handler into its response; any other error
/// becomes a bare 500 problem that reveals nothing about it, and is logged with the request id.
public protocol HTTPResponseConvertible: Error {
    func response(for request: Request) -> Response
}
