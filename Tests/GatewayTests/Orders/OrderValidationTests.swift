import Foundation
import HTTPServer
import Testing

@testable import Gateway

/// The `POST /orders` input rules, checked without a server.
@Suite struct OrderValidationTests {
    static let validLine = #"{"itemId":"abb-1","configurationId":"4000000000001","quantity":2}"#

    /// Parses `json` as the body's top-level object.
    private func members(_ json: String) throws -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = try JSONParser.parse(Array(json.utf8)) else {
            throw POSIXError(.EINVAL)
        }
        return members
    }

    /// Returns the field errors of validating `json`, or nil when it is valid.
    private func fieldErrors(_ json: String) throws -> [Problem.FieldError]? {
        do {
            _ = try OrderRequestValidator.validate(try self.members(json))
            return nil
        } catch let problem as Problem {
            #expect(problem.status == .badRequest)
            #expect(problem.code == "invalid_request")
            return problem.fieldErrors
        }
    }

    private func fields(_ json: String) throws -> [String] {
        try self.fieldErrors(json)?.map(\.field) ?? []
    }

    @Test func limitsArePinned() {
        #expect(OrderLimits.maxBodyBytes == 262_144)
        #expect(OrderLimits.lineCount == 1...200)
        #expect(OrderLimits.itemIDLength == 1...128)
        #expect(OrderLimits.configurationIDLength == 1...64)
        #expect(OrderLimits.quantity == 1...10_000)
        #expect(OrderLimits.maxCommentLength == 1_000)
        #expect(OrderLimits.externalIDLength == 1...64)
        #expect(OrderLimits.maxOptionalIDLength == 64)
    }

    @Test func fullRequestParses() throws {
        let json = """
            {"externalId":"SHOP-1001","comment":"gift wrap\\n\\tthanks","onPartial":"accept",
             "deliveryModeId":"EMS","userProfileId":"200001",
             "lines":[{"itemId":"abb-560724366248","configurationId":"4000000000001","quantity":2,
                       "weight":"0.50","comment":"red, size M","promotionId":null},
                      {"itemId":"abb-2","quantity":1,"promotionId":"promo-1"}]}
            """
        let request = try OrderRequestValidator.validate(try self.members(json))
        #expect(request.externalID == "SHOP-1001")
        #expect(request.comment == "gift wrap\n\tthanks")
        #expect(request.onPartial == .accept)
        #expect(request.deliveryModeID == "EMS")
        #expect(request.userProfileID == "200001")
        #expect(request.lines.count == 2)
        #expect(request.lines[0].weight == Decimal(string: "0.5"))
        #expect(request.lines[0].promotionID == nil)
        #expect(request.lines[1].configurationID == "0")
        #expect(request.lines[1].promotionID == "promo-1")
    }

    @Test func onPartialDefaultsToCancel() throws {
        let request = try OrderRequestValidator.validate(try self.members(#"{"lines":[\#(Self.validLine)]}"#))
        #expect(request.onPartial == .cancel)
        #expect(request.externalID == nil)
    }

    @Test func emptyBodyNeedsLines() throws {
        #expect(try self.fields("{}") == ["lines"])
    }

    @Test func unknownFieldsAreListed() throws {
        let json = #"{"lines":[{"itemId":"a","quantity":1,"colour":"red"}],"priority":1}"#
        #expect(try self.fields(json) == ["priority", "lines[0].colour"])
    }

    @Test func lineCountLimits() throws {
        #expect(try self.fields(#"{"lines":[]}"#) == ["lines"])
        let tooMany = Array(repeating: Self.validLine, count: 201).joined(separator: ",")
        #expect(try self.fields(#"{"lines":[\#(tooMany)]}"#) == ["lines"])
        let most = Array(repeating: Self.validLine, count: 200).joined(separator: ",")
        #expect(try self.fieldErrors(#"{"lines":[\#(most)]}"#) == nil)
        #expect(try self.fields(#"{"lines":{"itemId":"a"}}"#) == ["lines"])
        #expect(try self.fields(#"{"lines":["abb-1"]}"#) == ["lines[0]"])
    }

    @Test func itemIDRules() throws {
        let long = String(repeating: "x", count: 129)
        let cases = ["\"\"", "\"\(long)\"", #""a\u0001b""#, #""   ""#, "12", "null"]
        for value in cases {
            let json = #"{"lines":[{"itemId":\#(value),"quantity":1}]}"#
            #expect(try self.fields(json) == ["lines[0].itemId"], "itemId \(value)")
        }
        #expect(try self.fields(#"{"lines":[{"quantity":1}]}"#) == ["lines[0].itemId"])
        let longest = String(repeating: "я", count: 128)
        #expect(try self.fieldErrors(#"{"lines":[{"itemId":"\#(longest)","quantity":1}]}"#) == nil)
    }

    @Test func configurationIDRules() throws {
        let long = String(repeating: "1", count: 65)
        for value in ["\"\"", "\"\(long)\"", #""a b""#, #""4000;1""#, #""конфиг""#, "0"] {
            let json = #"{"lines":[{"itemId":"a","configurationId":\#(value),"quantity":1}]}"#
            #expect(try self.fields(json) == ["lines[0].configurationId"], "configurationId \(value)")
        }
        for value in ["0", "1627207:28341", "Abc_9-x"] {
            let json = #"{"lines":[{"itemId":"a","configurationId":"\#(value)","quantity":1}]}"#
            #expect(try self.fieldErrors(json) == nil, "configurationId \(value)")
        }
    }

    @Test func quantityRules() throws {
        for value in ["0", "10001", "-1", "1.5", "2.0", "1e2", "\"2\"", "null", "99999999999999999999"] {
            let json = #"{"lines":[{"itemId":"a","quantity":\#(value)}]}"#
            #expect(try self.fields(json) == ["lines[0].quantity"], "quantity \(value)")
        }
        #expect(try self.fields(#"{"lines":[{"itemId":"a"}]}"#) == ["lines[0].quantity"])
        for value in ["1", "10000"] {
            #expect(try self.fieldErrors(#"{"lines":[{"itemId":"a","quantity":\#(value)}]}"#) == nil)
        }
    }

    @Test func weightRules() throws {
        for value in ["0.5", "-0.5", "1e2", "abc", "1,5", " 1"] where value != "0.5" {
            let json = #"{"lines":[{"itemId":"a","quantity":1,"weight":"\#(value)"}]}"#
            #expect(try self.fields(json) == ["lines[0].weight"], "weight \(value)")
        }
        #expect(try self.fields(#"{"lines":[{"itemId":"a","quantity":1,"weight":0.5}]}"#) == ["lines[0].weight"])
        let exact = #"{"lines":[{"itemId":"a","quantity":1,"weight":"0.1000000000000000055511151231257827"}]}"#
        let request = try OrderRequestValidator.validate(try self.members(exact))
        #expect(request.lines[0].weight == Decimal(string: "0.1000000000000000055511151231257827"))
        #expect(try self.fieldErrors(#"{"lines":[{"itemId":"a","quantity":1,"weight":"0"}]}"#) == nil)
    }

    @Test func commentRules() throws {
        let longest = String(repeating: "好", count: 1_000)
        let tooLong = String(repeating: "a", count: 1_001)
        #expect(try self.fieldErrors(#"{"comment":"\#(longest)","lines":[\#(Self.validLine)]}"#) == nil)
        #expect(try self.fields(#"{"comment":"\#(tooLong)","lines":[\#(Self.validLine)]}"#) == ["comment"])
        for escape in [#"\r"#, #"\u0000"#, #"\u001b"#, #"\u0085"#, #"\uffff"#] {
            let json = #"{"comment":"a\#(escape)b","lines":[{"itemId":"a","quantity":1,"comment":"x\#(escape)"}]}"#
            #expect(try self.fields(json) == ["comment", "lines[0].comment"], "comment with \(escape)")
        }
        let hostile = #"{"comment":"Tom & Jerry <b></Comment>]]> 🎁 кириллица 中文\n\t","lines":[\#(Self.validLine)]}"#
        #expect(try self.fieldErrors(hostile) == nil)
    }

    @Test func externalIDRules() throws {
        let long = String(repeating: "E", count: 65)
        for value in ["\"\"", "\"\(long)\"", #""SHOP 1""#, #""ЗАКАЗ-1""#, #""a\tb""#, "1001", "null"] {
            #expect(try self.fields(#"{"externalId":\#(value),"lines":[\#(Self.validLine)]}"#) == ["externalId"])
        }
        let longest = String(repeating: "E", count: 64)
        #expect(try self.fieldErrors(#"{"externalId":"\#(longest)","lines":[\#(Self.validLine)]}"#) == nil)
    }

    @Test func onPartialAndOptionalIDRules() throws {
        #expect(try self.fields(#"{"onPartial":"keep","lines":[\#(Self.validLine)]}"#) == ["onPartial"])
        #expect(try self.fields(#"{"deliveryModeId":"","lines":[\#(Self.validLine)]}"#) == ["deliveryModeId"])
        #expect(try self.fields(#"{"userProfileId":5,"lines":[\#(Self.validLine)]}"#) == ["userProfileId"])
        #expect(
            try self.fields(#"{"lines":[{"itemId":"a","quantity":1,"promotionId":7}]}"#) == ["lines[0].promotionId"]
        )
    }

    @Test func everyBadFieldIsListed() throws {
        let json = #"""
            {"externalId":"","comment":"\u0001","onPartial":"x",
             "lines":[{"itemId":"a","quantity":1},{"itemId":"","quantity":0,"weight":"-1"}]}
            """#
        let errors = try self.fieldErrors(json) ?? []
        #expect(
            errors.map(\.field) == [
                "externalId", "comment", "onPartial", "lines[1].itemId", "lines[1].quantity", "lines[1].weight",
            ]
        )
        #expect(errors.first { $0.field == "lines[1].quantity" }?.message == "must be an integer between 1 and 10000")
    }
}
