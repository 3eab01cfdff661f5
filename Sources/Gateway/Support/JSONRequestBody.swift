import HTTPServer

/// Reads a request body as a JSON object: an empty body counts as `{}`, and anything that is
/// not a UTF-8 JSON object is a 400 `invalid_request`.
public enum JSONRequestBody {
    public static func object(_ request: Request) throws(Problem) -> [(key: String, value: JSONValue)] {
        if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return []
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body)
        } catch {
            throw Problem.badRequest("The body is not valid JSON: \(error.description).")
        }
        guard case .object(let members) = value else {
            throw Problem.badRequest("The body must be a JSON object, not \(value.typeName).")
        }
        return members
    }
}
