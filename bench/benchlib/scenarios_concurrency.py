"""Scenarios 3 and 4: thousands of requests in flight, and thousands of idle connections."""

import json
import os
import subprocess
import sys
import time

from . import gateway, wrk
from .context import CANNED_ORDER_NUMBER, get_json
from .processes import Child, StatusSampler, free_port, proc_status, wait_for_http
from .report import fmt

BURST_REQUESTS = 2000
UPSTREAM_DELAY_SECONDS = 1.0
# Each GET /orders/{id} may hold two OT connections at once (details and packages).
BURST_OT_CONNECTIONS = 2 * BURST_REQUESTS
IDLE_CONNECTIONS = 5000
# Requests of the active client while the idle connections are held: one connection, bounded time.
ACTIVE_SECONDS = 10


def _python(context, tool):
    """Return the command that runs a tool, with the benchmark venv's Python (it has uvloop) when present."""
    venv_python = os.path.join(context.repository, ".build", "bench-venv", "bin", "python")
    python = venv_python if os.access(venv_python, os.X_OK) else sys.executable
    return [python, context.path("tools", tool)]


def burst(context):
    """3. 2,000 concurrent GET /orders/{id} against an upstream that takes 1 s per answer."""
    folder = context.scenario_folder("3-burst")
    port = free_port()
    upstream = Child(
        "slow upstream",
        _python(context, "slow_upstream.py")
        + ["--port", str(port), "--delay", str(UPSTREAM_DELAY_SECONDS), "--answers", context.path("upstream")],
        os.path.join(folder, "upstream.log"),
    )
    gateway_child = None
    results = []
    try:
        wait_for_http(f"http://127.0.0.1:{port}/ping", upstream)
        gateway_child, gateway_url = gateway.serve(
            context.repository,
            folder,
            f"http://127.0.0.1:{port}/service",
            {"OTGW_OTAPI_MAX_CONNECTIONS": str(BURST_OT_CONNECTIONS)},
        )
        # One read first, so the operator login is not part of the burst.
        status, body = get_json(f"{gateway_url}/orders/{CANNED_ORDER_NUMBER}")
        if status != 200:
            raise RuntimeError(f"the warm-up GET /orders/{CANNED_ORDER_NUMBER} returned {status}: {str(body)[:300]}")
        for round_number in range(1, context.repeat + 1):
            before = proc_status(gateway_child.pid)
            with StatusSampler(gateway_child.pid) as sampler:
                completed = subprocess.run(
                    _python(context, "burst_client.py")
                    + [
                        "--url",
                        f"{gateway_url}/orders/{CANNED_ORDER_NUMBER}",
                        "--count",
                        str(BURST_REQUESTS),
                        "--header",
                        gateway.authorization_header(),
                    ],
                    capture_output=True,
                    text=True,
                    timeout=90,
                )
                time.sleep(0.3)
            if completed.returncode != 0:
                raise RuntimeError(f"burst_client failed: {completed.stderr}")
            figures = json.loads(completed.stdout)
            after = proc_status(gateway_child.pid)
            figures.update(
                {
                    "threads_before": before["Threads"],
                    "threads_max": sampler.max_threads,
                    "rss_before_mib": before["VmRSS"] / 1024,
                    "rss_max_mib": sampler.max_rss_kib / 1024,
                    "vmhwm_mib": after["VmHWM"] / 1024,
                    "samples": sampler.samples,
                }
            )
            results.append(figures)
            context.report.add_raw("3-burst", "gateway", figures)
            print(
                f"  [{round_number}] {figures['ok']}/{BURST_REQUESTS} answered 200 (statuses {figures['statuses']}); "
                f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms; threads "
                f"{figures['threads_before']} -> max {figures['threads_max']}; VmHWM {figures['vmhwm_mib']:.1f} MiB"
            )
    finally:
        if gateway_child:
            gateway_child.stop()
        upstream.stop()
    print("  upstream: " + upstream.log_tail(600).strip().replace("\n", "; "))
    worst = max(results, key=lambda figures: figures["max_ms"] or 1e9)
    all_ok = all(figures["ok"] == BURST_REQUESTS for figures in results)
    threads = max(figures["threads_max"] for figures in results)
    peak = max(figures["vmhwm_mib"] for figures in results)
    slowest = worst["max_ms"]
    context.report.add_row(
        "3 2,000 concurrent GET /orders/{id}, upstream 1 s",
        "answered 200 / slowest",
        f"{min(figures['ok'] for figures in results)}/{BURST_REQUESTS}, max {fmt(slowest)} ms",
        f"upstream delay {UPSTREAM_DELAY_SECONDS * 1000:.0f} ms",
        f"{slowest / (UPSTREAM_DELAY_SECONDS * 1000):.2f}" if slowest else "n/a",
        "all, <= 1,500 ms",
        all_ok and slowest is not None and slowest <= 1500,
    )
    context.report.add_row(
        "3 2,000 concurrent GET /orders/{id}, upstream 1 s",
        "max threads / VmHWM",
        f"{threads} / {peak:.1f} MiB",
        "-",
        "-",
        "< 32 / < 200 MiB",
        threads < 32 and peak < 200,
    )


