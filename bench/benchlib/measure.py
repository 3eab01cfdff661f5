"""Interleaved wrk measurements of a subject and its reference, repeated, with medians."""

from . import wrk
from .report import fmt, median, ratio

# Seconds of load before the measured runs, so caches, connection pools and sessions are warm.
WARM_UP_SECONDS = 2


def describe(figures):
    return (
        f"{figures['rps']:,.0f} req/s, p50 {fmt(figures.get('p50'), 2)} ms, p99 {fmt(figures.get('p99'), 2)} ms, "
        f"{figures.get('requests', 0):,} requests, {figures['non_2xx']} non-2xx, {figures['errors']} socket errors"
    )


def interleaved(context, scenario, subject, reference):
    """Run `subject` and `reference` (label, keyword arguments of `wrk.run`) in turn, `repeat` times.

    Returns the medians of both sides: requests/s, p50 and p99.
    """
    runs = {subject[0]: [], reference[0]: []}
    for label, arguments in (subject, reference):
        wrk.run(**{**arguments, "duration": WARM_UP_SECONDS})
    for round_number in range(1, context.repeat + 1):
        for label, arguments in (subject, reference):
            figures = wrk.run(**{**arguments, "duration": context.duration})
            runs[label].append(figures)
            context.report.add_raw(scenario, label, figures)
            print(f"  [{round_number}] {label}: {describe(figures)}")
    medians = {}
    for label, figures in runs.items():
        medians[label] = {
            key: median([run.get(key) for run in figures]) for key in ("rps", "p50", "p99", "non_2xx", "errors")
        }
        medians[label]["non_2xx"] = sum(run["non_2xx"] for run in figures)
        medians[label]["errors"] = sum(run["errors"] for run in figures)
    ratios = [ratio(a["rps"], b["rps"]) for a, b in zip(runs[subject[0]], runs[reference[0]])]
    medians["ratios"] = ratios
    return medians
