"""The `otgateway` release binary: `serve` and `simulator` as child processes on loopback."""

import os

from .processes import Child, free_port, wait_for_http

# Bearer token the harness configures and sends.
API_TOKEN = "bench-token"
# Credentials the embedded simulator accepts (SimulatorConfiguration.Defaults); the canned
# upstreams accept anything.
SIMULATOR_ACCOUNT = {
    "OTGW_INSTANCE_KEY": "sim-instance-key",
    "OTGW_OPERATOR_LOGIN": "sim-operator",
    "OTGW_OPERATOR_PASSWORD": "sim-operator-password",
    "OTGW_CUSTOMER_LOGIN": "sim-customer",
    "OTGW_CUSTOMER_PASSWORD": "sim-customer-password",
    "OTGW_DELIVERY_MODE_ID": "FREE-EXT-1",
}


def binary(repository):
    path = os.path.join(repository, ".build", "release", "otgateway")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"{path} is missing; build it with `swift build -c release` (make bench does)")
    return path


def serve(repository, folder, otapi_url, extra_environment=None):
    """Start `otgateway serve` on a free loopback port against `otapi_url`; return (child, base URL)."""
    port = free_port()
    environment = dict(os.environ)
    environment.update(SIMULATOR_ACCOUNT)
    environment.update(
        {
            "OTGW_LISTEN": f"127.0.0.1:{port}",
            "OTGW_OTAPI_URL": otapi_url,
            "OTGW_API_TOKENS": API_TOKEN,
            "OTGW_DATA_DIR": os.path.join(folder, "data"),
        }
    )
    environment.update(extra_environment or {})
    os.makedirs(folder, exist_ok=True)
    child = Child("otgateway serve", [binary(repository), "serve"], os.path.join(folder, "gateway.log"), environment)
    base_url = f"http://127.0.0.1:{port}"
    wait_for_http(base_url + "/healthz", child)
    return child, base_url


def simulator(repository, folder):
    """Start `otgateway simulator` on a free loopback port; return (child, OT API base URL)."""
    port = free_port()
    os.makedirs(folder, exist_ok=True)
    child = Child(
        "otgateway simulator",
        [binary(repository), "simulator", "--listen", f"127.0.0.1:{port}"],
        os.path.join(folder, "simulator.log"),
    )
    # The simulator's service routes answer GET with an OT error document and status 200.
    wait_for_http(f"http://127.0.0.1:{port}/service/GetOrderStatusList", child)
    return child, f"http://127.0.0.1:{port}/service"


def authorization_header():
    return f"Authorization: Bearer {API_TOKEN}"
