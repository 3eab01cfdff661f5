import Foundation

/// Reads a `--config FILE`: a JSON object of variable names, or `KEY=VALUE` lines.
///
/// `KEY=VALUE` lines are trimmed, `#` starts a comment only at the start of a line (so a
/// password may contain `#`), and one pair of matching quotes around a value is removed. In
/// JSON, numbers and booleans are taken as their text and `null` leaves the variable unset.
enum ConfigurationFile {
    struct Contents: Equatable {
        var values: [String: String] = [:]
        var problems: [ConfigurationProblem] = []
    }

    static func read(path: String) -> Contents {
        let subject = "--config \(path)"
        guard let data = FileManager.default.contents(atPath: path) else {
            return Contents(problems: [
                ConfigurationProblem(subject: subject, message: "file not found or not readable")
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Contents(problems: [ConfigurationProblem(subject: subject, message: "file is not valid UTF-8")])
        }
        return self.parse(text, subject: subject)
    }

    /// Parses the text of a config file; `subject` names the file in problems.
    static func parse(_ text: String, subject: String) -> Contents {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if body.drop(while: \.isWhitespace).hasPrefix("{") {
            return self.parseJSON(body, subject: subject)
        }
        return self.parseKeyValueLines(body, subject: subject)
    }

    private static func parseJSON(_ text: String, subject: String) -> Contents {
        let object: [String: JSONScalar]
        do {
            object = try JSONDecoder().decode([String: JSONScalar].self, from: Data(text.utf8))
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            let key = context.codingPath[0].stringValue
            return Contents(problems: [
                ConfigurationProblem(subject: subject, message: "\(key): expected a string, number, boolean or null")
            ])
        } catch {
            return Contents(problems: [
                ConfigurationProblem(
                    subject: subject,
                    message: "invalid JSON: expected an object of variable names and values"
                )
            ])
        }

        var contents = Contents()
        for key in object.keys.sorted() {
            guard ConfigurationVariable(rawValue: key) != nil else {
                contents.problems.append(ConfigurationProblem(subject: subject, message: "unknown variable \"\(key)\""))
                continue
            }
            if let value = object[key]?.text {
                contents.values[key] = value
            }
        }
        return contents
    }

    private static func parseKeyValueLines(_ text: String, subject: String) -> Contents {
        var contents = Contents()
        var lineOfKey: [String: Int] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)

        for (offset, rawLine) in lines.enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") {
                continue
            }
            // The line itself is not quoted in problems because it may contain a secret.
            guard let equals = line.firstIndex(of: "=") else {
                contents.problems.append(
                    ConfigurationProblem(subject: subject, message: "line \(lineNumber): expected KEY=VALUE")
                )
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard ConfigurationVariable(rawValue: key) != nil else {
                contents.problems.append(
                    ConfigurationProblem(subject: subject, message: "line \(lineNumber): unknown variable \"\(key)\"")
                )
                continue
            }
            if let firstLine = lineOfKey[key] {
                contents.problems.append(
                    ConfigurationProblem(
                        subject: subject,
                        message: "line \(lineNumber): \(key) is already set on line \(firstLine)"
                    )
                )
                continue
            }
            lineOfKey[key] = lineNumber
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            contents.values[key] = self.unquoted(value)
        }
        return contents
    }

    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }
}

/// A JSON scalar taken as the text an environment variable would contain.
private struct JSONScalar: Decodable {
    /// Nil for JSON `null`.
    let text: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self.text = nil
        } else if let string = try? container.decode(String.self) {
            self.text = string
        } else if let boolean = try? container.decode(Bool.self) {
            self.text = boolean ? "true" : "false"
        } else if let integer = try? container.decode(Int.self) {
            self.text = String(integer)
        } else if let number = try? container.decode(Double.self) {
            self.text = String(number)
        } else {
            throw DecodingError.typeMismatch(
                String.self,
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a JSON scalar")
            )
        }
    }
}
