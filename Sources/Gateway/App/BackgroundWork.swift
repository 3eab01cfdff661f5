/// The gateway's background workers (order watching, activity polling, webhook delivery).
public final class BackgroundWork: Sendable {
    let services: GatewayServices

    public init(services: GatewayServices) {
        self.services = services
    }

    /// Starts the workers; they run until `stop()`.
    public func start() {
        // TODO: start the workers.
    }

    /// Stops the workers and waits for the current step of each to finish.
    public func stop() async {}
}
