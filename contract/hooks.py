"""Schemathesis hooks for the OTGateway contract test.

Loaded through the SCHEMATHESIS_HOOKS environment variable. The generic
``not_a_server_error`` check is replaced by ``documented_server_errors``: a 5xx
response passes only when it is one of the upstream problems the interface
documents (OT failed, timed out, or a write's outcome is unknown), with the
status that code is documented with. Anything else, a 500 above all, fails.
"""

import json

import schemathesis

# The 5xx problem codes of the interface, each with its documented status.
DOCUMENTED_SERVER_PROBLEMS = {
    "ot_rejected": 502,
    "ot_access_denied": 502,
    "ot_session_expired": 502,
    "ot_bad_response": 502,
    "payment_incomplete": 502,
    "ot_unavailable": 503,
    "outcome_unknown": 503,
    "payment_reconciling": 503,
    "ot_timeout": 504,
}

# The readiness probe documents its own 503 body, which is not a problem document.
READINESS_PATH = "/readyz"


def _problem_code(response):
    content_type = response.headers.get("content-type", [""])
    if isinstance(content_type, list):
        content_type = content_type[0] if content_type else ""
    if not content_type.startswith("application/problem+json"):
        return None, f"Content-Type is {content_type!r}, not application/problem+json"
    try:
        body = json.loads(response.content)
    except ValueError as error:
        return None, f"the body is not JSON: {error}"
    if not isinstance(body, dict):
        return None, "the body is not a JSON object"
    return body.get("code"), None


@schemathesis.check
def documented_server_errors(ctx, response, case):
    """Allow a 5xx only as a documented upstream problem with its documented status."""
    status = response.status_code
    if status < 500:
        return None
    if case.operation.path == READINESS_PATH and status == 503:
        return None
    code, reason = _problem_code(response)
    if reason is not None:
        raise AssertionError(f"HTTP {status} is not a problem document: {reason}")
    expected = DOCUMENTED_SERVER_PROBLEMS.get(code)
    if expected is None:
        raise AssertionError(
            f"HTTP {status} with problem code {code!r}, which is not a documented upstream problem "
            f"(allowed: {', '.join(sorted(DOCUMENTED_SERVER_PROBLEMS))})"
        )
    if expected != status:
        raise AssertionError(f"problem code {code!r} came with HTTP {status}; it is documented as {expected}")
    return None
