import Foundation
import Testing

@testable import OTAPI

@Suite("Request signing")
struct RequestSignerTests {
    @Test("matches the documented test vector")
    func documentedVector() {
        let parameters = [
            OTParameter("language", "ru"),
            OTParameter("instanceKey", "INSTANCEKEY"),
            OTParameter("timestamp", "20210212114345"),
            OTParameter("categoryId", "0"),
        ]
        #expect(
            RequestSigner.stringToSign(method: "GetCategoryInfo", parameters: parameters, secret: "123123")
                == "GetCategoryInfo0INSTANCEKEYru20210212114345123123"
        )
        #expect(
            RequestSigner.signature(method: "GetCategoryInfo", parameters: parameters, secret: "123123")
                == "305330c8b160062a90c9449cd146f4fb79a458d0fe3f04b55908edab5c65f1a5"
        )
    }

    @Test("sorts names byte-wise, so uppercase sorts before lowercase")
    func byteWiseOrder() {
        let sorted = RequestSigner.sortedByName([
            OTParameter("b", "2"), OTParameter("B", "1"), OTParameter("a", "3"), OTParameter("_x", "4"),
        ])
        #expect(sorted.map(\.name) == ["B", "_x", "a", "b"])
    }

    @Test("signs raw values including empty ones and skips the signature")
    func rawAndEmptyValues() {
        let parameters = [
            OTParameter("comment", "a+b & <c> кириллица ="),
            OTParameter("configurationId", ""),
            OTParameter("signature", "previous"),
            OTParameter("amount", "12.5"),
        ]
        #expect(
            RequestSigner.stringToSign(method: "M", parameters: parameters, secret: "s")
                == "M12.5a+b & <c> кириллица =s"
        )
    }

    @Test("hashes UTF-8 bytes")
    func utf8Hash() {
        // SHA-256 of the UTF-8 bytes of "тест", computed with sha256sum.
        #expect(RequestSigner.sha256Hex("тест") == "e34f6dec12c4f4599eba078f31ae8139420d21b1bd2d7ced7d22b09c2074fb48")
    }
}
