"""The scanner over the real municipal corpus: open data stays publishable, FLAG files warn."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from privacy.scanner import scan_file

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"


def _require_corpus() -> None:
    """Skip when ../shared/corpus is absent (a user's fresh clone)."""
    if not (CORPUS / "municipal").is_dir():
        pytest.skip("../shared/corpus/municipal is absent (fresh clone); corpus tests need it")


def _flagged_mobile_files() -> list[str]:
    """Return the corpus files whose notes flag mobile numbers (SOURCES.csv "FLAG: … mobile")."""
    with (CORPUS / "SOURCES.csv").open(encoding="utf-8") as fh:
        return [
            row["file"]
            for row in csv.DictReader(fh)
            if row["file"].startswith("municipal/") and "mobile number" in row["notes"]
            and "FLAG" in row["notes"]
        ]


def test_no_municipal_open_data_file_is_blocked() -> None:
    _require_corpus()
    files = sorted(p for p in (CORPUS / "municipal").rglob("*") if p.is_file())
    blocked = [
        str(p.relative_to(CORPUS))
        for p in files
        if any(r.outcome == "block" for r in scan_file(p))
    ]
    assert files
    assert blocked == []


def test_files_flagged_for_mobile_numbers_get_at_least_a_warning() -> None:
    _require_corpus()
    flagged = _flagged_mobile_files()
    assert flagged
    missed = [f for f in flagged if all(r.outcome == "clear" for r in scan_file(CORPUS / f))]
    assert missed == []
