import Foundation
import OTAPI
import Observability
import Synchronization

/// The gateway's background workers (order watching, activity polling, session age
/// warnings, webhook delivery). They share one budget of OT calls and keep their schedules
/// in the store, so a restart resumes them.
public final class BackgroundWork: Sendable {
    /// The pause between two runs of the watcher, the poller and the deliverer. Each run
    /// does only what is due, so this bounds the delay, not the OT call rate.
    public static let tickInterval: Duration = .seconds(1)

    let services: GatewayServices
    public let budget: CallBudget
    public let watcher: OrderWatcher
    public let poller: ActivityPoller
    public let sessionMonitor: SessionAgeMonitor
    /// Nil when no webhook is configured or its transport could not start.
    public let deliverer: WebhookDeliverer?
    private let webhookTransport: CurlTransport?
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// The application's periodic upkeep (unresolved payments, expired idempotency records);
    /// nil runs none.
    private let paymentCheck: (@Sendable () async -> Void)?
    /// The pause between two runs of the upkeep.
    public static let paymentCheckInterval: Duration = .seconds(60)

    public init(services: GatewayServices, paymentCheck: (@Sendable () async -> Void)? = nil) {
        self.services = services
        self.paymentCheck = paymentCheck
        self.budget = CallBudget(
            callsPerMinute: services.configuration.background.otCallsPerMinute,
            now: services.now()
        )
        self.watcher = OrderWatcher(services: services, budget: self.budget)
        self.poller = ActivityPoller(services: services, budget: self.budget)
        self.sessionMonitor = SessionAgeMonitor(services: services, budget: self.budget)
        var transport: CurlTransport?
        if services.configuration.webhook != nil {
            do {
                // A transport of its own, so a slow receiver never occupies connections that OT calls need.
                transport = try CurlTransport(
                    configuration: CurlTransportConfiguration(maxConnections: 4),
                    logger: services.logger.with(["component": "webhook.transport"])
                )
            } catch {
                services.logger.error(
                    "webhook transport could not start; events stay readable through GET /events",
                    metadata: ["error": .string("\(error)")]
                )
            }
        }
        self.webhookTransport = transport
        self.deliverer = transport.map { WebhookDeliverer(services: services, transport: $0) }
    }

    /// Starts the workers; they run until `stop()`. A second call does nothing.
    public func start() {
        self.task.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.loop { now in await self.watcher.runOnce(now: now) } }
                    group.addTask { await self.loop { now in await self.poller.runOnce(now: now) } }
                    group.addTask { await self.loop { now in await self.sessionMonitor.runOnce(now: now) } }
                    if let paymentCheck = self.paymentCheck {
                        group.addTask {
                            while !Task.isCancelled {
                                await paymentCheck()
                                try? await Task.sleep(for: Self.paymentCheckInterval)
                            }
                        }
                    }
                    if let deliverer = self.deliverer {
                        group.addTask { await self.loop { now in await deliverer.runOnce(now: now) } }
                    }
                }
            }
        }
        self.services.logger.info(
            "background workers started",
            metadata: ["webhook": .string(self.deliverer == nil ? "off" : "on")]
        )
    }

    /// Stops the workers and waits for the current step of each to finish.
    public func stop() async {
        let running = self.task.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        guard let running else { return }
        running.cancel()
        await running.value
        self.webhookTransport?.shutdown()
        self.services.logger.info("background workers stopped")
    }

    private func loop(_ step: @Sendable (Date) async -> Int) async {
        while !Task.isCancelled {
            _ = await step(self.services.now())
            try? await Task.sleep(for: Self.tickInterval)
        }
    }
}
