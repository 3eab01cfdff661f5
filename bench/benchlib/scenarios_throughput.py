"""Scenarios 1, 2 and 6: requests per second and latency at 64 connections against references."""

import os

from . import gateway, measure
from .context import CANNED_ORDER_NUMBER, get_json
from .processes import Child, free_port, proc_status, wait_for_http
from .report import fmt

CONNECTIONS = 64


def _target(url, headers=(), script=None):
    return {"url": url, "connections": CONNECTIONS, "headers": headers, "script": script}


def _check_order(base_url):
    """Fail early unless GET /orders/{id} returns the canned 3-line order."""
    status, body = get_json(f"{base_url}/orders/{CANNED_ORDER_NUMBER}")
    if status != 200 or not isinstance(body, dict) or len(body.get("lines", [])) != 3:
        raise RuntimeError(f"GET /orders/{CANNED_ORDER_NUMBER} at {base_url} returned {status}: {str(body)[:400]}")


def _ratio_text(ratios):
    return " / ".join(f"{value:.2f}" for value in ratios if value is not None)


def health(context):
    """1. GET /healthz through the gateway vs. the same JSON from nginx."""
    folder = context.scenario_folder("1-health")
    upstream, upstream_url = context.canned_upstream(folder)
    gateway_child, gateway_url = gateway.serve(context.repository, folder, upstream_url + "/service")
    try:
        medians = measure.interleaved(
            context,
            "1-health",
            ("gateway", _target(gateway_url + "/healthz")),
            ("nginx", _target(upstream_url + "/healthz")),
        )
    finally:
        gateway_child.stop()
        upstream.stop()
    gateway_figures, nginx_figures = medians["gateway"], medians["nginx"]
    ratio = gateway_figures["rps"] / nginx_figures["rps"]
    context.report.add_row(
        "1 GET /healthz, c64",
        "req/s (median)",
        f"{gateway_figures['rps']:,.0f}",
        f"nginx {nginx_figures['rps']:,.0f}",
        f"{ratio:.2f} (runs: {_ratio_text(medians['ratios'])})",
        ">= 0.80",
        ratio >= 0.8,
    )
    context.report.add_row(
        "1 GET /healthz, c64",
        "p50 / p99 ms",
        f"{fmt(gateway_figures['p50'], 2)} / {fmt(gateway_figures['p99'], 2)}",
        f"nginx {fmt(nginx_figures['p50'], 2)} / {fmt(nginx_figures['p99'], 2)}",
        "-",
        "-",
        None,
    )
    return gateway_figures


def order_read(context):
    """2. GET /orders/{id} through the gateway vs. wrk posting to the canned upstream directly."""
    folder = context.scenario_folder("2-order-read")
    upstream, upstream_url = context.canned_upstream(folder)
    gateway_child, gateway_url = gateway.serve(context.repository, folder, upstream_url + "/service")
    try:
        _check_order(gateway_url)
        medians = measure.interleaved(
            context,
            "2-order-read",
            (
                "gateway",
                _target(f"{gateway_url}/orders/{CANNED_ORDER_NUMBER}", headers=(gateway.authorization_header(),)),
            ),
            (
                "upstream direct",
                _target(
                    upstream_url + "/service/GetSalesOrderDetailsForOperator", script=context.path("lua", "post_form.lua")
                ),
            ),
        )
        status = proc_status(gateway_child.pid)
    finally:
        gateway_child.stop()
        upstream.stop()
    gateway_figures, direct = medians["gateway"], medians["upstream direct"]
    ratio = gateway_figures["rps"] / direct["rps"]
    context.report.add_row(
        "2 GET /orders/{id}, canned upstream, c64",
        "req/s (median)",
        f"{gateway_figures['rps']:,.0f}",
        f"upstream direct {direct['rps']:,.0f}",
        f"{ratio:.2f} (runs: {_ratio_text(medians['ratios'])})",
        ">= 0.40",
        ratio >= 0.4,
    )
    context.report.add_row(
        "2 GET /orders/{id}, canned upstream, c64",
        "p50 / p99 ms",
        f"{fmt(gateway_figures['p50'], 2)} / {fmt(gateway_figures['p99'], 2)}",
        f"upstream direct {fmt(direct['p50'], 2)} / {fmt(direct['p99'], 2)}",
        "-",
        f"threads {status['Threads']}, VmHWM {status['VmHWM'] // 1024} MiB",
        None,
    )
    return gateway_figures


def python_gateway(context):
    """6. The same GET /orders/{id} through FastAPI on uvicorn with aiohttp, vs. the Swift gateway."""
    uvicorn = os.path.join(context.repository, ".build", "bench-venv", "bin", "uvicorn")
    if not os.access(uvicorn, os.X_OK):
        context.report.add_row(
            "6 FastAPI comparison", "-", f"skipped: {uvicorn} is missing (make bench creates it)", "-", "-", "-", None
        )
        return
    folder = context.scenario_folder("6-python-gateway")
    upstream, upstream_url = context.canned_upstream(folder)
    port = free_port()
    environment = dict(os.environ)
    environment.update(
        {
            "BENCH_OTAPI_URL": upstream_url + "/service",
            "BENCH_API_TOKEN": gateway.API_TOKEN,
            "BENCH_OTAPI_MAX_CONNECTIONS": str(CONNECTIONS),
        }
    )
    python_child = Child(
        "uvicorn",
        [
            uvicorn,
            "app:app",
            "--app-dir",
            context.path("pygateway"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--loop",
            "uvloop",
            "--http",
            "httptools",
        ],
        os.path.join(folder, "uvicorn.log"),
        environment,
    )
    python_url = f"http://127.0.0.1:{port}"
    gateway_child = None
    try:
        wait_for_http(python_url + "/healthz", python_child)
        _check_order(python_url)
        gateway_child, gateway_url = gateway.serve(context.repository, folder, upstream_url + "/service")
        authorization = (gateway.authorization_header(),)
        orders = measure.interleaved(
            context,
            "6-python-gateway",
            ("gateway", _target(f"{gateway_url}/orders/{CANNED_ORDER_NUMBER}", headers=authorization)),
            ("FastAPI", _target(f"{python_url}/orders/{CANNED_ORDER_NUMBER}", headers=authorization)),
        )
        health = measure.interleaved(
            context,
            "6-python-gateway-health",
            ("gateway", _target(gateway_url + "/healthz")),
            ("FastAPI", _target(python_url + "/healthz")),
        )
    finally:
        if gateway_child:
            gateway_child.stop()
        python_child.stop()
        upstream.stop()
    for label, medians in (("GET /orders/{id}", orders), ("GET /healthz", health)):
        swift, python = medians["gateway"], medians["FastAPI"]
        context.report.add_row(
            f"6 {label} vs FastAPI, c64",
            "req/s (median)",
            f"{swift['rps']:,.0f}, p99 {fmt(swift['p99'], 2)} ms",
            f"FastAPI {python['rps']:,.0f}, p99 {fmt(python['p99'], 2)} ms",
            f"{swift['rps'] / python['rps']:.1f}x (runs: {_ratio_text(medians['ratios'])})",
            "-",
            None,
        )
