"""Validation reports as stored JSON, and the plain-language view of them for pages."""

from __future__ import annotations

from dataclasses import asdict

from tabular.engine.types import Notice, Report

#: Our field types → CKAN DataStore column types.
CKAN_TYPES = {
    "integer": "int",
    "number": "numeric",
    "latitude": "numeric",
    "longitude": "numeric",
    "date": "date",
    "datetime": "timestamp",
    "boolean": "bool",
}


def ckan_type(field_type: str) -> str:
    """The CKAN DataStore type for one of our field types (text by default)."""
    return CKAN_TYPES.get(field_type, "text")


def report_to_json(report: Report, *, notices: list[Notice] | None = None) -> dict:
    """A report as JSON-serialisable data (stored on the table, shown on pages and the API)."""
    data = asdict(report)
    data["notices"] = [asdict(n) for n in (notices or [])]
    return data


def issues_by_code(report: dict) -> list[dict]:
    """Issues grouped by code for the page: code, severity, count and up to 20 examples."""
    groups: dict[str, dict] = {}
    for issue in report.get("issues", []):
        group = groups.setdefault(issue["code"], {
            "code": issue["code"], "severity": issue["severity"],
            "count": report.get("counts", {}).get(issue["code"], 0), "examples": [],
            "hint_ja": issue.get("hint_ja", ""), "hint_en": issue.get("hint_en", ""),
        })
        if len(group["examples"]) < 20:
            group["examples"].append(issue)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(groups.values(), key=lambda g: (order.get(g["severity"], 3), -g["count"]))
