"""Runs wrk and reads its figures from the text it prints."""

import re
import subprocess

# Maximum duration of one wrk run, in seconds, so every run stops by itself.
MAX_DURATION_SECONDS = 15
# Seconds wrk waits for one response before it counts a timeout.
RESPONSE_TIMEOUT_SECONDS = 5

_UNITS_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _milliseconds(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unexpected wrk latency '{text}'")
    return float(match.group(1)) * _UNITS_TO_MS[match.group(2)]


def parse(output):
    """Return requests/s, latency percentiles (ms), request and error counts of wrk's output."""
    result = {"errors": 0, "non_2xx": 0}
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(line.split()[1])
        elif re.match(r"^\d+ requests in", line):
            result["requests"] = int(line.split()[0])
        elif line.startswith("Latency") and not line.startswith("Latency Distribution"):
            result["average"] = _milliseconds(line.split()[1])
        elif re.match(r"^(50|75|90|99)%\s", line):
            percent, value = line.split()[:2]
            result["p" + percent.rstrip("%")] = _milliseconds(value)
        elif line.startswith("Socket errors:"):
            result["errors"] = sum(int(number) for number in re.findall(r"\d+", line))
        elif line.startswith("Non-2xx or 3xx responses:"):
            result["non_2xx"] = int(line.split(":")[1])
    if "rps" not in result:
        raise RuntimeError(f"wrk printed no Requests/sec line:\n{output}")
    return result


def run(url, connections, duration, threads=1, script=None, headers=(), script_arguments=()):
    """Run `wrk --latency` against `url` for `duration` seconds and return `parse`'s figures."""
    if duration > MAX_DURATION_SECONDS:
        raise ValueError(f"wrk runs are limited to {MAX_DURATION_SECONDS} s, got {duration}")
    arguments = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={RESPONSE_TIMEOUT_SECONDS}s",
        "--latency",
    ]
    for header in headers:
        arguments += ["-H", header]
    if script:
        arguments += ["-s", script]
    arguments.append(url)
    if script_arguments:
        arguments += ["--", *script_arguments]
    completed = subprocess.run(
        arguments, capture_output=True, text=True, timeout=duration + RESPONSE_TIMEOUT_SECONDS + 30
    )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr}{completed.stdout}")
    result = parse(completed.stdout)
    result["command"] = " ".join(arguments)
    return result
