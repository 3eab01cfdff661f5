"""Helpers of the benchmark harness: child processes, wrk, nginx and the gateway."""
