"""Data shapes of the personal-data scanner (pure Python, no Django).

A ``Finding`` never holds a cell's value: only a masked shape, so a ``ScanResult`` can be
stored, logged and shown without leaking what it found (a 個人番号 is masked completely).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

FindingSeverity = Literal["info", "warn", "block"]
Outcome = Literal["clear", "warn", "block"]

_RANK = {"info": 0, "warn": 1, "block": 2}


def worse(a: str, b: str) -> str:
    """Return the graver of two severities."""
    return a if _RANK[a] >= _RANK[b] else b


@dataclass(frozen=True)
class Finding:
    """One cell that holds (or may hold) personal data, with its value masked."""

    kind: str  # mynumber | passport | residence_card | pension | driving_licence | …
    severity: FindingSeverity  # "info" only for notes such as a bad 法人番号 check digit
    row: int  # 1-based row number in the source sheet
    column: int  # 1-based column number
    header: str
    masked: str
    reason_ja: str
    reason_en: str


@dataclass
class ColumnSummary:
    """What the scanner found in one column: its role from the header and counts per kind."""

    column: int  # 1-based
    role: str | None  # name | dob | address | mynumber | … (from the header), or None
    kinds: dict[str, int] = field(default_factory=dict)
    worst: FindingSeverity | None = None


@dataclass
class ScanResult:
    """The outcome of scanning a table: clear, warn or block, with the (capped) findings."""

    outcome: Outcome
    findings: list[Finding]
    counts: dict[str, int]  # kind → number of flagged cells (complete, not capped)
    columns: dict[str, ColumnSummary]  # header (made unique) → summary, flagged columns only
    truncated: bool = False  # True when more findings existed than were kept

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the result."""
        return asdict(self)
