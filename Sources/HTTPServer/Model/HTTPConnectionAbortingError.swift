/// An error that asks the server to close the connection without writing any response.
///
/// A handler throws one to make the client see the connection end with zero response bytes,
/// as when a peer crashes after it acted on a request. The server logs the abort at debug
/// level with the request id, counts it in `http_server_aborted_requests_total`, and keeps
/// serving every other connection. Only the connection that carried the request closes.
public protocol HTTPConnectionAbortingError: Error {}
