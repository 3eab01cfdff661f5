import Foundation
import OTAPI

/// A SOAP 1.1 request to the ASMX address, taken apart: the method named by both the
/// `SOAPAction` header and the body's first element, and that element's children as the
/// call's parameters, in document order.
///
/// NOTE: the reader trims each parameter's text, so a value with leading or trailing
/// whitespace arrives without it, and a signature over such a value no longer matches.
struct SOAPCall: Sendable, Equatable {
    var method: String
    var parameters: [SOAPParameter]

    /// Parses a request; `namespace` is the XML namespace the method element must carry.
    static func parse(
        body: [UInt8],
        contentType: String?,
        soapAction: String?,
        namespace: String
    ) -> Result<SOAPCall, SOAPFault> {
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "text/xml" else {
            return .failure(
                .client("SOAP 1.1 requests need Content-Type text/xml, got \(contentType ?? "none").")
            )
        }
        guard let action = soapAction.map(Self.unquoted), !action.isEmpty else {
            return .failure(.client("The SOAPAction header is missing; send \"\(namespace)<Method>\"."))
        }
        guard action.hasPrefix(namespace) else {
            return .failure(.unrecognizedAction(action))
        }
        let actionMethod = String(action.dropFirst(namespace.count))

        let root: OTXMLNode
        do {
            root = try OTXMLReader.parse(body)
        } catch {
            return .failure(.client("The request body is not a well-formed XML document (\(error))."))
        }
        guard root.name == "Envelope", let soapBody = root.child("Body") else {
            return .failure(.client("The request body is not a SOAP envelope with a Body element."))
        }
        guard let element = soapBody.children.first else {
            return .failure(.client("The SOAP Body is empty; it must contain the method element."))
        }
        guard element.name == actionMethod else {
            return .failure(
                .client("The SOAP Body names the method \(element.name) but SOAPAction names \(actionMethod).")
            )
        }
        // Namespaces are not resolved, so any declaration of the expected namespace on the
        // envelope, the body or the method element counts.
        let declared = [root, soapBody, element].flatMap { node in
            node.attributes.filter { $0.key == "xmlns" || $0.key.hasPrefix("xmlns:") }.map(\.value)
        }
        guard declared.contains(namespace) else {
            return .failure(.client("The method element \(element.name) is not in the namespace \(namespace)."))
        }

        var parameters: [SOAPParameter] = []
        for child in element.children {
            guard child.children.isEmpty else {
                return .failure(
                    .client("Parameter \(child.name) contains elements; send XML parameters as escaped text.")
                )
            }
            parameters.append(SOAPParameter(name: child.name, value: child.text))
        }
        return .success(SOAPCall(method: actionMethod, parameters: parameters))
    }

    static func unquoted(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
        return String(trimmed.dropFirst().dropLast())
    }
}

struct SOAPParameter: Sendable, Equatable {
    var name: String
    var value: String
}

/// A SOAP 1.1 fault: `soap:Client` when the request is at fault, `soap:Server` otherwise.
struct SOAPFault: Error, Sendable, Equatable {
    var code: String
    var message: String

    static func client(_ message: String) -> SOAPFault {
        SOAPFault(code: "soap:Client", message: message)
    }

    /// What an ASMX service answers for a method it does not have.
    static func unrecognizedAction(_ action: String) -> SOAPFault {
        .client("Server did not recognize the value of HTTP Header SOAPAction: \(action).")
    }
}