def idle(context):
    """4. 5,000 idle keep-alive connections: RSS they add, and /healthz p99 of an active client."""
    folder = context.scenario_folder("4-idle")
    upstream, upstream_url = context.canned_upstream(folder)
    gateway_child, gateway_url = gateway.serve(context.repository, folder, upstream_url + "/service")
    rounds = []
    try:
        for round_number in range(1, context.repeat + 1):
            wrk.run(gateway_url + "/healthz", connections=1, duration=2)
            baseline = wrk.run(gateway_url + "/healthz", connections=1, duration=ACTIVE_SECONDS)
            before = proc_status(gateway_child.pid)
            holder = subprocess.Popen(
                _python(context, "idle_connections.py")
                + ["--url", gateway_url + "/healthz", "--count", str(IDLE_CONNECTIONS), "--hold-seconds", "120"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                opened = json.loads(holder.stdout.readline() or "{}")
                if opened.get("open") != IDLE_CONNECTIONS:
                    raise RuntimeError(f"idle_connections opened {opened} of {IDLE_CONNECTIONS}")
                held = proc_status(gateway_child.pid)
                active = wrk.run(gateway_url + "/healthz", connections=1, duration=ACTIVE_SECONDS)
                after = proc_status(gateway_child.pid)
                holder.stdin.write("done\n")
                holder.stdin.flush()
                closed = json.loads(holder.stdout.readline() or "{}").get("closed_by_server")
            finally:
                holder.stdin.close()
                holder.wait(timeout=30)
            figures = {
                "rss_before_mib": before["VmRSS"] / 1024,
                "rss_held_mib": held["VmRSS"] / 1024,
                "rss_after_active_mib": after["VmRSS"] / 1024,
                "added_mib": (max(held["VmRSS"], after["VmRSS"]) - before["VmRSS"]) / 1024,
                "threads_held": after["Threads"],
                "open_seconds": opened.get("open_seconds"),
                "closed_by_server": closed,
                "baseline": baseline,
                "active": active,
            }
            rounds.append(figures)
            context.report.add_raw("4-idle", "gateway", figures)
            print(
                f"  [{round_number}] RSS {figures['rss_before_mib']:.1f} -> {figures['rss_held_mib']:.1f} MiB "
                f"(+{figures['added_mib']:.1f}) with {IDLE_CONNECTIONS} idle connections, {closed} closed by the "
                f"server; active /healthz p99 {fmt(active.get('p99'), 2)} ms ({active['rps']:,.0f} req/s) vs "
                f"{fmt(baseline.get('p99'), 2)} ms without them; threads {figures['threads_held']}"
            )
    finally:
        gateway_child.stop()
        upstream.stop()
    added = max(figures["added_mib"] for figures in rounds)
    p99 = max(figures["active"]["p99"] for figures in rounds)
    baseline_p99 = max(figures["baseline"]["p99"] for figures in rounds)
    context.report.add_row(
        "4 5,000 idle keep-alive connections",
        "RSS added",
        f"{added:.1f} MiB ({added * 1024 / IDLE_CONNECTIONS:.1f} KiB each)",
        "-",
        "-",
        "< 100 MiB",
        added < 100,
    )
    context.report.add_row(
        "4 5,000 idle keep-alive connections",
        "active /healthz p99 (wrk -c1)",
        f"{fmt(p99, 2)} ms",
        f"without idle connections {fmt(baseline_p99, 2)} ms",
        f"{p99 / baseline_p99:.2f}" if baseline_p99 else "n/a",
        "< 10 ms",
        p99 < 10,
    )
