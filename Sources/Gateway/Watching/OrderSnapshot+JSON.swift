extension OrderSnapshot {
    /// The snapshot as members of an order object.
    var jsonMembers: [(key: String, value: JSONValue)] {
        [
            ("id", .string(self.orderID)),
            ("status", Self.json(self.status)),
            ("isPaid", .bool(self.isPaid)),
            ("isCancelled", .bool(self.isCancelled)),
            ("isCompleted", .bool(self.isCompleted)),
            (
                "lines",
                .array(
                    self.lines.map { line in
                        .object([
                            ("id", .string(line.id)),
                            ("status", Self.json(line.status)),
                            ("providerOrderId", line.providerOrderID.map(JSONValue.string) ?? .null),
                            ("providerTrackingNumber", line.trackingNumber.map(JSONValue.string) ?? .null),
                        ])
                    }
                )
            ),
            (
                "packages",
                .array(
                    self.packages.map { package in
                        .object([
                            ("id", .string(package.id)),
                            ("trackingNumber", package.trackingNumber.map(JSONValue.string) ?? .null),
                        ])
                    }
                )
            ),
        ]
    }

    /// Reads an order object; nil when it has no `id`.
    init?(json: JSONValue) {
        guard case .string(let id)? = json["id"] else { return nil }
        self.orderID = id
        self.status = Self.status(json["status"])
        self.isPaid = Self.bool(json["isPaid"])
        self.isCancelled = Self.bool(json["isCancelled"])
        self.isCompleted = Self.bool(json["isCompleted"])
        self.lines = Self.array(json["lines"]).compactMap { line in
            guard case .string(let lineID)? = line["id"] else { return nil }
            return Line(
                id: lineID,
                status: Self.status(line["status"]),
                providerOrderID: Self.string(line["providerOrderId"]),
                trackingNumber: Self.string(line["providerTrackingNumber"])
            )
        }
        self.packages = Self.array(json["packages"]).compactMap { package in
            guard case .string(let packageID)? = package["id"] else { return nil }
            return Package(id: packageID, trackingNumber: Self.string(package["trackingNumber"]))
        }
    }

    static func json(_ status: Status) -> JSONValue {
        .object([
            ("id", status.id.map { .number(String($0)) } ?? .null),
            ("name", status.name.map(JSONValue.string) ?? .null),
        ])
    }

    private static func status(_ value: JSONValue?) -> Status {
        var id: Int?
        if case .number(let text)? = value?["id"] {
            id = Int(text)
        }
        return Status(id: id, name: self.string(value?["name"]))
    }

    private static func bool(_ value: JSONValue?) -> Bool {
        if case .bool(let flag)? = value { return flag }
        return false
    }

    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return self.nonEmpty(text) }
        return nil
    }

    private static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }
}
