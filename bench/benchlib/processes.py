"""Child processes of a benchmark run, their readiness, and figures from /proc."""

import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

# Seconds a child gets to exit after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 10


def free_port():
    """Return a loopback TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Child:
    """A process started by the harness, with its output in a log file of the run's folder."""

    def __init__(self, name, arguments, log_path, environment=None, stdin=None, stdout=None):
        self.name = name
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            arguments,
            env=environment,
            stdin=stdin,
            stdout=stdout if stdout is not None else self.log,
            stderr=self.log,
            start_new_session=True,
        )

    @property
    def pid(self):
        return self.process.pid

    def running(self):
        return self.process.poll() is None

    def stop(self, sig=signal.SIGTERM):
        """Send `sig`, wait for the exit, and kill the process if it outlives the grace period."""
        if self.running():
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def log_tail(self, characters=2000):
        try:
            with open(self.log_path, "rb") as log:
                return log.read()[-characters:].decode("utf-8", "replace")
        except OSError:
            return ""


def wait_for_http(url, child, timeout=30.0):
    """Poll `url` until it answers 200; raise with the child's log when it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not child.running():
            raise RuntimeError(f"{child.name} exited before it served {url}:\n{child.log_tail()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{child.name} did not serve {url} within {timeout:.0f} s:\n{child.log_tail()}")


def proc_status(pid):
    """Return Threads, VmRSS and VmHWM (KiB) of `pid` from /proc/PID/status."""
    figures = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("Threads", "VmRSS", "VmHWM"):
                figures[key] = int(value.split()[0])
    return figures


class StatusSampler:
    """Samples /proc/PID/status in a thread and keeps the maximum thread count and RSS."""

    def __init__(self, pid, interval=0.05):
        self.pid = pid
        self.interval = interval
        self.max_threads = 0
        self.max_rss_kib = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exception):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            try:
                figures = proc_status(self.pid)
            except OSError:
                return
            self.samples += 1
            self.max_threads = max(self.max_threads, figures["Threads"])
            self.max_rss_kib = max(self.max_rss_kib, figures["VmRSS"])
            self._stop.wait(self.interval)


def load_average():
    """Return the 1, 5 and 15 minute load averages as text."""
    with open("/proc/loadavg") as loadavg:
        return " ".join(loadavg.read().split()[:3])


def raise_open_file_limit(needed):
    """Raise the soft descriptor limit to the hard one; children inherit it. Returns the soft limit."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(needed, soft)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    if soft < needed:
        print(f"warning: the open file limit is {soft}, below the {needed} this run needs; raise the hard limit")
    return soft

