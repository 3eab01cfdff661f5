import Observability

/// One request on a connection, from its parsed head until its response is queued.
struct Exchange {
    var head: RequestHead
    var requestID: String
    var started: ContinuousClock.Instant
    var logger: Logger
    /// The matched route and its decoded parameters, or nil when routing failed.
    var route: Route?
    var pathParameters: [String: String] = [:]
    /// The problem routing already chose (404, 405, 400), sent once the body is read.
    var routingProblem: Problem?
    /// Distinguishes this exchange's handler result from one of an earlier, abandoned exchange.
    var sequence: Int

    var routeLabel: String { self.route?.template ?? ServerMetrics.unmatchedRoute }

    var rawPath: Substring {
        let target = self.head.target
        if let query = target.firstIndex(of: "?") { return target[..<query] }
        return target[...]
    }
}
