"""Tests of the contract test's custom check, run with the virtual environment's pytest."""

import json
import os
import sys
from types import SimpleNamespace

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hooks  # noqa: E402


def response(status, body, content_type="application/problem+json"):
    return SimpleNamespace(
        status_code=status,
        headers={"content-type": [content_type]},
        content=json.dumps(body).encode(),
    )


def case(path="/orders"):
    return SimpleNamespace(operation=SimpleNamespace(path=path))


def test_client_errors_pass():
    hooks.documented_server_errors(None, response(404, {"code": "not_found"}), case())


@pytest.mark.parametrize("code,status", sorted(hooks.DOCUMENTED_SERVER_PROBLEMS.items()))
def test_documented_upstream_problems_pass(code, status):
    hooks.documented_server_errors(None, response(status, {"code": code}), case())


def test_internal_error_fails():
    with pytest.raises(AssertionError, match="internal_error"):
        hooks.documented_server_errors(None, response(500, {"code": "internal_error"}), case())


def test_documented_code_with_wrong_status_fails():
    with pytest.raises(AssertionError, match="documented as 504"):
        hooks.documented_server_errors(None, response(502, {"code": "ot_timeout"}), case())


def test_non_problem_server_error_fails():
    with pytest.raises(AssertionError, match="not a problem document"):
        hooks.documented_server_errors(None, response(502, {"code": "ot_rejected"}, "text/html"), case())


def test_server_busy_fails():
    with pytest.raises(AssertionError, match="server_busy"):
        hooks.documented_server_errors(None, response(503, {"code": "server_busy"}), case())


def test_readiness_503_passes():
    body = {"status": "not_ready", "reasons": ["store: closed"]}
    hooks.documented_server_errors(None, response(503, body, "application/json"), case("/readyz"))
