"""Opens N keep-alive connections, sends one GET on each, then keeps them open and idle.

It prints one JSON line when all are open (`{"open": N, ...}`), keeps them until a line
arrives on stdin or --hold-seconds pass, then prints how many the server had closed
meanwhile and exits.

    python3 idle_connections.py --url http://127.0.0.1:8080/healthz --count 5000
"""

import argparse
import asyncio
import json
import sys
import time
import urllib.parse


async def open_and_ask(host, port, request, semaphore):
    async with semaphore:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(request)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length:
            await reader.readexactly(length)
        return reader, writer


async def wait_for_stdin_line():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--connect-concurrency", type=int, default=128)
    parser.add_argument("--hold-seconds", type=float, default=120, help="maximum seconds to hold the connections when no stdin line arrives")
    arguments = parser.parse_args()

    url = urllib.parse.urlsplit(arguments.url)
    request = f"GET {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode()
    semaphore = asyncio.Semaphore(arguments.connect_concurrency)
    started = time.monotonic()
    connections = await asyncio.wait_for(
        asyncio.gather(
            *(open_and_ask(url.hostname, url.port, request, semaphore) for _ in range(arguments.count))
        ),
        60,
    )
    print(json.dumps({"open": len(connections), "open_seconds": round(time.monotonic() - started, 2)}), flush=True)

    try:
        await asyncio.wait_for(wait_for_stdin_line(), arguments.hold_seconds)
    except asyncio.TimeoutError:
        pass
    # A connection the server closed reads end-of-file at once; an open one has nothing to read.
    closed = sum(1 for reader, _ in connections if reader.at_eof() or reader.exception() is not None)
    for _, writer in connections:
        writer.close()
    print(json.dumps({"closed_by_server": closed}), flush=True)


if __name__ == "__main__":
    try:
        # uvloop (in the benchmark venv) keeps this tool's own CPU time small next to the gateway's.
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(main())
