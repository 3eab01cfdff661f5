import Foundation
import Testing

@testable import OTAPI

@Suite("XML reader")
struct OTXMLReaderTests {
    func parse(_ text: String) throws(OTXMLReadError) -> OTXMLNode {
        try OTXMLReader.parse(Array(text.utf8))
    }

    @Test("builds a tree with local names, attributes and children")
    func buildsTree() throws {
        let root = try self.parse(
            "<a:Root xmlns:a=\"urn:x\"><a:Item Name=\"Tmall\" a:kind=\"k\">one</a:Item><Item>two</Item></a:Root>"
        )
        #expect(root.name == "Root")
        #expect(root.children.count == 2)
        #expect(root.children[0].name == "Item")
        #expect(root.children[0].attributes["Name"] == "Tmall")
        #expect(root.children[0].attributes["kind"] == "k")
        #expect(root.children(named: "Item").map(\.text) == ["one", "two"])
    }

    @Test("joins entity-split text before trimming once")
    func entitySplitText() throws {
        let root = try self.parse("<r><c>  Tom &amp; Jerry — Том &lt;3 </c></r>")
        #expect(root.childText("c") == "Tom & Jerry — Том <3")
    }

    @Test("keeps CDATA content as text")
    func cdata() throws {
        let root = try self.parse("<r><Comment><![CDATA[a & b <i>]]></Comment><Mixed>x <![CDATA[& y]]> z</Mixed></r>")
        #expect(root.childText("Comment") == "a & b <i>")
        #expect(root.childText("Mixed") == "x & y z")
    }

    @Test("strips a UTF-8 byte order mark and leading whitespace")
    func byteOrderMark() throws {
        let body: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array("\r\n<?xml version=\"1.0\" encoding=\"utf-8\"?><r><ErrorCode>Ok</ErrorCode></r>".utf8)
        let root = try OTXMLReader.parse(body)
        #expect(root.childText("ErrorCode") == "Ok")
    }

    @Test("accepts XML without a declaration")
    func noDeclaration() throws {
        #expect(try self.parse("<r><ErrorCode>Ok</ErrorCode></r>").childText("ErrorCode") == "Ok")
    }

    @Test("rejects an empty or blank body")
    func emptyBody() {
        #expect(throws: OTXMLReadError.empty) { try OTXMLReader.parse([]) }
        #expect(throws: OTXMLReadError.empty) { try self.parse(" \n\t") }
    }

    @Test("rejects invalid UTF-8, also inside a tag name")
    func invalidUTF8() {
        let inTag: [UInt8] = Array("<r><Err".utf8) + [0xFF, 0xFE] + Array(">x</Err></r>".utf8)
        #expect(throws: OTXMLReadError.notUTF8) { try OTXMLReader.parse(inTag) }
        let cutSequence: [UInt8] = Array("<r>".utf8) + [0xD0] + Array("</r>".utf8)
        #expect(throws: OTXMLReadError.notUTF8) { try OTXMLReader.parse(cutSequence) }
    }

    @Test("rejects a DOCTYPE, billion laughs included")
    func doctype() throws {
        let laughs = try Fixtures.bytes("billion-laughs.xml")
        #expect(throws: OTXMLReadError.doctype) { try OTXMLReader.parse(laughs) }
        #expect(throws: OTXMLReadError.doctype) { try self.parse("<!doctype r><r/>") }
        #expect(throws: OTXMLReadError.doctype) {
            try self.parse("<?xml version=\"1.0\"?><!DocType r SYSTEM \"file:///etc/passwd\"><r/>")
        }
    }

    @Test("rejects truncated documents")
    func truncated() throws {
        let full = try Fixtures.text("GetSalesOrderDetails.xml")
        let half = String(full.prefix(full.count / 2))
        #expect(throws: OTXMLReadError.self) { try self.parse(half) }
        #expect(throws: OTXMLReadError.self) { try self.parse("<r><a>x</a>") }
        #expect(throws: OTXMLReadError.self) { try self.parse("<r><a>x</b></r>") }
    }

    @Test("rejects a declared encoding other than UTF-8")
    func otherEncoding() {
        #expect(throws: OTXMLReadError.unsupportedEncoding("windows-1251")) {
            try self.parse("<?xml version=\"1.0\" encoding=\"windows-1251\"?><r>x</r>")
        }
        #expect(throws: Never.self) { try self.parse("<?xml version='1.0' encoding='UTF-8'?><r>x</r>") }
    }

    @Test("caps nesting depth")
    func depthCap() {
        let deep = String(repeating: "<a>", count: 20) + String(repeating: "</a>", count: 20)
        #expect(throws: OTXMLReadError.tooDeep(limit: 10)) { try OTXMLReader.parse(Array(deep.utf8), maxDepth: 10) }
        #expect(throws: Never.self) { try OTXMLReader.parse(Array(deep.utf8), maxDepth: 20) }
        #expect(OTXMLReader.defaultMaxDepth == 64)
    }

    @Test("rejects plain text and HTML fragments that are not XML")
    func notXML() {
        #expect(throws: OTXMLReadError.self) { try self.parse("Service Unavailable") }
        #expect(throws: OTXMLReadError.self) { try self.parse("<html><body><br></body></html>") }
    }

    @Test("parses a 2 MB order detail")
    func largeDocument() throws {
        var text = "<r><ErrorCode>Ok</ErrorCode><Result><SalesLinesList>"
        for index in 0..<24_000 {
            text += "<SalesLine><Id>\(index)</Id><CustComment>строка &amp; line \(index)</CustComment></SalesLine>"
        }
        text += "</SalesLinesList></Result></r>"
        #expect(text.utf8.count > 2_000_000)
        let root = try self.parse(text)
        let lines = root.descendant(["Result", "SalesLinesList"])?.children ?? []
        #expect(lines.count == 24_000)
        #expect(lines.last?.childText("CustComment") == "строка & line 23999")
    }
}
