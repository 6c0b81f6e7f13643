"""Helpers shared by the anonymisation tests: corpus location and the pycanon peer check."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
ARX = SHARED / "corpus" / "anonymisation" / "arx"
PEERS = Path(__file__).resolve().parents[2] / ".venv-peers" / "bin" / "python"

_PEER_SCRIPT = """
import json, sys
import pandas as pd
from pycanon import anonymity
args = json.loads(sys.argv[1])
df = pd.read_csv(args["csv"], dtype=str, keep_default_na=False)
out = {"k": int(anonymity.k_anonymity(df, args["qi"]))}
if args["sa"]:
    out["l"] = int(anonymity.l_diversity(df, args["qi"], args["sa"]))
if args.get("t"):
    out["t"] = float(anonymity.t_closeness(df, args["qi"], args["sa"]))
print(json.dumps(out))
"""


def adult_rows() -> list[dict]:
    """The UCI Adult table from the corpus, or skip when the corpus is absent."""
    if not (ARX / "adult.csv").is_file():
        pytest.skip(f"corpus absent: {ARX / 'adult.csv'} (needs ../shared beside the repo)")
    import csv

    with (ARX / "adult.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def pycanon_check(table: pa.Table, *, qi: list[str], sa: list[str], tmp_path: Path,
                  t: bool = False) -> dict:
    """Run pycanon in its own venv on a table (k, l, and t when asked); skip without peers."""
    if not PEERS.is_file():
        pytest.skip(f"pycanon peer venv absent: {PEERS} (create it with make install-peers)")
    path = tmp_path / "out.csv"
    pacsv.write_csv(table, path)
    args = json.dumps({"csv": str(path), "qi": qi, "sa": sa, "t": t})
    done = subprocess.run([str(PEERS), "-c", _PEER_SCRIPT, args], capture_output=True,
                          text=True, check=True, timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1])
