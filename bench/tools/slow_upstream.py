"""A slow OT API stand-in on loopback: responds to every POST /service/{method} after a delay.

The response body is `{method}.xml` from the answers folder, or `Ok.xml` for other methods.
`GET /ping` responds at once, for readiness checks. It runs until SIGTERM or --max-seconds.

    python3 slow_upstream.py --port 9100 --delay 1.0 --answers bench/upstream
"""

import argparse
import asyncio
import os
import signal
import time

MAX_HEAD_BYTES = 64 * 1024


def load_answers(folder):
    answers = {}
    for name in os.listdir(folder):
        if name.endswith(".xml"):
            with open(os.path.join(folder, name), "rb") as answer:
                answers[name[: -len(".xml")]] = answer.read()
    return answers


def response(status, body, content_type):
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode() + body


async def serve_connection(reader, writer, answers, delay, counters):
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                return
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length:
                await reader.readexactly(length)
            if target == "/ping":
                writer.write(response("200 OK", b"pong", "text/plain"))
            else:
                counters["arrivals"].append(time.monotonic())
                counters["in_flight"] += 1
                counters["max_in_flight"] = max(counters["max_in_flight"], counters["in_flight"])
                await asyncio.sleep(delay)
                counters["in_flight"] -= 1
                counters["answered"] += 1
                name = target.rsplit("/", 1)[-1].split("?", 1)[0]
                body = answers.get(name, answers["Ok"])
                writer.write(response("200 OK", body, "text/xml; charset=utf-8"))
            await writer.drain()
    except ConnectionError:
        return
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds before each OT response")
    parser.add_argument("--answers", required=True, help="folder of {method}.xml answers")
    parser.add_argument("--max-seconds", type=float, default=300, help="exit after this many seconds")
    arguments = parser.parse_args()

    answers = load_answers(arguments.answers)
    counters = {"in_flight": 0, "max_in_flight": 0, "answered": 0, "arrivals": []}
    server = await asyncio.start_server(
        lambda reader, writer: serve_connection(reader, writer, answers, arguments.delay, counters),
        "127.0.0.1",
        arguments.port,
        backlog=4096,
        limit=MAX_HEAD_BYTES,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    try:
        await asyncio.wait_for(stop.wait(), arguments.max_seconds)
    except asyncio.TimeoutError:
        pass
    server.close()
    print(f"answered {counters['answered']}, at most {counters['max_in_flight']} at once", flush=True)
    for group in arrival_groups(counters["arrivals"]):
        print(f"{len(group)} requests arrived within {(group[-1] - group[0]) * 1000:.0f} ms", flush=True)


def arrival_groups(arrivals, gap=0.5):
    """Split arrival times into groups separated by more than `gap` seconds of quiet."""
    groups = []
    for arrival in arrivals:
        if groups and arrival - groups[-1][-1] <= gap:
            groups[-1].append(arrival)
        else:
            groups.append([arrival])
    return groups


if __name__ == "__main__":
    try:
        # uvloop (in the benchmark venv) keeps this tool's own CPU time small next to the gateway's.
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(main())
