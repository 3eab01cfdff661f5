"""Collects each scenario's figures and prints them, with ratios and targets, as a Markdown table."""

import json
import statistics


def median(values):
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def ratio(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def fmt(value, digits=1):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


class Report:
    """The rows of the summary table and the raw figures of every run."""

    def __init__(self):
        self.rows = []
        self.raw = {}

    def add_row(self, scenario, figure, value, reference, ratio_text, target, met):
        self.rows.append(
            {
                "scenario": scenario,
                "figure": figure,
                "value": value,
                "reference": reference,
                "ratio": ratio_text,
                "target": target,
                "met": {True: "yes", False: "NO", None: "-"}[met],
            }
        )
        print(f"  => {figure}: {value} | reference {reference} | ratio {ratio_text} | target {target}: {self.rows[-1]['met']}")

    def add_raw(self, scenario, key, figures):
        self.raw.setdefault(scenario, {}).setdefault(key, []).append(figures)

    def markdown(self):
        lines = [
            "| scenario | figure | measured | reference (same run) | ratio | target | met |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in self.rows:
            lines.append(
                f"| {row['scenario']} | {row['figure']} | {row['value']} | {row['reference']} | "
                f"{row['ratio']} | {row['target']} | {row['met']} |"
            )
        return "\n".join(lines)

    def write_json(self, path, machine):
        with open(path, "w") as output:
            json.dump({"machine": machine, "rows": self.rows, "raw": self.raw}, output, indent=2)
