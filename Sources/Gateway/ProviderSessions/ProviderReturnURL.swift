import Foundation

/// The return URL handed to OT: the public base URL, then `/taobao/return/{state}`.
///
/// It has no query string of its own, so whatever OT appends (`?error=…`, or `&…` from a
/// provider that assumes a query exists) cannot collide with ours; the state travels in the path.
enum ProviderReturnURL {
    static let pathPrefix = "/taobao/return/"

    /// Builds the URL; any query or fragment of `publicURL` is dropped and the host lowercased.
    static func make(publicURL: URL, state: String) -> String {
        var components = URLComponents(url: publicURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.query = nil
        components.fragment = nil
        components.host = components.host?.lowercased()
        var basePath = components.path
        while basePath.hasSuffix("/") {
            basePath.removeLast()
        }
        components.path = basePath + self.pathPrefix + state
        return components.string ?? (publicURL.absoluteString + self.pathPrefix + state)
    }
}
