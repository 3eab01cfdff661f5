"""Scenario 5: POST /orders and POST /orders/{id}/pay against the simulator (store and journal costs)."""

import json
import os

from . import gateway, measure, wrk
from .context import get_json
from .report import fmt, median

CONNECTIONS = 64
SAMPLE_ORDER = {
    "externalId": "BENCH-PROBE",
    "onPartial": "accept",
    "lines": [
        {"itemId": "abb-1001", "configurationId": "0", "quantity": 1},
        {"itemId": "abb-1002", "configurationId": "0", "quantity": 2},
        {"itemId": "abb-1003", "configurationId": "0", "quantity": 3},
    ],
}


def _pay_available(gateway_url, order_id):
    """Whether this build routes POST /orders/{id}/pay: a 404 that is not about the order means no route."""
    status, body = get_json(f"{gateway_url}/orders/{order_id}/pay", method="POST", body=b"{}")
    if status == 404 and "order" not in json.dumps(body).lower():
        return False, status, body
    return True, status, body


def writes(context):
    folder = context.scenario_folder("5-writes")
    simulator, otapi_url = gateway.simulator(context.repository, folder)
    gateway_child = None
    authorization = (gateway.authorization_header(),)
    try:
        gateway_child, gateway_url = gateway.serve(context.repository, folder, otapi_url)
        status, probe = get_json(f"{gateway_url}/orders", method="POST", body=json.dumps(SAMPLE_ORDER).encode())
        if status != 201:
            raise RuntimeError(f"POST /orders returned {status}: {str(probe)[:400]}")
        probe_id = probe["id"]
        pay_available, pay_status, pay_body = _pay_available(gateway_url, probe_id)
        print(f"  probe order {probe_id}; POST /orders/{probe_id}/pay returned {pay_status}: {str(pay_body)[:160]}")

        post_runs, read_runs, pay_runs = [], [], []
        # The read of the probe order, through the same gateway and simulator, is the reference.
        read = {"url": f"{gateway_url}/orders/{probe_id}", "connections": CONNECTIONS, "headers": authorization}
        wrk.run(**{**read, "duration": measure.WARM_UP_SECONDS})
        for round_number in range(1, context.repeat + 1):
            ids_path = os.path.join(folder, f"orders-{round_number}.txt")
            open(ids_path, "w").close()
            read_figures = wrk.run(**{**read, "duration": context.duration})
            post_figures = wrk.run(
                f"{gateway_url}/orders",
                connections=CONNECTIONS,
                duration=context.duration,
                script=context.path("lua", "post_orders.lua"),
                script_arguments=(gateway.API_TOKEN, ids_path),
            )
            read_runs.append(read_figures)
            post_runs.append(post_figures)
            context.report.add_raw("5-writes", "GET /orders/{id}", read_figures)
            context.report.add_raw("5-writes", "POST /orders", post_figures)
            print(f"  [{round_number}] GET /orders/{{id}}: {measure.describe(read_figures)}")
            print(f"  [{round_number}] POST /orders: {measure.describe(post_figures)}")
            if pay_available:
                pay_figures = wrk.run(
                    f"{gateway_url}/orders",
                    connections=CONNECTIONS,
                    duration=context.duration,
                    script=context.path("lua", "pay_orders.lua"),
                    script_arguments=(gateway.API_TOKEN, ids_path),
                )
                # The script stops wrk once every order is paid, but wrk still divides by the full
                # duration. With all connections busy, Little's law gives the rate instead.
                pay_figures["wrk_rps"] = pay_figures["rps"]
                pay_figures["rps"] = CONNECTIONS / (pay_figures["average"] / 1000)
                pay_runs.append(pay_figures)
                context.report.add_raw("5-writes", "POST /orders/{id}/pay", pay_figures)
                print(f"  [{round_number}] POST /orders/{{id}}/pay: {measure.describe(pay_figures)}")
    finally:
        if gateway_child:
            gateway_child.stop()
        simulator.stop()

    read_rps = median([run["rps"] for run in read_runs])
    for label, runs in (("POST /orders", post_runs), ("POST /orders/{id}/pay", pay_runs)):
        if not runs:
            context.report.add_row(
                f"5 {label}, simulator, c64", "req/s", "not available in this build", "-", "-", "-", None
            )
            continue
        rps = median([run["rps"] for run in runs])
        p99 = median([run.get("p99") for run in runs])
        failures = sum(run["non_2xx"] + run["errors"] for run in runs)
        context.report.add_row(
            f"5 {label}, simulator, c64",
            "req/s (median), p99" if runs is post_runs else "req/s (median, c64 / mean latency), p99",
            f"{rps:,.0f}, p99 {fmt(p99, 2)} ms, {failures} failed",
            f"GET /orders/{{id}} same gateway and simulator {read_rps:,.0f}",
            f"{rps / read_rps:.2f}",
            "-",
            None,
        )
