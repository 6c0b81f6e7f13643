#!/usr/bin/env python3
"""Benchmark: ingest of 公共施設一覧 files (100k / 1M rows, UTF-8 / CP932, 1 % bad cells).

What it measures (issue 4, "Benchmark"), on files made by bench/tabular/generate.py (cached
in var/bench/tabular/, reused when present):

1. Kanmin's ingest: tabular.engine.pipeline.ingest(path, out_dir=<temp dir>,
   write_geojson=False) — detect, decode, find the header, match the standard, normalise,
   validate, write Parquet: the point where the job marks the table ready (it writes the
   GeoJSON afterwards; CSV downloads are streamed from the Parquet file) — in a fresh process
   per run (bench/tabular/ingest_child.py); wall time from outside (interpreter start and
   imports included), CPU time and peak RSS from os.wait4, which also cover a decode worker
   process where one runs (tabular/engine/readers/transcode.py, the strict fallback's; the
   benchmark's CSV files are decoded in-process, with glibc's iconv).
   By default Kanmin matches the standard itself (what a publisher's upload gets);
   --kanmin-schema tableschema gives it the generated Table Schema instead, --kanmin-schema
   claimed says "public-facilities" as the dataset's claimed standard.
2. Peer, same file, same run: ``frictionless validate --json --trusted --limit-errors
   1000000000 --schema schema.json [--encoding cp932] FILE`` (the CLI of .venv/bin), once
   per file, in a fresh process, timed the same way. It only validates (no normalising, no
   output files). With --skip-peer-large the 1M-row files are not validated by
   frictionless; its rate on the 100k file of the same kind is used instead, and the output
   says EXTRAPOLATED.
3. The type-error counts of both on the bad-cell copy, with the count the generator recorded.
4. datastore_search (tabular.datastore.engine.search, CKAN defaults: limit 100, total
   included) with filters on the 1M-row table's Parquet: p50/p95 over --queries varied
   filters, against a naive full pyarrow scan + filter of the same file (no peer tool exists
   for this in the issue; labelled as such).
5. --profile: cProfile of one ingest of the 100k UTF-8 file (not timed), top functions.
6. --warm (on with --full): a second, separately labelled view, "warm (in-process, imports
   done)", run after the cold runs above, which stay the headline. In the product the
   ingestion job runs in a long-lived worker that imported everything once; at 100k rows
   interpreter start and imports are ~0.25 s CPU of Kanmin's ~0.55 s. Per file, one fresh
   process (bench/tabular/warm_child.py) imports Kanmin's engine and frictionless's Python
   API, makes one untimed warm-up call of each, then alternates timed calls: Kanmin's
   ingest (same arguments as in 1., fresh temp output dir per call) and frictionless's
   ``Resource(FILE, schema=schema.json, encoding=...).validate(limit_errors=1000000000)``,
   what the CLI of 2. runs before printing (checked: same error counts on the bad copy).
   Per call, from inside: wall time (perf_counter) and CPU time (process_time: every thread,
   plus a decode worker process where one runs). --runs timed calls per tool (default 5); 1 for
   frictionless on the large files (~100 s each at 1M rows), whose warm-up then validates
   only the first 10,000 rows (with --skip-peer-large: not run, extrapolated as in 2.).
   Excluded: interpreter start, imports, first-call costs, the frictionless report's JSON
   output, removing Kanmin's outputs, a gc.collect() before each call. Medians, rows/s and
   wall/CPU ratios against the same ≥ 20× target, every line saying "warm"; no peak-RSS
   figure (both tools share the process).

Targets (issue 4): ≥ 20× frictionless's rows/s; peak memory < 1 GiB for the 1M-row ingest;
equal type-error counts; datastore_search p95 < 100 ms. A missed target is reported, not a
failure. Results: printed, and as JSON in bench/out/tabular-SMALL-LARGE.json (the warm view
under "warm").

Usage (from the project root):
  .venv/bin/python bench/tabular/run.py                    # 100k + 1M rows (~10 min, mostly
                                                           # frictionless on the 1M files)
  .venv/bin/python bench/tabular/run.py --quick            # 10k + 50k rows, one run each
  .venv/bin/python bench/tabular/run.py --full             # also the 1M-row bad-cell copy
                                                           # and the warm view
  .venv/bin/python bench/tabular/run.py --warm             # + the warm view (~7–9 min more)
  .venv/bin/python bench/tabular/run.py --skip-peer-large  # frictionless on 100k only
  .venv/bin/python bench/tabular/run.py --profile          # + cProfile of the 100k ingest
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tabular import generate, measure, query  # noqa: E402

PEER = ("frictionless validate (frictionless-py CLI) with the equivalent Table Schema, same "
        "file, same run, fresh process")
TARGET_RATIO = 20.0
TARGET_RSS_MIB = 1024.0
TARGET_P95_MS = 100.0
PEER_WARMUP_ROWS_LARGE = 10_000  # frictionless's warm-up on a large file: ~1 s, not ~100 s


@dataclass(frozen=True)
class Case:
    """One file to measure: what it is, where it is, how frictionless must decode it."""

    label: str
    path: Path
    rows: int
    encoding: str | None  # passed to frictionless; Kanmin detects it
    large: bool
    bad: bool
    kind: str  # utf8 | cp932 | bad: what a large file's peer rate is extrapolated from
    expected_type_errors: int | None = None


def parse_args() -> argparse.Namespace:
    """Command line options."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--small", type=int, default=100_000, help="rows of the small files")
    p.add_argument("--large", type=int, default=1_000_000, help="rows of the large files")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: 10,000 and 50,000 rows, one Kanmin run, 50 queries")
    p.add_argument("--full", action="store_true",
                   help="also the large bad-cell copy, and the warm view (--warm)")
    p.add_argument("--warm", action="store_true",
                   help="also the warm view: both tools in one process per file, imports and "
                        "a warm-up call done, --runs timed calls each (frictionless: 1 on "
                        "the large files)")
    p.add_argument("--skip-peer-large", action="store_true",
                   help="do not run frictionless on the large files: extrapolate its rate "
                        "from the small file of the same kind (said so in the output)")
    p.add_argument("--runs", type=int, default=None,
                   help="Kanmin ingest runs per file, median reported (default 5, --quick 1); "
                        "frictionless runs once")
    p.add_argument("--kanmin-schema", choices=["auto", "claimed", "tableschema"], default="auto",
                   help="auto: Kanmin matches the standard itself; claimed: claimed standard "
                        "public-facilities; tableschema: the generated schema.json")
    p.add_argument("--queries", type=int, default=None,
                   help="datastore_search queries (default 200, --quick 50)")
    p.add_argument("--naive-runs", type=int, default=None,
                   help="naive full scans, slow (default 10, --quick 5)")
    p.add_argument("--skip-datastore", action="store_true")
    p.add_argument("--profile", action="store_true",
                   help="cProfile one ingest of the small UTF-8 file and print the top functions")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds per child process")
    p.add_argument("--cache-dir", type=Path, default=generate.DEFAULT_CACHE)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--keep", action="store_true", help="keep the temp dir (outputs, logs)")
    p.add_argument("--out", type=Path, default=None, help="JSON output file")
    args = p.parse_args()
    # --quick changes the sizes and the defaults; explicit values still win.
    if args.quick:
        args.small = min(args.small, 10_000)
        args.large = min(args.large, 50_000)
    args.warm = args.warm or args.full
    # Five runs: identical cold runs of a 100k-row file spread over ±20 % on this VM, so
    # the median of three moved with one slow run.
    for name, full, quick in (("runs", 5, 1), ("queries", 200, 50), ("naive_runs", 10, 5)):
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    return args


