import Foundation
import Testing

@testable import OTAPI

@Suite("XML writer")
struct OTXMLWriterTests {
    static let hostileTexts = [
        "Tom & Jerry <b>",
        "</Comment><UserProfileId>999</UserProfileId><Comment>",
        "]]>",
        "quote \" and apostrophe '",
        "emoji 😀👍🏽 and flags 🇷🇺",
        "Кириллица: заказ №42",
        "中文评论：请尽快发货",
        "line one\nline two\r\nline three\twith tab",
        "&amp; already escaped &lt;",
    ]

    @Test("hostile comments round-trip through the reader as text")
    func hostileRoundTrip() throws {
        for text in Self.hostileTexts {
            let data = OrderAddData(
                deliveryModeId: "FREE-EXT-1",
                userProfileId: "2574758",
                comment: text,
                items: [OrderAddItem(itemId: "600000000001", quantity: 1, comment: text)]
            )
            let xml = try data.xmlString()
            let root = try OTXMLReader.parse(Array(xml.utf8))
            #expect(root.name == "OrderAddData")
            #expect(root.childText("Comment") == text.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(root.childText("UserProfileId") == "2574758")
            #expect(root.children(named: "UserProfileId").count == 1)
            #expect(root.descendant(["Items", "Item", "Comment"])?.text == text)
        }
    }

    @Test("escapes the five XML special characters")
    func escapesSpecials() throws {
        let xml = try OTXMLWriter.string(OTXMLNode(name: "C", text: "& < > \" '"))
        #expect(xml == "<C>&amp; &lt; &gt; &quot; &apos;</C>")
    }

    @Test("keeps a carriage return through the reader")
    func carriageReturn() throws {
        let xml = try OTXMLWriter.string(OTXMLNode(name: "r", children: [OTXMLNode(name: "C", text: "a\r\nb")]))
        #expect(xml.contains("&#xD;"))
        #expect(try OTXMLReader.parse(Array(xml.utf8)).childText("C") == "a\r\nb")
    }

    @Test("rejects XML-forbidden characters naming the field")
    func forbiddenCharacters() {
        let data = OrderAddData(
            deliveryModeId: "FREE-EXT-1",
            userProfileId: nil,
            comment: "ok",
            items: [OrderAddItem(itemId: "1", quantity: 1, comment: "bad \u{01} byte")]
        )
        #expect(throws: OTXMLWriteError.invalidCharacter(field: "OrderAddData/Items/Item/Comment", scalar: 1)) {
            try data.xmlString()
        }
        #expect(throws: OTXMLWriteError.invalidCharacter(field: "C", scalar: 0xFFFE)) {
            try OTXMLWriter.string(OTXMLNode(name: "C", text: "x\u{FFFE}"))
        }
    }

    @Test("omits an empty comment and an absent one alike")
    func emptyComment() throws {
        let absent = OrderAddData(
            deliveryModeId: "D",
            userProfileId: "1",
            comment: nil,
            items: [OrderAddItem(itemId: "9", quantity: 1)]
        )
        var empty = absent
        empty.comment = ""
        #expect(try absent.xmlString() == empty.xmlString())
        #expect(!(try absent.xmlString()).contains("Comment"))
    }

    @Test("writes OrderAddData in the documented shape without a declaration")
    func orderAddDataShape() throws {
        let data = OrderAddData(
            deliveryModeId: "FREE-EXT-1",
            userProfileId: "123456",
            comment: "gateway order 42",
            items: [
                OrderAddItem(
                    itemId: "600000000001",
                    configurationId: "4000000000001",
                    quantity: 2,
                    weight: Decimal(string: "0.25")
                ),
                OrderAddItem(itemId: "600000000002", quantity: 1),
            ]
        )
        #expect(
            try data.xmlString()
                == "<OrderAddData><DeliveryModeId>FREE-EXT-1</DeliveryModeId><UserProfileId>123456</UserProfileId>"
                + "<Comment>gateway order 42</Comment><Items>"
                + "<Item><Id>600000000001</Id><ConfigurationId>4000000000001</ConfigurationId><Quantity>2</Quantity><Weight>0.25</Weight></Item>"
                + "<Item><Id>600000000002</Id><Quantity>1</Quantity></Item></Items></OrderAddData>"
        )
    }

    @Test("writes export, synchronisation and search parameters")
    func otherParameters() throws {
        #expect(
            try OrderExportParameters(orderId: "ORD-0000000042", orderLineIds: ["1001", "1002"]).xmlString()
                == "<Parameters><OrderId>ORD-0000000042</OrderId><OrderLineIds><Id>1001</Id><Id>1002</Id></OrderLineIds></Parameters>"
        )
        #expect(
            try OrderExportParameters(orderId: "ORD-1").xmlString()
                == "<Parameters><OrderId>ORD-1</OrderId></Parameters>"
        )
        #expect(
            try OrdersSynchronizationParameters(orderIds: ["ORD-1", "ORD-2"]).xmlString()
                == "<Parameters><OrderIds><Id>ORD-1</Id><Id>ORD-2</Id></OrderIds></Parameters>"
        )
        let search = OrderSearchParameters(
            orderIds: ["ORD-1"],
            statusIds: [10, 20],
            creationDateFrom: TestConfiguration.fixedDate,
            providerType: "Taobao"
        )
        #expect(
            try search.xmlString()
                == "<OrderSearchParameters><OrderIds><Id>ORD-1</Id></OrderIds><StatusIdList><Id>10</Id><Id>20</Id></StatusIdList>"
                + "<CreationDateFrom>2021-02-12T11:43:45</CreationDateFrom><ProviderType>Taobao</ProviderType></OrderSearchParameters>"
        )
    }

    @Test("output stays whole UTF-8 for multi-byte text")
    func wholeUTF8() throws {
        let text = String(repeating: "中", count: 300) + "😀"
        let xml = try OTXMLWriter.string(OTXMLNode(name: "C", text: text))
        #expect(String(validating: Array(xml.utf8), as: UTF8.self) != nil)
        #expect(try OTXMLReader.parse(Array(xml.utf8)).text == text)
    }
}
