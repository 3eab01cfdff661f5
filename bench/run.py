"""Benchmark harness of OTGateway: throughput, latency, concurrency and memory next to references.

Every server runs on loopback, every wrk run lasts at most 15 s, and each scenario prints its
figures with the ratio against a reference measured in the same run. `make bench` installs the
tools, builds the release binary and runs this; BENCHMARKS.md records the results.

    python3 bench/run.py                      # all scenarios, each measurement twice
    python3 bench/run.py --scenarios 1,2 --repeat 3 --duration 10
"""

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import scenarios_concurrency, scenarios_throughput, scenarios_writes, wrk  # noqa: E402
from benchlib.context import Context  # noqa: E402
from benchlib.processes import load_average, raise_open_file_limit  # noqa: E402
from benchlib.report import Report  # noqa: E402

SCENARIOS = {
    "1": ("GET /healthz vs nginx", scenarios_throughput.health),
    "2": ("GET /orders/{id} vs the upstream direct", scenarios_throughput.order_read),
    "3": ("2,000 concurrent reads, 1 s upstream", scenarios_concurrency.burst),
    "4": ("5,000 idle keep-alive connections", scenarios_concurrency.idle),
    "5": ("POST /orders and /pay against the simulator", scenarios_writes.writes),
    "6": ("GET /orders/{id} vs FastAPI on uvicorn", scenarios_throughput.python_gateway),
}
# Descriptors the largest scenario needs in one process: 5,000 idle connections, or 2,000
# inbound plus 4,000 OT connections, with room for the rest.
NEEDED_OPEN_FILES = 12_000


def machine_description(repository):
    def command(*arguments):
        try:
            return subprocess.run(arguments, capture_output=True, text=True, cwd=repository).stdout.strip()
        except OSError:
            return "unknown"

    cpu = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        memory_kib = int(meminfo.readline().split()[1])
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "commit": command("git", "rev-parse", "--short", "HEAD"),
        "dirty": bool(command("git", "status", "--porcelain", "--untracked-files=no")),
        "wrk": command("wrk", "-v").splitlines()[0] if shutil.which("wrk") else "missing",
        "nginx": command("nginx", "-v") or subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip(),
        "python": platform.python_version(),
        "load_before": load_average(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated scenario numbers, 1 to 6")
    parser.add_argument("--repeat", type=int, default=2, help="measured runs of each figure (default 2)")
    parser.add_argument(
        "--duration", type=int, default=10, help=f"seconds of each wrk run, at most {wrk.MAX_DURATION_SECONDS}"
    )
    parser.add_argument("--results", help="JSON file for all figures (default .build/bench/results-TIME.json)")
    parser.add_argument("--keep", action="store_true", help="keep the run's folder of logs and data")
    arguments = parser.parse_args()
    if not 1 <= arguments.duration <= wrk.MAX_DURATION_SECONDS:
        parser.error(f"--duration must be 1 to {wrk.MAX_DURATION_SECONDS} seconds")

    repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    raise_open_file_limit(NEEDED_OPEN_FILES)
    machine = machine_description(repository)
    print(
        f"machine: {machine['nproc']} CPUs, {machine['cpu']}, {machine['memory_gib']} GiB; commit {machine['commit']}"
        f"{' (uncommitted changes)' if machine['dirty'] else ''}; load average before: {machine['load_before']}"
    )

    folder = tempfile.mkdtemp(prefix="otgw-bench-")
    report = Report()
    context = Context(repository, folder, arguments.duration, arguments.repeat, report)
    failures = []
    started = time.monotonic()
    try:
        for number in arguments.scenarios.split(","):
            title, scenario = SCENARIOS[number.strip()]
            print(f"\n== scenario {number}: {title}")
            try:
                scenario(context)
            except Exception as error:  # one failed scenario must not hide the others' figures
                traceback.print_exc()
                failures.append(f"scenario {number}: {error}")
                report.add_row(f"{number} {title}", "-", f"FAILED: {str(error).splitlines()[0]}", "-", "-", "-", False)
    finally:
        if arguments.keep:
            print(f"\nlogs and data kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    machine["load_after"] = load_average()
    machine["minutes"] = round((time.monotonic() - started) / 60, 1)
    print(f"\nload average after: {machine['load_after']}; {machine['minutes']} minutes\n")
    print(report.markdown())
    results = arguments.results or os.path.join(
        repository, ".build", "bench", f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    )
    os.makedirs(os.path.dirname(results), exist_ok=True)
    report.write_json(results, machine)
    print(f"\nall figures: {results}")
    if failures:
        print("\n".join(["failed:"] + failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
