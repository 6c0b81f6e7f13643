"""Helpers shared by the anonymisation tests: corpus location and the pycanon peer check.

pycanon (and pandas) live in their own venv (.venv-peers), so every measurement runs there in a
subprocess. ``measure`` takes a batch of claims and starts ONE subprocess for all of them: the
session collector of privacy/tests/conftest.py uses it on every output of the test run.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
ARX = SHARED / "corpus" / "anonymisation" / "arx"
PEERS = Path(__file__).resolve().parents[2] / ".venv-peers" / "bin" / "python"
PEERS_ABSENT = f"pycanon peer venv absent: {PEERS} (make install creates it)"

# Written for a null cell, so that a null stays one value of its own, as the engine counts it.
NULL_TEXT = "\u2400null\u2400"
# Slack for floating-point figures (entropy l, t) computed two different ways.
TOLERANCE = 1e-9

# Runs in the peers' venv: argv[1] is a JSON file with a list of jobs; prints one JSON list.
_PEER_SCRIPT = """
import json, sys
import pandas as pd
from pycanon import anonymity
jobs = json.load(open(sys.argv[1], encoding="utf-8"))
out = []
for job in jobs:
    try:
        df = pd.read_csv(job["csv"], dtype=str, keep_default_na=False)
        found = {"k": int(anonymity.k_anonymity(df, job["qi"]))}
        if job.get("l") is not None and job["sa"]:
            if job.get("l_kind") == "entropy":
                found["l"] = int(anonymity.entropy_l_diversity(df, job["qi"], job["sa"]))
            else:
                found["l"] = int(anonymity.l_diversity(df, job["qi"], job["sa"]))
        if job.get("t") is not None and job["sa"]:
            found["t"] = float(anonymity.t_closeness(df, job["qi"], job["sa"]))
    except Exception as exc:
        found = {"error": f"{type(exc).__name__}: {exc}"}
    out.append(found)
print(json.dumps(out))
"""


@dataclass(frozen=True)
class Claim:
    """One anonymised output to confirm: its CSV, its columns and what its report claims."""

    source: str  # the test that produced the output (pytest node id)
    csv: str
    qi: tuple[str, ...]
    sa: tuple[str, ...]
    k: int
    l: float | None = None  # noqa: E741 - the model's own name
    l_kind: str = "distinct"
    t: float | None = None


def adult_rows() -> list[dict]:
    """The UCI Adult table from the corpus, or skip when the corpus is absent."""
    if not (ARX / "adult.csv").is_file():
        pytest.skip(f"corpus absent: {ARX / 'adult.csv'} (needs ../shared beside the repo)")
    import csv

    with (ARX / "adult.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray | pa.Array:
    """A column as text with nulls spelled out, so pycanon sees the values the engine saw."""
    try:
        text = pc.cast(column, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        text = pa.array([None if v is None else str(v) for v in column.to_pylist()], pa.string())
    return pc.fill_null(text, NULL_TEXT)


def write_columns(table: pa.Table, *, columns: list[str], path: Path) -> Path:
    """Write the named columns of a table as a UTF-8 CSV of text (what pycanon reads)."""
    pacsv.write_csv(pa.table({c: _as_text(table[c]) for c in columns}), path)
    return path


def claim_of(*, config: Any, result: Any, path: Path, source: str) -> Claim | None:
    """Write one engine output for pycanon and note its claims; None when nothing is left."""
    if result.table.num_rows == 0:
        return None
    qi, sa = config.names("quasi"), config.names("sensitive")
    report = result.report
    write_columns(result.table, columns=[*qi, *sa], path=path)
    return Claim(source=source, csv=str(path), qi=tuple(qi), sa=tuple(sa), k=int(report["k"]),
                 l=report.get("l"), l_kind=report.get("l_kind") or "distinct", t=report.get("t"))


def measure(claims: list[Claim], *, timeout: float = 1800) -> list[dict]:
    """Run pycanon once, in the peers' venv, over every claim: one {k, l, t} (or error) each."""
    if not claims:
        return []
    fd, name = tempfile.mkstemp(prefix="pycanon-jobs-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump([asdict(c) for c in claims], f, ensure_ascii=False)
        done = subprocess.run([str(PEERS), "-c", _PEER_SCRIPT, name], capture_output=True,
                              text=True, timeout=timeout, check=False)
    finally:
        os.unlink(name)
    if done.returncode != 0:
        raise RuntimeError(f"pycanon run failed ({done.returncode}): {done.stderr[-2000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if len(found) != len(claims):
        raise RuntimeError(f"pycanon answered {len(found)} jobs for {len(claims)}")
    return found


def unconfirmed(claim: Claim, found: dict) -> list[str]:
    """The claimed figures pycanon does not confirm, one readable line each (empty: all hold)."""
    if "error" in found:
        return [f"pycanon could not measure it: {found['error']}"]
    problems = []
    if claim.k > found["k"]:
        problems.append(f"claimed k={claim.k} but pycanon measures k={found['k']}")
    if claim.l is not None and claim.sa:
        wanted = claim.l
        if claim.l_kind == "entropy":
            # pycanon floors exp(entropy); a claim sitting on an integer may meet a float just
            # below it there (exp(ln 2) = 1.999…), so compare whole numbers with that slack.
            wanted = math.floor(claim.l + TOLERANCE)
            if abs(claim.l - round(claim.l)) < TOLERANCE:
                wanted -= 1
        if wanted > found["l"] + TOLERANCE:
            problems.append(f"claimed {claim.l_kind} l={claim.l} but pycanon measures "
                            f"l={found['l']}")
    if claim.t is not None and claim.sa and claim.t < found["t"] - TOLERANCE:
        problems.append(f"claimed t={claim.t} but pycanon measures t={found['t']}")
    return problems


def confirm(claims: list[Claim]) -> list[str]:
    """Measure every claim in one pycanon run; one line per unconfirmed figure, naming its test."""
    lines = []
    for claim, found in zip(claims, measure(claims), strict=True):
        lines.extend(f"{claim.source}: {p} (qi={list(claim.qi)}, sa={list(claim.sa)}, "
                     f"csv={claim.csv})" for p in unconfirmed(claim, found))
    return lines


def pycanon_check(table: pa.Table, *, qi: list[str], sa: list[str], tmp_path: Path,
                  t: bool = False) -> dict:
    """Run pycanon in its own venv on a table (k, distinct l, and t when asked); skip without peers."""
    if not PEERS.is_file():
        pytest.skip(PEERS_ABSENT)
    path = write_columns(table, columns=[*qi, *sa], path=tmp_path / "out.csv")
    claim = Claim(source="", csv=str(path), qi=tuple(qi), sa=tuple(sa), k=0,
                  l=0.0 if sa else None, t=0.0 if t else None)
    found = measure([claim])[0]
    if "error" in found:
        raise RuntimeError(found["error"])
    return found
