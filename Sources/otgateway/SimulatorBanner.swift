import Foundation
import OTSimulator

/// The text `otgateway simulator` prints at start: where it listens, the settings a gateway
/// needs to reach it, and where its state is kept. The passwords are the simulator's own
/// fixed test accounts, not secrets of any real service.
enum SimulatorBanner {
    static func text(host: SimulatorHost, stateFile: URL?) -> String {
        let configuration = host.simulator.initialConfiguration
        let state = host.simulator.state
        var lines = [
            "OT API simulator listening on \(host.baseURL)",
            "",
            "Settings for a gateway that uses it (otgateway serve):",
            "  OTGW_OTAPI_URL=\(host.serviceURL)",
            "  OTGW_INSTANCE_KEY=\(configuration.instanceKeys.first ?? "")",
            "  OTGW_OPERATOR_LOGIN=\(configuration.operatorLogin)",
            "  OTGW_OPERATOR_PASSWORD=\(configuration.operatorPassword)",
            "  OTGW_CUSTOMER_LOGIN=\(configuration.customerLogin)",
            "  OTGW_CUSTOMER_PASSWORD=\(configuration.customerPassword)",
            "  OTGW_DELIVERY_MODE_ID=\(configuration.freeDeliveryModeId ?? "")",
            "",
            "Customer id \(configuration.customerId), delivery profile id \(configuration.userProfileId), "
                + "currency \(configuration.currencyCode).",
            "SOAP 1.1 instead: OTGW_OTAPI_BINDING=soap11 OTGW_OTAPI_URL=\(host.soapURL)",
            "Control API (loopback only): \(host.baseURL)/_sim/accounts, /_sim/calls, /_sim/state",
        ]
        if let stateFile {
            lines.append(
                "State file: \(stateFile.path) (\(state.orders.count) orders loaded; saved after every change)"
            )
        } else {
            lines.append("State: in memory only; --state-file FILE keeps it across restarts.")
        }
        lines.append("Stop with Ctrl-C.")
        return lines.joined(separator: "\n")
    }
}
