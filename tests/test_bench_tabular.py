"""Smoke test of bench/tabular: the generator, and the benchmark in --quick mode at tiny size.

No timing is asserted: only that the files and the JSON come out and that Kanmin, frictionless
and the generator's sidecar agree on the number of type errors in the bad-cell copy.
"""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.tabular import generate

ROOT = Path(__file__).resolve().parent.parent
ROWS = 300


def _rows(path: Path, encoding: str) -> list[list[str]]:
    """Read a generated CSV file as a list of rows (header included)."""
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> generate.GeneratedFiles:
    """Generate ROWS rows once for the generator tests."""
    cache = tmp_path_factory.mktemp("cache")
    return generate.ensure_files(ROWS, cache_dir=cache, seed=7, log=lambda _msg: None)


def test_generator_writes_the_same_rows_in_utf8_and_cp932(files):
    utf8 = _rows(files.utf8, "utf-8")
    assert utf8[0] == generate.HEADERS
    assert len(utf8) == ROWS + 1
    assert _rows(files.cp932, "cp932") == utf8


def test_bad_cell_copy_differs_in_exactly_the_recorded_typed_cells(files):
    good, bad = _rows(files.utf8, "utf-8"), _rows(files.bad, "utf-8")
    changed = [(r, c) for r in range(len(good)) for c in range(len(good[r]))
               if good[r][c] != bad[r][c]]
    sidecar = json.loads(files.bad_sidecar.read_text(encoding="utf-8"))
    assert len(changed) == sidecar["bad_cells"] == round(ROWS * len(generate.TYPED) / 100)
    assert {c for _r, c in changed} <= set(generate.TYPED)


def test_generated_files_are_reused_from_the_cache(files):
    before = files.utf8.stat().st_mtime_ns
    messages = []
    again = generate.ensure_files(ROWS, cache_dir=files.directory.parent, seed=7,
                                  log=messages.append)
    assert again.utf8.stat().st_mtime_ns == before
    assert any("reusing" in m for m in messages)


def test_schema_has_the_standard_columns_and_typed_coordinates(files):
    schema = json.loads(files.schema.read_text(encoding="utf-8"))
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert [f["name"] for f in schema["fields"]] == generate.HEADERS
    assert (types["緯度"], types["経度"], types["開始時間"]) == ("number", "number", "time")


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> dict:
    """Run the benchmark once in --quick mode on tiny files; return its JSON."""
    pytest.importorskip("frictionless", reason="frictionless (a dev dependency) is the peer")
    tmp = tmp_path_factory.mktemp("bench")
    out = tmp / "tabular.json"
    cmd = [sys.executable, str(ROOT / "bench" / "tabular" / "run.py"), "--quick", "--full",
           "--small", "200", "--large", "400", "--queries", "8", "--naive-runs", "2",
           "--cache-dir", str(tmp / "cache"), "--out", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "ratio" in proc.stdout
    return json.loads(out.read_text(encoding="utf-8"))


def test_quick_benchmark_measures_every_file_with_both_tools(quick_run):
    labels = [r["case"]["label"] for r in quick_run["results"]]
    assert labels == ["200 UTF-8", "200 CP932", "400 UTF-8", "400 CP932", "200 1% bad",
                      "400 1% bad"]
    for r in quick_run["results"]:
        assert r["kanmin"]["rows"] == r["case"]["rows"]
        assert r["frictionless"]["rows"] == r["case"]["rows"]


def test_quick_benchmark_type_error_counts_agree_with_the_sidecar(quick_run):
    bad = [r for r in quick_run["results"] if r["case"]["bad"]]
    assert bad
    for r in bad:
        expected = r["case"]["expected_type_errors"]
        assert expected > 0
        assert r["kanmin"]["type_errors"] == r["frictionless"]["type_errors"] == expected


def test_quick_benchmark_queries_the_large_tables_parquet(quick_run):
    d = quick_run["datastore"]
    assert d is not None
    assert d["queries"] == 8 and len(d["samples_ms"]) == 8
    assert d["naive"]["totals_equal"] is True


def test_compare_runs_each_tree_in_turn_and_reports_its_measurements(files, capsys):
    from bench.tabular import compare

    results = compare.main([str(files.utf8), str(ROOT), str(ROOT), "--runs", "2"])
    assert [r.tree for r in results] == [ROOT.resolve(), ROOT.resolve()]
    for result in results:
        assert len(result.wall) == len(result.cpu) == len(result.rss_mib) == 2
        assert min(result.wall) > 0 and min(result.cpu) > 0
        assert min(result.rss_mib) > 20  # an interpreter with pyarrow loaded
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("(2 runs)" in line for line in lines)


def test_compare_stops_when_a_child_fails(tmp_path):
    from bench.tabular import compare

    missing = tmp_path / "missing.csv"
    with pytest.raises(SystemExit, match="failed"):
        compare.main([str(missing), str(ROOT), "--runs", "1"])
