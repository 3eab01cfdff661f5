import Foundation
import Testing

@testable import Gateway

@Suite struct ProviderReturnURLTests {
    @Test func returnURLHasNoQuery() {
        let url = ProviderReturnURL.make(publicURL: URL(string: "https://gw.example/return?op=42")!, state: "abc")
        #expect(url == "https://gw.example/return/taobao/return/abc")
    }

    @Test func returnURLDropsTrailingSlashAndCase() {
        let url = ProviderReturnURL.make(publicURL: URL(string: "https://GW.Example:8443/base/")!, state: "S-1_x")
        #expect(url == "https://gw.example:8443/base/taobao/return/S-1_x")
        let plain = ProviderReturnURL.make(publicURL: URL(string: "http://127.0.0.1:8080")!, state: "abc")
        #expect(plain == "http://127.0.0.1:8080/taobao/return/abc")
    }
}

@Suite struct ProviderReturnCallbackTests {
    @Test func plainStateHasNoError() {
        let callback = ProviderReturnCallback.parse(rawStateSegment: "abcDEF123-_", rawQuery: nil)
        #expect(callback == ProviderReturnCallback(state: "abcDEF123-_"))
    }

    @Test func queryErrorIsRead() {
        let callback = ProviderReturnCallback.parse(
            rawStateSegment: "state1",
            rawQuery: "error=access_denied&error_description=authorize+reject&state=state1"
        )
        #expect(callback?.error == "access_denied")
        #expect(callback?.errorDescription == "authorize reject")
    }

    @Test func oddlyJoinedParametersAreRead() {
        let cases: [(Substring, Substring?)] = [
            ("state1&error=denied&error_description=no%20way", nil),
            ("state1;error=denied", "error_description=no%20way"),
            ("state1", "?error=denied?error_description=no way"),
            ("state1", "&&error=denied&error_description=no%20way&x=%ZZ"),
        ]
        for (segment, query) in cases {
            let callback = ProviderReturnCallback.parse(rawStateSegment: segment, rawQuery: query)
            #expect(callback?.state == "state1", "\(segment) \(query ?? "")")
            #expect(callback?.error == "denied", "\(segment) \(query ?? "")")
        }
    }

    @Test func emptyErrorIsNoError() {
        let callback = ProviderReturnCallback.parse(rawStateSegment: "state1", rawQuery: "error=&session=1")
        #expect(callback?.error == nil)
    }

    @Test func longErrorTextIsCut() {
        let long = String(repeating: "x", count: 5000)
        let callback = ProviderReturnCallback.parse(
            rawStateSegment: "state1",
            rawQuery: Substring("error=\(long)&error_description=\(long)")
        )
        #expect(callback?.error?.count == ProviderReturnCallback.maxErrorLength)
        #expect(callback?.errorDescription?.count == ProviderReturnCallback.maxDescriptionLength)
    }

    @Test func segmentWithoutStateIsRejected() {
        #expect(ProviderReturnCallback.parse(rawStateSegment: "", rawQuery: nil) == nil)
        #expect(ProviderReturnCallback.parse(rawStateSegment: "&error=x", rawQuery: nil) == nil)
        #expect(ProviderReturnCallback.parse(rawStateSegment: "%3Cscript", rawQuery: nil) == nil)
        let long = Substring(String(repeating: "a", count: RandomToken.maxAcceptedLength + 1))
        #expect(ProviderReturnCallback.parse(rawStateSegment: long, rawQuery: nil) == nil)
    }
}

@Suite struct ProviderSessionChangeDetectorTests {
    let buyer = ProviderSessionEntry(id: "s1", name: "tb_buyer_1", balance: "10", currency: "CNY")
    let other = ProviderSessionEntry(id: "s2", name: "tb_other", balance: "0", currency: "CNY")

    @Test func newAccountIsAdded() {
        let detector = ProviderSessionChangeDetector(before: [self.buyer], account: nil)
        let added = ProviderSessionEntry(id: "s9", name: "tb_new", balance: "0", currency: "CNY")
        let finding = detector.detect(after: [self.buyer, added])
        #expect(finding == .init(account: "tb_new", sessionID: "s9", change: .added))
        #expect(finding?.isConclusive == true)
    }

