import HTTPServer
import Store
import Testing

@testable import Gateway

@Suite struct IdempotencyUnitTests {
    private func request(keys: [String]) -> Request {
        var headers = HTTPHeaders()
        for key in keys {
            headers.add("Idempotency-Key", key)
        }
        return Request(method: .post, target: "/orders", headers: headers)
    }

    private func record(hash: String, state: IdempotencyState, response: IdempotencyResponse? = nil)
        -> IdempotencyRecord
    {
        IdempotencyRecord(
            key: "k",
            scope: IdempotencyScope(tokenHash: "t", method: "POST", route: "/orders"),
            requestHash: hash,
            attemptID: "attempt-1",
            state: state,
            response: response,
            createdAt: 1,
            expiresAt: 2
        )
    }

    @Test func keyHeaderRules() throws {
        #expect(IdempotencyKey.maxLength == 255)
        #expect(try IdempotencyKey.parse(self.request(keys: [])) == nil)
        #expect(try IdempotencyKey.parse(self.request(keys: ["a"])) == "a")
        let longest = String(repeating: "k", count: 255)
        #expect(try IdempotencyKey.parse(self.request(keys: [longest])) == longest)
        for bad in [[""], [String(repeating: "k", count: 256)], ["a b"], ["ключ"], ["a\u{7F}"], ["a", "b"]] {
            #expect(throws: Problem.self, "key \(bad)") { try IdempotencyKey.parse(self.request(keys: bad)) }
        }
    }

    @Test func fingerprintIgnoresOrderAndSpacing() throws {
        let first = try JSONParser.parse(Array(#"{"b":[1,{"y":2,"x":"é"}],"a":null}"#.utf8))
        let second = try JSONParser.parse(Array(#" { "a" : null , "b" : [ 1 , { "x" : "é" , "y" : 2 } ] } "#.utf8))
        let changed = try JSONParser.parse(Array(#"{"a":null,"b":[1,{"x":"é","y":3}]}"#.utf8))
        let reordered = try JSONParser.parse(Array(#"{"a":null,"b":[{"x":"é","y":2},1]}"#.utf8))
        #expect(RequestFingerprint.hash(first) == RequestFingerprint.hash(second))
        #expect(RequestFingerprint.hash(first) != RequestFingerprint.hash(changed))
        #expect(RequestFingerprint.hash(first) != RequestFingerprint.hash(reordered))
        #expect(RequestFingerprint.hash(first).count == 64)
    }

    @Test func decisionTable() {
        let stored = IdempotencyResponse(status: 201, headersJSON: "[]", body: [1])
        #expect(
            IdempotencyDecision.decide(
                record: self.record(hash: "h", state: .final, response: stored),
                requestHash: "h",
                isRunning: false
            ) == .replay(stored)
        )
        #expect(
            IdempotencyDecision.decide(
                record: self.record(hash: "h", state: .pending),
                requestHash: "h",
                isRunning: true
            )
                == .inUse
        )
        #expect(
            IdempotencyDecision.decide(
                record: self.record(hash: "h", state: .pending),
                requestHash: "h",
                isRunning: false
            )
                == .resume(attemptID: "attempt-1")
        )
        #expect(
            IdempotencyDecision.decide(
                record: self.record(hash: "h", state: .pending),
                requestHash: "x",
                isRunning: true
            )
                == .reused
        )
        #expect(
            IdempotencyDecision.decide(
                record: self.record(hash: "h", state: .final, response: stored),
                requestHash: "x",
                isRunning: false
            ) == .reused
        )
    }

    @Test func onlyTwoHundredsAndFourHundredsAreFinal() {
        #expect(IdempotencyDecision.isFinal(status: 200, code: nil))
        #expect(IdempotencyDecision.isFinal(status: 201, code: nil))
        #expect(IdempotencyDecision.isFinal(status: 400, code: "invalid_request"))
        #expect(IdempotencyDecision.isFinal(status: 409, code: "partial_order_cancelled"))
        #expect(IdempotencyDecision.isFinal(status: 422, code: "nothing_ordered"))
        #expect(IdempotencyDecision.isFinal(status: 409, code: "idempotency_key_in_use") == false)
        #expect(IdempotencyDecision.isFinal(status: 500, code: "internal_error") == false)
        #expect(IdempotencyDecision.isFinal(status: 503, code: "outcome_unknown") == false)
        #expect(IdempotencyDecision.isFinal(status: 504, code: "ot_timeout") == false)
    }

    @Test func storedResponseReplaysWithMarker() {
        let response = Response(
            status: .created,
            headers: ["Content-Type": "application/json", "Location": "/orders/ORD-0000000001"],
            body: Array(#"{"id":"ORD-0000000001"}"#.utf8)
        )
        let replayed = StoredResponse.replay(StoredResponse.make(response))
        #expect(replayed.status == .created)
        #expect(replayed.body == response.body)
        #expect(replayed.headers["Location"] == "/orders/ORD-0000000001")
        #expect(replayed.headers["Content-Type"] == "application/json")
        #expect(replayed.headers["Idempotent-Replayed"] == "true")
    }

    @Test func attemptIDsAreUniqueHex() {
        let ids = Set((0..<100).map { _ in IdempotencyAttempt.makeID() })
        #expect(ids.count == 100)
        #expect(ids.allSatisfy { $0.count == 24 })
        #expect(ids.allSatisfy { $0.allSatisfy(\.isHexDigit) })
    }
}
