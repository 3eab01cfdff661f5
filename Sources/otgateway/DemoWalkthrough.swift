/// The text `demo` prints once both servers run: the addresses and secrets, then `curl`
/// commands for the main flow. Paths and bodies follow the gateway's JSON interface.
struct DemoWalkthrough {
    var gatewayURL: String
    var gatewayHostPort: String
    var secrets: DemoSecrets
    var simulatorServiceURL: String
    var simulatorBaseURL: String
    var dataDirectory: String
    var providerAccount: String

    /// The ids the simulator gives the first two orders of a fresh run.
    static let firstOrderId = "ORD-0000000001"
    static let secondOrderId = "ORD-0000000002"

    static let firstOrderBody =
        #"{"externalId":"SHOP-1001","comment":"demo order","lines":["#
        + #"{"itemId":"abb-560724366248","configurationId":"4000000000001","quantity":2,"weight":"0.5"},"#
        + #"{"itemId":"abb-612093475821","configurationId":"0","quantity":1}]}"#
    static let secondOrderBody =
        #"{"externalId":"SHOP-1002","lines":[{"itemId":"abb-587310264519","configurationId":"0","quantity":1}]}"#

    /// The console address without credentials: browsers refuse the page's own requests when
    /// the address carries a password, so the operator signs in at the browser's prompt.
    var consoleURL: String {
        "http://\(self.gatewayHostPort)/console/"
    }

    var text: String {
        let first = Self.firstOrderId
        let second = Self.secondOrderId
        return """
            otgateway demo: the gateway and an OT API simulator, wired together in this process.

              Gateway           \(self.gatewayURL)
              API token         \(self.secrets.apiToken)
              Console password  \(self.secrets.consolePassword) (user operator)
              OT API simulator  \(self.simulatorServiceURL) (accounts: \(self.simulatorBaseURL)/_sim/accounts)
              Taobao account    \(self.providerAccount), already connected in the simulator
              Data directory    \(self.dataDirectory) (deleted at exit)

            Try the main flow from another terminal:

              GW=\(self.gatewayURL)
              AUTH="Authorization: Bearer \(self.secrets.apiToken)"

              # 1. Check that the gateway runs
              curl -s $GW/healthz

              # 2. Place an order of two lines; the answer is the order, with its id \(first)
              curl -s -X POST $GW/orders -H "$AUTH" -H 'Content-Type: application/json' \\
                -H 'Idempotency-Key: demo-order-1' -d '\(Self.firstOrderBody)'

              # 3. Read it back
              curl -s $GW/orders/\(first) -H "$AUTH"

              # 4. Pay what remains: a deposit to the customer's OT account, then a reserve for the order
              curl -s -X POST $GW/orders/\(first)/pay -H "$AUTH"

              # 5. Export it to Taobao; the 202 answer names the background activity, which you can follow
              curl -s -X POST $GW/orders/\(first)/export -H "$AUTH"
              curl -s $GW/activities/ProviderOrdersIntegrationExporting/<id from the answer> -H "$AUTH"

              # 6. Read the order events so far
              curl -s "$GW/events?after=0&limit=100" -H "$AUTH"

              # 7. Open the operator console in a browser; sign in as operator with the console password
              \(self.consoleURL)

              # 8. Place a second order and cancel it (an exported order can no longer be cancelled)
              curl -s -X POST $GW/orders -H "$AUTH" -H 'Content-Type: application/json' -d '\(Self.secondOrderBody)'
              curl -s -X POST $GW/orders/\(second)/cancel -H "$AUTH"

            The simulator leaves out of a new order every line whose item id starts with gone-, noconf-,
            noseller- or badfield-, and treats tmall- items as Tmall items, so the partial-order and
            Tmall answers can be tried too.

            Press Ctrl-C to stop both.
            """
    }
}
