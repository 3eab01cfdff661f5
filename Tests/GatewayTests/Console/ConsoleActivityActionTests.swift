import Foundation
import Gateway
import OTSimulator
import Testing

/// The console lists activities waiting for an operator with OT's actions, and answers them.
@Suite struct ConsoleActivityActionTests {
    private var basic: String {
        "Basic " + Data("operator:\(GatewayHarness.consolePassword)".utf8).base64EncodedString()
    }

    @Test func waitingActivityListedAndAnswered() async throws {
        let setup = try await AwaitingActivitySetup.start()
        let (harness, type, id) = (setup.harness, setup.type, setup.id)

        let listed = try await harness.send("GET", "/console/api/activities", authorization: self.basic)
        #expect(listed.status == 200, "\(listed.text)")
        let items = try #require(listed.json?["activities"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [id])
        let actions = try #require(items.first?["actions"] as? [[String: Any]])
        #expect(actions.map { $0["id"] as? String } == ["Continue", "Cancel"])

        let path = "/console/api/activities/\(type)/\(id)/actions/Continue"
        let forged = try await harness.send("POST", path, authorization: self.basic)
        #expect(forged.status == 403)
        #expect(harness.simulator.callCount("DoActionForBackgroundActivity") == 0)

        let unsigned = try await harness.send("POST", path, headers: ["X-OTGW-Console": "1"], authorization: nil)
        #expect(unsigned.status == 401)

        let answered = try await harness.send(
            "POST",
            path,
            headers: ["X-OTGW-Console": "1"],
            authorization: self.basic
        )
        #expect(answered.status == 200, "\(answered.text)")
        #expect(answered.json?["isAwaitingAction"] as? Bool == false)
        #expect(harness.simulator.callCount("DoActionForBackgroundActivity") == 1)
        await harness.stop()
    }
}
