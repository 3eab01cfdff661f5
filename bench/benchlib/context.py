"""Shared state of one harness run: paths, settings, the report and the canned upstream."""

import json
import os
import urllib.error
import urllib.request

from . import nginx
from .gateway import API_TOKEN
from .processes import free_port

# The methods the canned upstream answers with a recorded document; every other
# /service/{method} gets OT's plain "Ok" answer.
CANNED_METHODS = ("AuthenticateInstanceOperator", "GetSalesOrderDetailsForOperator", "GetSalesPackageList")
# The order the canned upstream describes; GET /orders/42 reads it.
CANNED_ORDER_NUMBER = 42
# The small JSON body nginx serves as the reference for GET /healthz (the gateway's own body).
HEALTH_BODY = '{"status":"ok"}'


class Context:
    def __init__(self, repository, folder, duration, repeat, report):
        self.repository = repository
        self.folder = folder
        self.duration = duration
        self.repeat = repeat
        self.report = report
        self.bench = os.path.join(repository, "bench")

    def path(self, *parts):
        return os.path.join(self.bench, *parts)

    def scenario_folder(self, name):
        folder = os.path.join(self.folder, name)
        os.makedirs(folder, exist_ok=True)
        return folder

    def canned_upstream(self, folder):
        """Start nginx serving the OT calls of GET /orders/{id} and GET /healthz; return (child, base URL)."""
        port = free_port()
        locations = [nginx.canned_location("/healthz", "application/json", HEALTH_BODY)]
        for method in CANNED_METHODS:
            locations.append(nginx.canned_location(f"/service/{method}", "text/xml", self.answer(method)))
        locations.append(nginx.canned_location("/service/", "text/xml", self.answer("Ok"), exact=False))
        child = nginx.start(os.path.join(folder, "nginx"), "nginx", port, "\n".join(locations), "/healthz")
        return child, f"http://127.0.0.1:{port}"

    def answer(self, method):
        with open(self.path("upstream", f"{method}.xml")) as answer:
            return answer.read().strip()


def get_json(url, token=API_TOKEN, method="GET", body=None):
    """Send one request with the bearer token; return (status, parsed JSON or text)."""
    request = urllib.request.Request(url, method=method, data=body)
    request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text
