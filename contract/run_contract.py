#!/usr/bin/env python3
"""Run the OpenAPI contract test: start the gateway and the OT API simulator on loopback,
point schemathesis at the gateway's own /openapi.yaml, and check that the gateway is still
alive afterwards.

The processes are started the first way that works with the given binary:
  1. ``otgateway demo --listen 127.0.0.1:PORT`` (simulator and gateway in one process);
  2. ``otgateway simulator`` and ``otgateway serve`` as two processes;
  3. ``otgateway serve`` alone, with OTGW_OTAPI_URL on a loopback port where nothing listens.
     Every OT-backed endpoint then returns ``ot_unavailable``; this mode only exists for builds
     without the simulator commands and says so loudly.

Exit status: schemathesis's status, or 1 when the gateway died or stopped answering /healthz.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOKEN = "contract-test-token"
# The simulator's default accounts (SimulatorConfiguration.Defaults in the Swift sources).
SIMULATOR_ENVIRONMENT = {
    "OTGW_INSTANCE_KEY": "sim-instance-key",
    "OTGW_OPERATOR_LOGIN": "sim-operator",
    "OTGW_OPERATOR_PASSWORD": "sim-operator-password",
    "OTGW_CUSTOMER_LOGIN": "sim-customer",
    "OTGW_CUSTOMER_PASSWORD": "sim-customer-password",
    "OTGW_DELIVERY_MODE_ID": "FREE-EXT-1",
}
CHECKS = [
    "documented_server_errors",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]
START_TIMEOUT_SECONDS = 30
# A command that is not built yet exits at once; one that runs is still alive after this.
STARTUP_GRACE_SECONDS = 2


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_status(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class Child:
    """A started process whose output goes to a log file."""

    def __init__(self, name, arguments, environment, log_dir):
        self.name = name
        self.log_path = os.path.join(log_dir, f"{name}.log")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            arguments, env=environment, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT
        )

    def output(self):
        with open(self.log_path, "rb") as log:
            return log.read().decode("utf-8", "replace")

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def survived_startup(child):
    time.sleep(STARTUP_GRACE_SECONDS)
    return child.alive()


def base_environment(data_dir):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("OTGW_")}
    environment.update(
        {
            "OTGW_API_TOKENS": TOKEN,
            "OTGW_DATA_DIR": data_dir,
            "OTGW_LOG_LEVEL": "warning",
            "OTGW_OTAPI_READ_TIMEOUT": "5",
            "OTGW_OTAPI_WRITE_TIMEOUT": "5",
        }
    )
    return environment


def start_demo(binary, work_dir):
    port = free_port()
    environment = base_environment(os.path.join(work_dir, "data"))
    child = Child("demo", [binary, "demo", "--listen", f"127.0.0.1:{port}"], environment, work_dir)
    if not survived_startup(child):
        child.stop()
        return None
    token = TOKEN
    printed = re.search(r"Bearer ([A-Za-z0-9._~+/=-]+)", child.output())
    if printed:
        token = printed.group(1)
    return [child], f"http://127.0.0.1:{port}", token, "demo"


def start_simulator_and_serve(binary, work_dir):
    simulator_port = free_port()
    simulator = Child(
        "simulator",
        [binary, "simulator", "--listen", f"127.0.0.1:{simulator_port}"],
        base_environment(os.path.join(work_dir, "data")),
        work_dir,
    )
    if not survived_startup(simulator):
        simulator.stop()
        return None
    if not wait_until(lambda: http_status(f"http://127.0.0.1:{simulator_port}/") is not None, START_TIMEOUT_SECONDS):
        simulator.stop()
        raise SystemExit(f"the simulator did not start listening; its output:\n{simulator.output()}")
    gateway = start_serve(binary, work_dir, f"http://127.0.0.1:{simulator_port}/service")
    return [simulator, gateway[0]], gateway[1], TOKEN, "simulator + serve"


def start_serve(binary, work_dir, otapi_url):
    port = free_port()
    environment = base_environment(os.path.join(work_dir, "data"))
    environment.update(SIMULATOR_ENVIRONMENT)
    environment["OTGW_LISTEN"] = f"127.0.0.1:{port}"
    environment["OTGW_OTAPI_URL"] = otapi_url
    return Child("serve", [binary, "serve"], environment, work_dir), f"http://127.0.0.1:{port}"


def start_processes(binary, work_dir, allow_serve_only):
    started = start_demo(binary, work_dir)
    if started:
        return started
    started = start_simulator_and_serve(binary, work_dir)
    if started:
        return started
    if not allow_serve_only:
        raise SystemExit("neither 'otgateway demo' nor 'otgateway simulator' runs with this binary")
    print(
        "WARNING: this otgateway has neither 'demo' nor 'simulator'; testing 'serve' against a loopback "
        "port where nothing listens, so every OT-backed endpoint can only answer ot_unavailable.",
        file=sys.stderr,
    )
    child, url = start_serve(binary, work_dir, f"http://127.0.0.1:{free_port()}/service")
    return [child], url, TOKEN, "serve without OT"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "otgateway"))
    parser.add_argument("--schemathesis", default=os.path.join(ROOT, ".build", "contract-venv", "bin", "schemathesis"))
    parser.add_argument("--max-examples", type=int, default=10, help="test cases per operation and phase")
    parser.add_argument("--seed", type=int, default=20261204, help="random seed, for reproducible runs")
    # One worker: with several, schemathesis 4.32.5 on CPython 3.11.7 failed POST /orders with
    # "SystemError: AST constructor recursion depth mismatch" while building its strategies.
    parser.add_argument("--workers", default="1", help="concurrent schemathesis workers")
    parser.add_argument("--phases", default="examples,coverage,fuzzing")
    parser.add_argument("--report-dir", default=os.path.join(ROOT, ".build", "contract-report"))
    parser.add_argument(
        "--no-serve-only",
        action="store_true",
        help="fail instead of testing serve alone when the binary has no simulator",
    )
    parser.add_argument("extra", nargs="*", help="more schemathesis options, after --")
    arguments = parser.parse_args()

    if not os.access(arguments.binary, os.X_OK):
        raise SystemExit(f"{arguments.binary} is missing; build it with 'swift build' first")
    work_dir = tempfile.mkdtemp(prefix="otgw-contract-")
    children = []
    status = 1
    try:
        children, base_url, token, mode = start_processes(arguments.binary, work_dir, not arguments.no_serve_only)
        if not wait_until(lambda: http_status(base_url + "/healthz") == 200, START_TIMEOUT_SECONDS):
            for child in children:
                print(f"--- {child.name} output ---\n{child.output()}", file=sys.stderr)
            raise SystemExit(f"the gateway did not respond to {base_url}/healthz within {START_TIMEOUT_SECONDS} s")
        print(f"contract: testing {base_url} ({mode}), {arguments.max_examples} examples per operation", flush=True)

        environment = dict(os.environ)
        environment["SCHEMATHESIS_HOOKS"] = os.path.join(HERE, "hooks.py")
        command = [
            arguments.schemathesis,
            "run",
            f"{base_url}/openapi.yaml",
            "--url",
            base_url,
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            ",".join(CHECKS),
            "--phases",
            arguments.phases,
            "--mode",
            "all",
            "--max-examples",
            str(arguments.max_examples),
            "--seed",
            str(arguments.seed),
            "--workers",
            arguments.workers,
            "--request-timeout",
            "30",
            "--generation-database",
            "none",
            "--report",
            "junit",
            "--report-dir",
            arguments.report_dir,
            "--no-color",
            *arguments.extra,
        ]
        started = time.monotonic()
        # schemathesis keeps a crash cache in its working directory; keep it out of the repository.
        os.makedirs(arguments.report_dir, exist_ok=True)
        status = subprocess.call(command, env=environment, cwd=arguments.report_dir)
        elapsed = time.monotonic() - started

        crashed = [child.name for child in children if not child.alive()]
        if crashed:
            print(f"contract: FAILED, {', '.join(crashed)} exited during the run", file=sys.stderr)
            status = 1
        elif http_status(base_url + "/healthz") != 200:
            print("contract: FAILED, the gateway stopped responding to /healthz", file=sys.stderr)
            status = 1
        print(f"contract: schemathesis finished in {elapsed:.0f} s with status {status}", flush=True)
        return status
    finally:
        for child in reversed(children):
            child.stop()
        if status == 0:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            print(f"contract: process logs are in {work_dir}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
