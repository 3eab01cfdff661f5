extension OTAPIClient {
    /// `GetProviderInfo` (no session): whether autopurchase is available and enabled.
    public func getProviderInfo(providerType: String) async throws(OTAPIError) -> ProviderInfo {
        let method = OTMethod.getProviderInfo
        let envelope = try await self.perform(
            OTCall(method, [OTParameter(OTParameterName.providerType, providerType)])
        )
        return try ProviderInfo(self.result(envelope, method))
    }

    /// `GetProviderOrdersIntegrationSettings` (operator session), without meta information.
    public func getProviderOrdersIntegrationSettings(
        providerType: String
    ) async throws(OTAPIError) -> ProviderIntegrationSettings {
        let method = OTMethod.getProviderOrdersIntegrationSettings
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.providerType, providerType),
                OTParameter(OTParameterName.includeMetaInfo, OTWireFormat.bool(false)),
            ]
        )
        return ProviderIntegrationSettings(try self.result(await self.perform(call), method))
    }

    /// `GetProviderOrdersIntegrationSessionAuthenticationInfo` (operator session): the page
    /// where the operator logs a marketplace account in; OT sends the browser back to
    /// `returnUrl` afterwards.
    public func getProviderOrdersIntegrationSessionAuthenticationInfo(
        providerType: String,
        returnUrl: String
    ) async throws(OTAPIError) -> ProviderAuthenticationInfo {
        let method = OTMethod.getProviderOrdersIntegrationSessionAuthenticationInfo
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.providerType, providerType),
                OTParameter(OTParameterName.returnUrl, returnUrl),
            ]
        )
        return try ProviderAuthenticationInfo(self.result(await self.perform(call), method))
    }

    /// `GetProviderOrdersIntegrationSessionInfoList` (operator session): logged-in
    /// marketplace accounts.
    public func getProviderOrdersIntegrationSessionInfoList(
        providerType: String
    ) async throws(OTAPIError) -> [ProviderSession] {
        let method = OTMethod.getProviderOrdersIntegrationSessionInfoList
        let envelope = try await self.perform(
            OTCall(method, [OTParameter(OTParameterName.providerType, providerType)])
        )
        let result = try self.result(envelope, method)
        var sessions: [ProviderSession] = []
        for item in self.items(result, shapes: [("Content", "Item"), (nil, "Item")]) {
            sessions.append(try ProviderSession(item))
        }
        return sessions
    }

    /// `RunOrderExportingToProvider` (operator session, write): starts booking the order at
    /// the provider. Poll the returned activity with `getBackgroundActivityInfo`.
    public func runOrderExportingToProvider(
        providerType: String,
        providerSessionId: String,
        parameters: OrderExportParameters
    ) async throws(OTAPIError) -> BackgroundActivityID {
        try await self.startProviderActivity(
            .runOrderExportingToProvider,
            providerType: providerType,
            providerSessionId: providerSessionId,
            xmlParameters: try self.xml(parameters)
        )
    }

    /// `RunOrdersSynchronizingWithProvider` (operator session, write): starts pulling statuses
    /// and tracking numbers from the provider. `xmlParameters` is not in the OT Box's
    /// generated contract but other clients send it; OT ignores unknown parameters.
    public func runOrdersSynchronizingWithProvider(
        providerType: String,
        providerSessionId: String,
        parameters: OrdersSynchronizationParameters
    ) async throws(OTAPIError) -> BackgroundActivityID {
        try await self.startProviderActivity(
            .runOrdersSynchronizingWithProvider,
            providerType: providerType,
            providerSessionId: providerSessionId,
            xmlParameters: try self.xml(parameters)
        )
    }

    /// Starts one of the `Run…Provider` background activities, which all take the same three
    /// parameters, and returns the activity's id.
    private func startProviderActivity(
        _ method: OTMethod,
        providerType: String,
        providerSessionId: String,
        xmlParameters: String
    ) async throws(OTAPIError) -> BackgroundActivityID {
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.providerType, providerType),
                OTParameter(OTParameterName.providerSessionId, providerSessionId),
                OTParameter(OTParameterName.xmlParameters, xmlParameters),
            ]
        )
        return try BackgroundActivityID(self.result(await self.perform(call), method))
    }

    /// `GetBackgroundActivityInfo` (operator session).
    public func getBackgroundActivityInfo(_ activity: BackgroundActivityID) async throws(OTAPIError)
        -> BackgroundActivityInfo
    {
        let method = OTMethod.getBackgroundActivityInfo
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.activityType, activity.type),
                OTParameter(OTParameterName.activityId, activity.id),
            ]
        )
        return try BackgroundActivityInfo(self.result(await self.perform(call), method))
    }

    /// `DoActionForBackgroundActivity` (operator session, write): resumes an activity that
    /// waits (`isAwaitingAction`) with one of its action ids.
    public func doActionForBackgroundActivity(
        _ activity: BackgroundActivityID,
        actionId: String
    ) async throws(OTAPIError) {
        let call = OTCall(
            .doActionForBackgroundActivity,
            [
                OTParameter(OTParameterName.activityType, activity.type),
                OTParameter(OTParameterName.activityId, activity.id),
                OTParameter(OTParameterName.actionId, actionId),
            ]
        )
        _ = try await self.perform(call)
    }
}
