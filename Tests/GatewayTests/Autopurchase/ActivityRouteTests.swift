import Foundation
import Gateway
import OTSimulator
import Store
import Testing

@Suite struct ActivityRouteTests {
    @Test func awaitingActivityAnsweredThroughAPI() async throws {
        let setup = try await AwaitingActivitySetup.start()
        let (harness, clock, work) = (setup.harness, setup.clock, setup.work)
        let (orderID, type, id) = (setup.orderID, setup.type, setup.id)
        let record = try await harness.services.store.gatewayActivity(type: type, id: id)
        #expect(record?.state == .awaitingAction)
        let events = try await harness.services.store.outboxEvents(after: 0, limit: 100)
        #expect(events.map(\.type) == ["activity.awaiting_action"])
        #expect(events.first?.dataJSON.contains("Continue") == true)

        // A second read while still waiting records nothing new.
        clock.advance(seconds: 61)
        #expect(await work.poller.runOnce(now: clock.now) == 1)
        #expect(try await harness.services.store.outboxEvents(after: 0, limit: 100).count == 1)

        let listed = try await harness.send("GET", "/activities?state=awaiting_action")
        #expect(listed.status == 200)
        let items = try #require(listed.json?["activities"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [id])

        let read = try await harness.send("GET", "/activities/\(type)/\(id)")
        #expect(read.status == 200)
        #expect(read.json?["isAwaitingAction"] as? Bool == true)
        #expect(read.json?["orderId"] as? String == orderID)
        let actions = try #require(read.json?["actions"] as? [[String: Any]])
        #expect(actions.map { $0["id"] as? String } == ["Continue", "Cancel"])
        #expect((read.json?["steps"] as? [Any])?.isEmpty == false)

        let answered = try await harness.send("POST", "/activities/\(type)/\(id)/actions/Continue")
        #expect(answered.status == 200)
        #expect(answered.json?["isAwaitingAction"] as? Bool == false)
        #expect(harness.simulator.callCount("DoActionForBackgroundActivity") == 1)

        // The re-read after the answer advanced the activity to its end.
        #expect(answered.json?["isFinished"] as? Bool == true)
        let finished = try await harness.services.store.gatewayActivity(type: type, id: id)
        #expect(finished?.state == .finished)
        #expect(finished?.nextPollAt == nil)
        let types = try await harness.services.store.outboxEvents(after: 0, limit: 100).map(\.type)
        #expect(types == ["activity.awaiting_action", "activity.finished"])
        await harness.stop()
    }

    @Test func unknownActivityAndBadPaths() async throws {
        let harness = try await GatewayHarness.start()
        let unknown = try await harness.send("GET", "/activities/ProviderOrdersIntegrationExporting/424242")
        #expect(unknown.status == 404)
        let badType = try await harness.send("GET", "/activities/bad%20type/1")
        #expect(badType.status == 400)
        let badFilter = try await harness.send("GET", "/activities?state=sleeping")
        #expect(badFilter.status == 400)
        let noToken = try await harness.send(
            "GET",
            "/activities/ProviderOrdersIntegrationExporting/1",
            authorization: nil
        )
        #expect(noToken.status == 401)
        await harness.stop()
    }
}