def machine() -> dict:
    """Describe the machine and code the numbers were measured on."""
    def cmd(*c: str) -> str:
        try:
            return subprocess.run(c, capture_output=True, text=True, cwd=ROOT,
                                  timeout=10).stdout.strip()
        except OSError:
            return ""

    versions = {}
    for mod in ("pyarrow", "duckdb", "frictionless"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception as exc:  # a missing module is only noted
            versions[mod] = f"unavailable ({exc.__class__.__name__})"
    mem = cmd("free", "-m").splitlines()
    return {"uptime": cmd("uptime"), "nproc": cmd("nproc"), "platform": platform.platform(),
            "python": platform.python_version(), "memory": mem[1] if len(mem) > 1 else "",
            "commit": cmd("git", "rev-parse", "--short", "HEAD"),
            "dirty": bool(cmd("git", "status", "--porcelain", "--untracked-files=no")),
            "versions": versions, "date": datetime.now(UTC).isoformat(timespec="seconds")}


def cases(args: argparse.Namespace) -> tuple[list[Case], generate.GeneratedFiles]:
    """Generate (or reuse) the files and list what to measure, in order."""
    small = generate.ensure_files(args.small, cache_dir=args.cache_dir, seed=args.seed)
    large = generate.ensure_files(args.large, cache_dir=args.cache_dir, seed=args.seed)
    s, lg = f"{args.small:,}", f"{args.large:,}"
    out = [
        Case(f"{s} UTF-8", small.utf8, args.small, None, False, False, "utf8"),
        Case(f"{s} CP932", small.cp932, args.small, "cp932", False, False, "cp932"),
        Case(f"{lg} UTF-8", large.utf8, args.large, None, True, False, "utf8"),
        Case(f"{lg} CP932", large.cp932, args.large, "cp932", True, False, "cp932"),
        Case(f"{s} 1% bad", small.bad, args.small, None, False, True, "bad",
             small.expected_bad_cells()),
    ]
    if args.full:
        out.append(Case(f"{lg} 1% bad", large.bad, args.large, None, True, True, "bad",
                        large.expected_bad_cells()))
    return out, large


def find_parquet(report: dict, out_dir: Path) -> Path | None:
    """Return the Parquet file the ingest wrote (from its outputs, else by looking)."""
    def walk(obj):
        if isinstance(obj, str) and obj.endswith(".parquet"):
            yield obj
        elif isinstance(obj, dict):
            for v in obj.values():
                yield from walk(v)
        elif isinstance(obj, list):
            for v in obj:
                yield from walk(v)

    for t in report.get("tables", []):
        for p in walk(t.get("outputs")):
            path = Path(p) if Path(p).is_absolute() else out_dir / p
            if path.exists():
                return path
    found = sorted(out_dir.rglob("*.parquet"))
    return found[0] if found else None


def ingest_case(args, case: Case, tmp: Path, schema: Path, keep_output: bool) -> dict:
    """Run Kanmin's ingest --runs times on one file; return the median run and every sample."""
    runs = []
    kept: Path | None = None
    for i in range(args.runs):
        out_dir = tmp / f"out-{case.path.stem}-{i}"
        extra = {}
        if args.kanmin_schema == "tableschema":
            extra["table_schema"] = schema
        r = measure.kanmin_ingest(case.path, out_dir=out_dir, log_dir=tmp / "logs",
                                  name=f"kanmin-{case.path.stem}-{i}", timeout=args.timeout,
                                  claimed=("public-facilities"
                                           if args.kanmin_schema == "claimed" else None),
                                  **extra)
        runs.append(r)
        if keep_output and i == args.runs - 1:
            kept = find_parquet(r, out_dir)
        else:
            shutil.rmtree(out_dir, ignore_errors=True)  # 1M rows: ~1 GB of outputs per run
        print(f"  Kanmin run {i + 1}/{args.runs}: {r['wall_seconds']:.2f} s wall "
              f"(ingest {r['seconds']:.2f} s, CPU {r['cpu_seconds']:.2f} s), peak RSS {r['maxrss_mib']:.0f} MiB, "
              f"type-error {r['type_errors']:,} [load {r['load_after'][0]}]", flush=True)
    med = sorted(runs, key=lambda r: r["wall_seconds"])[len(runs) // 2]
    return {**med, "wall_samples": [r["wall_seconds"] for r in runs],
            "ingest_samples": [r["seconds"] for r in runs],
            "cpu_samples": [r["cpu_seconds"] for r in runs],
            "maxrss_mib_max": max(r["maxrss_mib"] for r in runs),
            "parquet": str(kept) if kept else None}


def peer_case(args, case: Case, tmp: Path, schema: Path, rates: dict) -> dict:
    """Run frictionless once on the file, or extrapolate when asked to skip large files."""
    if case.large and args.skip_peer_large:
        rate = rates.get(case.kind)
        if rate is None:
            return {"skipped": True}
        print(f"  frictionless: SKIPPED (--skip-peer-large); EXTRAPOLATED from the "
              f"{args.small:,}-row {case.kind} file at {rate[0]:,.0f} rows/s", flush=True)
        return {"extrapolated": True, "rows": case.rows, "wall_seconds": case.rows / rate[0],
                "cpu_seconds": case.rows / rate[1], "type_errors": None, "maxrss_mib": None}
    r = measure.frictionless_validate(case.path, schema=schema, encoding=case.encoding,
                                      log_dir=tmp / "logs", name=f"frictionless-{case.path.stem}",
                                      timeout=args.timeout)
    if not case.large:
        rates[case.kind] = (r["rows"] / r["wall_seconds"], r["rows"] / r["cpu_seconds"])
    print(f"  frictionless: {r['wall_seconds']:.1f} s (CPU {r['cpu_seconds']:.1f} s), "
          f"{r['rows']:,} rows, peak RSS "
          f"{r['maxrss_mib']:.0f} MiB, errors {r['counts'] or 0} [load {r['load_after'][0]}]",
          flush=True)
    return r


def warm_case(args, case: Case, tmp: Path, schema: Path, rates: dict) -> dict:
    """Run both tools warm on one file (warm_child.py); extrapolate a skipped peer's rate."""
    skip_peer = case.large and args.skip_peer_large
    r = measure.warm_pair(case.path, schema=schema, encoding=case.encoding,
                          out_root=tmp / "warm-out", log_dir=tmp / "logs",
                          name=f"warm-{case.path.stem}", timeout=args.timeout, runs=args.runs,
                          peer_runs=0 if skip_peer else (1 if case.large else args.runs),
                          peer_warmup_rows=PEER_WARMUP_ROWS_LARGE if case.large else 0,
                          table_schema=args.kanmin_schema == "tableschema",
                          claimed="public-facilities" if args.kanmin_schema == "claimed" else None)
    k, f = r["kanmin"], r["frictionless"]
    if f and not case.large:
        rates[case.kind] = (case.rows / f["wall_median"], case.rows / f["cpu_median"])
    if skip_peer and case.kind in rates:
        rate = rates[case.kind]
        f = {"extrapolated": True, "wall_median": case.rows / rate[0],
             "cpu_median": case.rows / rate[1], "runs": 0, "type_errors": None}
        print(f"  frictionless warm: SKIPPED (--skip-peer-large); EXTRAPOLATED from the "
              f"{args.small:,}-row {case.kind} file at {rate[0]:,.0f} rows/s", flush=True)
    print(f"  warm: Kanmin median {k['wall_median']:.3f} s wall, {k['cpu_median']:.3f} s CPU "
          f"over {k['runs']} call(s) {[round(x, 3) for x in k['wall_samples']]}, type-error "
          f"{k['type_errors']:,}; frictionless "
          + ("–" if not f or f.get("extrapolated") else
             f"median {f['wall_median']:.2f} s wall, {f['cpu_median']:.2f} s CPU over "
             f"{f['runs']} call(s), type-error {f['type_errors']:,}")
          + f" [load {r['load_after'][0]}]", flush=True)
    return {"case": case.__dict__ | {"path": str(case.path)}, **r, "frictionless": f}


def print_profile(path: Path, top: int = 30) -> str:
    """Return the top functions of a cProfile dump by cumulative and by own time."""
    import io
    import pstats

    buf = io.StringIO()
    st = pstats.Stats(str(path), stream=buf).strip_dirs()
    st.sort_stats("cumulative").print_stats(top)
    st.sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def main() -> None:
    """Run every part, print the tables and ratios, write the JSON."""
    args = parse_args()
    info = machine()
    print(f"bench/tabular: {info['uptime']}; {info['nproc']} CPUs; commit {info['commit']}"
          f"{' (dirty tree)' if info['dirty'] else ''}; {info['versions']}", flush=True)
    print(f"peer: {PEER}", flush=True)
    compiled = measure.compile_project()
    print(f"Kanmin's modules run from compiled bytecode, as frictionless's do "
          f"({compiled} compiled now)", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="kanmin-bench-tabular-"))
    plan, large = cases(args)
    schema = large.schema
    results: list[dict] = []
    rates: dict[str, tuple[float, float]] = {}  # kind → small file's (wall, CPU) rows/s
    parquet: Path | None = None
    try:
        for case in plan:
            print(f"{case.label}: {case.path.name} ({case.path.stat().st_size / 2**20:,.0f} MiB)",
                  flush=True)
            # Keep the large UTF-8 Parquet for the datastore, the small ones for the check
            # that CP932 decodes to the same table as UTF-8.
            keep = (not case.large and case.kind in ("utf8", "cp932")) or (
                case.large and case.kind == "utf8" and not args.skip_datastore)
            k = ingest_case(args, case, tmp, schema, keep)
            if case.large and keep:
                parquet = Path(k["parquet"]) if k["parquet"] else None
            f = peer_case(args, case, tmp, schema, rates)
            results.append({"case": case.__dict__ | {"path": str(case.path)}, "kanmin": k,
                            "frictionless": f})
        warm: list[dict] = []
        warm_rates: dict[str, tuple[float, float]] = {}
        if args.warm:
            print(f"\nwarm view: both tools in one process per file, imports done, {args.runs} "
                  "timed call(s) each (frictionless: 1 on the large files)", flush=True)
            for case in plan:
                print(f"{case.label} (warm): {case.path.name}", flush=True)
                warm.append(warm_case(args, case, tmp, schema, warm_rates))
        same = compare_decoded(results)
        datastore = None
        if not args.skip_datastore:
            datastore = run_datastore(args, parquet)
        profile = None
        if args.profile:
            prof = tmp / "ingest.prof"
            measure.kanmin_ingest(plan[0].path, out_dir=tmp / "out-profile", log_dir=tmp / "logs",
                                  name="kanmin-profile", timeout=args.timeout, profile=prof)
            profile = print_profile(prof)
        from bench.tabular.summary import summarise

        lines = summarise(args, results, datastore, targets=(TARGET_RATIO, TARGET_RSS_MIB,
                                                              TARGET_P95_MS))
        warm_lines = None
        if warm:
            from bench.tabular.summary import summarise_warm

            warm_lines = summarise_warm(args, warm, results, target_ratio=TARGET_RATIO)
        if profile:
            print("\ncProfile of one ingest of " + plan[0].path.name + ":\n" + profile)
        info["uptime_after"] = measure.loadavg()
        out = args.out or OUT_DIR / f"tabular-{args.small}-{args.large}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"machine": info, "args": {k: str(v) for k, v in
                                                             vars(args).items()},
                                   "peer": PEER, "results": results, "datastore": datastore,
                                   "cp932_same_as_utf8": same,
                                   "summary": lines, "profile": profile,
                                   "warm": {"results": warm, "summary": warm_lines}
                                   if warm else None},
                                  ensure_ascii=False, indent=1, default=str) + "\n",
                       encoding="utf-8")
        print(f"\nJSON: {out}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def compare_decoded(results: list[dict]) -> dict | None:
    """Compare the small UTF-8 and CP932 files' Parquet outputs: same rows, same cells?"""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    paths = {r["case"]["kind"]: r["kanmin"].get("parquet") for r in results
             if not r["case"]["large"] and r["case"]["kind"] in ("utf8", "cp932")}
    if not (paths.get("utf8") and paths.get("cp932")):
        return None
    a, b = (pq.read_table(paths[k]) for k in ("utf8", "cp932"))
    differ: dict[str, int] = {}
    if a.schema.names == b.schema.names and a.num_rows == b.num_rows:
        for name in a.schema.names:
            ca, cb = a[name], b[name]
            if ca.type != cb.type:
                differ[name] = -1
                continue
            eq = pc.fill_null(pc.equal(ca, cb), False)
            both_null = pc.and_(pc.is_null(ca), pc.is_null(cb))
            n = a.num_rows - pc.sum(pc.or_(eq, both_null)).as_py()
            if n:
                differ[name] = n
        example = {}
        for name in list(differ)[:3]:
            if differ[name] > 0:
                mask = pc.invert(pc.fill_null(pc.equal(a[name], b[name]), True))
                ia = a[name].filter(mask)[0].as_py()
                ib = b[name].filter(mask)[0].as_py()
                example[name] = [ia, ib]
        out = {"same": not differ, "cells_differing_by_column": differ, "examples": example}
    else:
        out = {"same": False, "reason": "different columns or row counts"}
    print(f"CP932 file decoded to the same table as the UTF-8 file: {out['same']}"
          + ("" if out["same"] else f" ({out})"), flush=True)
    return out


def run_datastore(args, parquet: Path | None) -> dict | None:
    """Measure datastore_search on the large table's Parquet, and the naive scan."""
    if parquet is None or not parquet.exists():
        print("datastore_search: SKIPPED — the large ingest wrote no Parquet file", flush=True)
        return None
    print(f"datastore_search: {args.queries} queries on {parquet.name} "
          f"({parquet.stat().st_size / 2**20:,.0f} MiB), naive scan × {args.naive_runs} …",
          flush=True)
    qs = query.make_queries(args.queries, rows=args.large, seed=args.seed)
    return query.measure_search(parquet, queries=qs, naive_runs=args.naive_runs)


if __name__ == "__main__":
    main()
