"""Opens N connections, then sends one GET on each at the same moment; prints latencies as JSON.

Latency runs from the moment the request is written to the end of its response body. The
connections are opened first (at most --connect-concurrency at a time, which keeps within the
gateway's listen backlog of 256), so the figures do not include connection setup.

    python3 burst_client.py --url http://127.0.0.1:8080/orders/42 --count 2000 --header 'Authorization: Bearer x'
"""

import argparse
import asyncio
import json
import time
import urllib.parse


async def open_connection(host, port, semaphore):
    async with semaphore:
        return await asyncio.open_connection(host, port)


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


async def exchange(connection, request, start):
    reader, writer = connection
    try:
        writer.write(request)
        await writer.drain()
        status, body = await read_response(reader)
        return status, time.monotonic() - start, len(body)
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
        return f"error: {type(error).__name__}", time.monotonic() - start, 0
    finally:
        writer.close()


def percentile(sorted_values, fraction):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--connect-concurrency", type=int, default=128)
    parser.add_argument("--timeout", type=float, default=30, help="seconds the whole burst may take")
    arguments = parser.parse_args()

    url = urllib.parse.urlsplit(arguments.url)
    path = url.path + (f"?{url.query}" if url.query else "")
    headers = "".join(f"{header}\r\n" for header in arguments.header)
    request = f"GET {path} HTTP/1.1\r\nHost: {url.netloc}\r\n{headers}\r\n".encode()

    semaphore = asyncio.Semaphore(arguments.connect_concurrency)
    connect_started = time.monotonic()
    connections = await asyncio.wait_for(
        asyncio.gather(*(open_connection(url.hostname, url.port, semaphore) for _ in range(arguments.count))),
        arguments.timeout,
    )
    connect_seconds = time.monotonic() - connect_started

    start = time.monotonic()
    results = await asyncio.wait_for(
        asyncio.gather(*(exchange(connection, request, start) for connection in connections)),
        arguments.timeout,
    )
    wall = time.monotonic() - start

    statuses = {}
    for status, _, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    latencies = sorted(seconds for status, seconds, _ in results if status == 200)
    print(
        json.dumps(
            {
                "connections": len(connections),
                "connect_seconds": round(connect_seconds, 3),
                "ok": len(latencies),
                "statuses": statuses,
                "min_body_bytes": min((size for status, _, size in results if status == 200), default=0),
                "p50_ms": round(percentile(latencies, 0.50) * 1000, 1) if latencies else None,
                "p99_ms": round(percentile(latencies, 0.99) * 1000, 1) if latencies else None,
                "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
                "wall_ms": round(wall * 1000, 1),
            }
        )
    )


if __name__ == "__main__":
    try:
        # uvloop (in the benchmark venv) keeps this tool's own CPU time small next to the gateway's.
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(main())
