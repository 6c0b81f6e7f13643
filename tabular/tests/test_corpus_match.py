"""Standard matching on real municipal files (../shared/corpus), against a hand-made truth.

tabular/tests/data/corpus_standards.json says, for every file of corpus/municipal, which
standard its header follows (or null) and why, decided by reading the header — not only the
dataset_kind of SOURCES.csv (several files of a standard's kind use their own layout).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from standards.matching import AUTO_THRESHOLD, best_match, match_standard
from standards.registry import load_standards
from tabular.engine.read import read_file
from tabular.engine.schema import schema_from_standard
from tabular.engine.validate import validate_table

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"
TRUTH = json.loads(
    (Path(__file__).resolve().parent / "data" / "corpus_standards.json").read_text("utf-8")
)

pytestmark = pytest.mark.skipif(
    not (CORPUS / "SOURCES.csv").exists(),
    reason="../shared/corpus is not present (a fresh clone); it is always there in CI",
)


def tables_of(path: str):
    """Read one corpus file into its tables."""
    file = CORPUS / path
    return read_file(file, filename=file.name).tables


def auto_standard(path: str) -> tuple[str | None, float]:
    """Return the standard auto-matched for the best table of a file, and its score."""
    found: tuple[str | None, float] = (None, 0.0)
    for table in tables_of(path):
        ranked = match_standard(table.headers)
        if ranked and ranked[0].score > found[1]:
            found = (ranked[0].standard, ranked[0].score)
    return found if found[1] >= AUTO_THRESHOLD else (None, found[1])


def test_truth_covers_every_municipal_file_of_the_corpus():
    with (CORPUS / "SOURCES.csv").open(encoding="utf-8") as fh:
        listed = {row["file"] for row in csv.DictReader(fh) if row["file"].startswith("municipal/")}
    assert {entry["path"] for entry in TRUTH} == listed


def test_truth_names_only_standards_that_have_fields():
    standards = load_standards()
    for entry in TRUTH:
        if entry["standard"] is not None:
            assert standards[entry["standard"]].has_fields, entry["path"]
        assert entry["why"]


def test_files_that_follow_a_standard_are_auto_matched_to_it():
    expected = [e for e in TRUTH if e["standard"] is not None]
    misses = []
    for entry in expected:
        got, score = auto_standard(entry["path"])
        if got != entry["standard"]:
            misses.append(f"{entry['path']}: expected {entry['standard']}, got {got} ({score})")
    print(f"matched {len(expected) - len(misses)}/{len(expected)}; misses:", *misses, sep="\n  ")
    assert (len(expected) - len(misses)) / len(expected) >= 0.9


def test_files_without_a_standard_are_not_matched_to_one():
    wrong = []
    for entry in (e for e in TRUTH if e["standard"] is None):
        got, score = auto_standard(entry["path"])
        if got is not None:
            wrong.append(f"{entry['path']}: matched {got} ({score})")
    print(f"{len(wrong)} non-standard files matched above {AUTO_THRESHOLD}:", *wrong, sep="\n  ")
    assert wrong == []


def test_every_corpus_table_validates_against_its_match_without_failing():
    for entry in TRUTH:
        for table in tables_of(entry["path"]):
            match = best_match(table.headers)
            if match is None:
                continue
            schema = schema_from_standard(match, table)
            result = validate_table(table, schema=schema, match=match, matched="auto")
            assert result.typed.num_rows == table.num_rows, entry["path"]
            assert 0.0 <= result.report.conformance.score <= 100.0
