extension PageTexts {
    static let english = PageTexts(
        productName: "OTGateway",
        languageLabel: "Language",
        openConsole: "Open the console",
        startAgain: "Start again",
        tryAgain: "Try again",
        reload: "Reload",

        connectedTitle: "Taobao account connected",
        connectedBody:
            "The account {account} is connected. Its session lasts about 24 hours, so reconnect it tomorrow.",
        connectedSameSession:
            "OT kept the same session for this account, so the gateway counts the successful return as the refresh.",
        connectedOtherAccount: "You asked to reconnect {requested}, but the login was for {account}.",
        refusedTitle: "Taobao login refused",
        refusedBody: "The login was not completed, so no session was added. The reason given:",
        refusedNoDescription: "No description was given.",
        noSessionTitle: "No new session found",
        noSessionBody:
            "The login came back without an error, but OT lists no new or refreshed session. Try again. "
            + "If you logged in to an account that was already connected, use its Reconnect button in the console.",
        cancelledTitle: "This login was replaced",
        cancelledBody: "A newer login was started after this one, so this one no longer counts.",
        checkFailedTitle: "The sessions could not be checked",
        checkFailedBody: "The gateway could not list OT's provider sessions:",
        stillCheckingTitle: "Still checking",
        stillCheckingBody: "This login is still being checked in another tab. Reload this page in a few seconds.",
        unknownStateTitle: "Login link not valid",
        unknownStateBody:
            "This login link is unknown or has expired (a link is valid for 15 minutes). Start the connection again.",
        otherBrowserTitle: "Login started in another browser",
        otherBrowserBody:
            "This login was started in another browser and can only be finished there. Start a new connection here.",

        pendingTitle: "A Taobao login is already under way",
        pendingBody: "A login started at {started} is open until {expires}. Only one login can run at a time.",
        pendingAccount: "It refreshes the account {account}.",
        pendingHere: "It was started in this browser: finish it in the tab where the Taobao page is open.",
        pendingElsewhere: "It was started in another browser or by a script.",
        startOver: "Start over",
        startOverHint: "Starting over cancels the pending login and opens a new one.",
        redirectingTitle: "Opening the Taobao login",
        redirectingLink: "Continue to the Taobao login",
        connectFailedTitle: "The Taobao login could not be started",
        connectFailedBody: "OT did not provide a login page:",
        invalidAccountTitle: "Invalid account name",
        invalidAccountBody: "An account name has 1 to 64 characters and no control characters.",
        disabledTitle: "The console is disabled",
        disabledBody: "Set OTGW_CONSOLE_PASSWORD to enable the operator console and the Taobao connect pages.",
        unauthorizedTitle: "Sign-in required",
        unauthorizedBody: "Sign in as operator with the console password.",
        filesMissingTitle: "Console files not found",
        filesMissingBody: "The gateway did not find the public folder; set OTGW_PUBLIC_DIR to it.",
        internalErrorTitle: "Something went wrong",
        internalErrorBody: "The gateway failed to handle this page. The request id identifies it in the logs:"
    )
}
