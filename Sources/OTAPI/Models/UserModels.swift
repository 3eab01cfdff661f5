/// `GetUserInfo`: the logged-in customer. Only `Id` is required.
public struct UserInfo: Sendable, Equatable {
    /// The numeric user id, which money methods take as `customerId`.
    public var id: String
    public var login: String?
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    public var phone: String?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.login = d.string("Login")
        self.email = d.string("Email")
        self.firstName = d.string("FirstName")
        self.lastName = d.string("LastName")
        self.phone = d.string("Phone")
    }
}

/// A customer delivery profile (`GetUserProfileInfoList`). `AddOrder` takes its `id` as
/// `UserProfileId`.
public struct UserProfile: Sendable, Equatable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var middleName: String?
    public var countryCode: String?
    public var region: String?
    public var city: String?
    public var address: String?
    public var phone: String?
    public var postalCode: String?
    /// The OT Box uses this as `DeliveryModeId` when it adds orders for the profile.
    public var externalDeliveryId: String?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.firstName = d.string("FirstName")
        self.lastName = d.string("LastName")
        self.middleName = d.string("MiddleName")
        self.countryCode = d.string("CountryCode")
        self.region = d.string("Region")
        self.city = d.string("City")
        self.address = d.string("Address")
        self.phone = d.string("Phone")
        self.postalCode = d.string("PostalCode")
        self.externalDeliveryId = d.string("ExternalDeliveryId")
    }
}

/// A delivery mode of `GetDeliveryModesWithPrice`.
public struct DeliveryMode: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var description: String?
    public var currencyCode: String?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.name = d.string("Name")
        self.description = d.string("Description")
        self.currencyCode = d.string("CurrencyCode")
    }
}