    @Test func refreshWithNewIDIsReplaced() {
        let detector = ProviderSessionChangeDetector(before: [self.buyer, self.other], account: "tb_buyer_1")
        let renewed = ProviderSessionEntry(id: "s7", name: "tb_buyer_1", balance: "10", currency: "CNY")
        #expect(
            detector.detect(after: [self.other, renewed])
                == .init(account: "tb_buyer_1", sessionID: "s7", change: .replaced)
        )
    }

    @Test func changedEntryIsUpdated() {
        var changed = self.buyer
        changed.balance = "12.5"
        for account in [nil, "tb_buyer_1"] as [String?] {
            let detector = ProviderSessionChangeDetector(before: [self.buyer, self.other], account: account)
            #expect(
                detector.detect(after: [changed, self.other])
                    == .init(account: "tb_buyer_1", sessionID: "s1", change: .updated)
            )
        }
    }

    @Test func unchangedNamedAccountIsWeakSuccess() {
        let detector = ProviderSessionChangeDetector(before: [self.buyer], account: "tb_buyer_1")
        let finding = detector.detect(after: [self.buyer])
        #expect(finding == .init(account: "tb_buyer_1", sessionID: "s1", change: .unchanged))
        #expect(finding?.isConclusive == false)
    }

    @Test func nothingChangedFindsNothing() {
        #expect(ProviderSessionChangeDetector(before: [self.buyer], account: nil).detect(after: [self.buyer]) == nil)
        #expect(ProviderSessionChangeDetector(before: [], account: "tb_missing").detect(after: []) == nil)
        #expect(
            ProviderSessionChangeDetector(before: [self.buyer], account: "tb_missing").detect(after: [self.buyer])
                == nil
        )
    }

    @Test func otherAccountLoggedInIsReported() {
        let detector = ProviderSessionChangeDetector(before: [self.buyer], account: "tb_buyer_1")
        let added = ProviderSessionEntry(id: "s3", name: "tb_other_login", balance: nil, currency: nil)
        #expect(
            detector.detect(after: [self.buyer, added])
                == .init(account: "tb_other_login", sessionID: "s3", change: .added)
        )
    }

    @Test func snapshotRoundTrips() {
        let entries = [self.buyer, ProviderSessionEntry(id: "x\"<", name: nil, balance: nil, currency: nil)]
        #expect(ProviderSessionEntry.decode(ProviderSessionEntry.encode(entries)) == entries)
        #expect(ProviderSessionEntry.decode("not json") == nil)
        #expect(ProviderSessionEntry.decode(#"[{"name":"no id"}]"#) == nil)
    }
}

@Suite struct ProviderConnectOutcomeTests {
    @Test func outcomesRoundTrip() {
        let outcomes: [ProviderConnectOutcome] = [
            .connected(account: "tb_buyer_1", sessionID: "s1", change: .replaced),
            .refused(error: "access_denied", description: "<script>"),
            .refused(error: "x", description: nil),
            .noNewSession,
            .cancelled,
            .checkFailed(detail: "OT is unavailable"),
        ]
        for outcome in outcomes {
            #expect(ProviderConnectOutcome.decode(outcome.encoded) == outcome)
        }
        #expect(ProviderConnectOutcome.decode(#"{"result":"unknown"}"#) == nil)
    }
}

@Suite struct RandomTokenTests {
    @Test func tokensAreLongAndURLSafe() throws {
        let first = try RandomToken.make()
        let second = try RandomToken.make()
        #expect(first != second)
        #expect(first.count == 32)
        #expect(RandomToken.byteCount * 8 >= 128)
        #expect(RandomToken.isWellFormed(Substring(first)))
    }

    @Test func base64URLMatchesKnownValues() {
        #expect(RandomToken.base64URL([0xFB, 0xFF]) == "-_8")
        #expect(RandomToken.base64URL(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(RandomToken.base64URL(Array("fo".utf8)) == "Zm8")
    }
}

@Suite struct ProviderConnectLimitsTests {
    @Test func standardTimingIsPinned() {
        let timing = ProviderConnectTiming.standard
        #expect(timing.stateLifetime == .seconds(900))
        #expect(timing.sessionPollWindow == .seconds(10))
        #expect(timing.sessionPollInterval == .milliseconds(500))
        #expect(timing.outcomeWaitWindow > timing.sessionPollWindow)
        #expect(ProviderConnectStarter.maxAccountLength == 64)
        #expect(Duration.milliseconds(1500).wholeMilliseconds == 1500)
    }

    @Test func hoursTextIsShortDecimal() {
        #expect(ProviderSessionListing.hoursText(milliseconds: 0) == "0")
        #expect(ProviderSessionListing.hoursText(milliseconds: 3_600_000 * 20) == "20")
        #expect(ProviderSessionListing.hoursText(milliseconds: 3_600_000 * 7 / 2) == "3.5")
        #expect(ProviderSessionListing.hoursText(milliseconds: 36_000) == "0.01")
        #expect(ProviderSessionListing.hoursText(milliseconds: 35_999) == "0")
    }

    @Test func redirectMustBeHTTP() {
        #expect(ProviderConnectStarter.isAcceptableRedirect("https://login.example/x?y=1"))
        #expect(ProviderConnectStarter.isAcceptableRedirect("http://127.0.0.1:9/login"))
        for bad in ["javascript:alert(1)", "//evil.example/x", "ftp://host/x", "https://", "https://a b", "/relative"] {
            #expect(!ProviderConnectStarter.isAcceptableRedirect(bad), "\(bad)")
        }
    }
}
