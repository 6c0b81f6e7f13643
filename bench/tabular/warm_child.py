"""Child process of the tabular benchmark's warm view: both tools, imports done, one file.

One fresh interpreter per file imports Kanmin's engine (tabular.engine.pipeline) and
frictionless's Python API first, then calls each tool on the same file: one untimed warm-up
call per tool (lazy imports, caches, the allocator's first growth), then the timed calls,
alternating Kanmin and frictionless so that a slow spell of the machine hits both. That is
how the product runs: the ingestion job runs in a long-lived worker that imported everything
once. Per call: wall time (perf_counter) and CPU time (process_time, all threads of this
process, plus what its finished child processes used: the worker that decodes a big file's
second half when it takes the engine's strict path). Between calls, untimed: the previous call's output directory is
removed and the garbage collector runs, so one tool's garbage is not collected on the
other's time. The last line of stdout is ``KANMIN_WARM {json}``.

  .venv/bin/python bench/tabular/warm_child.py FILE --schema schema.json --out-root DIR
      [--encoding cp932] [--kanmin-table-schema] [--claimed public-facilities]
      [--runs 3] [--peer-runs 3] [--peer-warmup-rows N]

Kanmin's call is ``ingest(FILE, out_dir=<fresh temp dir>, filename=FILE's name,
claimed_standard=..., table_schema=..., write_geojson=False)`` as in ingest_child.py; it
detects the encoding itself (--encoding is frictionless's, as on the CLI). frictionless's
call is what ``frictionless validate --json --trusted --limit-errors 1000000000 --schema S
[--encoding E] FILE`` does before printing: ``Resource(source=FILE, schema=S, encoding=E,
detector=Detector()).validate(Checklist(), limit_errors=1000000000)`` with
``system.trusted`` on; the report is not serialised to JSON (Kanmin's is not either).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KANMIN, PEER = "kanmin", "frictionless"
LIMIT_ERRORS = 1_000_000_000  # as the CLI run: the default 1,000 would hide the count


@dataclass(frozen=True)
class Sample:
    """One timed call: wall and CPU seconds (CPU: this process's threads + its children)."""

    wall: float
    cpu: float
    child_cpu: float


def interleave(*, kanmin_runs: int, peer_runs: int) -> list[str]:
    """Return the order of the timed calls: alternating tools until each has its count."""
    order: list[str] = []
    for i in range(max(kanmin_runs, peer_runs)):
        if i < kanmin_runs:
            order.append(KANMIN)
        if i < peer_runs:
            order.append(PEER)
    return order


def sample_stats(samples: list[Sample]) -> dict:
    """Return the samples and their medians as JSON-friendly numbers (None when empty)."""
    walls = [s.wall for s in samples]
    cpus = [s.cpu for s in samples]
    return {"runs": len(samples), "wall_samples": walls, "cpu_samples": cpus,
            "child_cpu_samples": [s.child_cpu for s in samples],
            "wall_median": statistics.median(walls) if walls else None,
            "cpu_median": statistics.median(cpus) if cpus else None}


def _children_cpu() -> float:
    """Return the CPU seconds used so far by this process's finished, waited-for children."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(call: Callable[[], dict]) -> tuple[Sample, dict]:
    """Run call once after a garbage collection; return its timing and its result."""
    gc.collect()  # untimed: the previous call's garbage is not this call's cost
    c0, k0, t0 = time.process_time(), _children_cpu(), time.perf_counter()
    out = call()
    wall = time.perf_counter() - t0
    child = _children_cpu() - k0
    return Sample(wall=wall, cpu=time.process_time() - c0 + child, child_cpu=child), out


def kanmin_call(args: argparse.Namespace, ingest: Callable) -> Callable[[], dict]:
    """Return a call that ingests the file into a fresh temp dir, as ingest_child does."""
    def call() -> dict:
        """Ingest once; summarise the result; remove the outputs (untimed by the caller)."""
        out_dir = Path(tempfile.mkdtemp(prefix="warm-", dir=args.out_root))
        try:
            schema = (json.loads(args.schema.read_text(encoding="utf-8"))
                      if args.kanmin_table_schema else None)
            result = ingest(args.file, out_dir=out_dir, filename=args.file.name,
                            encoding=None, claimed_standard=args.claimed, table_schema=schema,
                            write_geojson=False)
            counts: Counter[str] = Counter()
            for t in result.tables:
                counts.update({k: v for k, v in t.report.counts.items() if v})
            return {"rows": sum(t.rows for t in result.tables), "encoding": result.encoding,
                    "standard": [(t.report.standard, t.report.matched) for t in result.tables],
                    "counts": dict(counts), "type_errors": counts.get("type-error", 0),
                    "_cleanup": out_dir}
        except BaseException:
            shutil.rmtree(out_dir, ignore_errors=True)
            raise

    return call


def peer_call(args: argparse.Namespace, *, limit_rows: int | None) -> Callable[[], dict]:
    """Return a call that validates the file with frictionless's API as its CLI does."""
    from frictionless import Checklist, Detector, Resource

    def call() -> dict:
        """Validate once; count the errors by type as measure.frictionless_validate does."""
        res = Resource(source=str(args.file), schema=str(args.schema), encoding=args.encoding,
                       detector=Detector())
        report = res.validate(Checklist(), limit_errors=LIMIT_ERRORS, limit_rows=limit_rows)
        counts: Counter[str] = Counter(e.type for e in report.errors)
        rows = 0
        for task in report.tasks:
            counts.update(e.type for e in task.errors)
            rows += (task.stats or {}).get("rows", 0) or 0
        fatal = list(report.errors) + [
            e for task in report.tasks for e in task.errors if e.row_number is None
            and e.type in ("resource-error", "scheme-error", "format-error", "encoding-error",
                           "schema-error", "source-error")]
        if fatal:
            raise RuntimeError(f"frictionless could not read {args.file.name}: "
                               f"{fatal[0].type}: {fatal[0].note}")
        return {"rows": rows, "valid": report.valid, "counts": dict(counts),
                "type_errors": counts.get("type-error", 0)}

    return call


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command line options."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("file", type=Path)
    p.add_argument("--schema", type=Path, required=True,
                   help="the Table Schema frictionless validates against")
    p.add_argument("--out-root", type=Path, required=True,
                   help="where Kanmin's per-call temp output dirs are made")
    p.add_argument("--encoding", default=None, help="frictionless's --encoding")
    p.add_argument("--kanmin-table-schema", action="store_true",
                   help="give Kanmin the --schema file too (--kanmin-schema tableschema)")
    p.add_argument("--claimed", default=None, help="Kanmin's claimed standard")
    p.add_argument("--runs", type=int, default=3, help="timed Kanmin calls")
    p.add_argument("--peer-runs", type=int, default=3,
                   help="timed frictionless calls (0: frictionless is not run at all)")
    p.add_argument("--peer-warmup-rows", type=int, default=0,
                   help="rows of frictionless's untimed warm-up (0: the whole file)")
    return p.parse_args(argv)


def main() -> None:
    """Import both tools, warm each up, time the alternating calls, print the JSON line."""
    args = parse_args()
    args.out_root.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    from tabular.engine.pipeline import ingest

    import_kanmin = time.perf_counter() - t
    import_peer = None
    if args.peer_runs > 0:
        t = time.perf_counter()
        from frictionless import system

        import_peer = time.perf_counter() - t
        system.trusted = True  # what the CLI's --trusted does (absolute paths allowed)

    calls = {KANMIN: kanmin_call(args, ingest)}
    warmups = {KANMIN: calls[KANMIN]}
    if args.peer_runs > 0:
        calls[PEER] = peer_call(args, limit_rows=None)
        warmups[PEER] = peer_call(args, limit_rows=args.peer_warmup_rows or None)
    samples: dict[str, list[Sample]] = {KANMIN: [], PEER: []}
    results: dict[str, list[dict]] = {KANMIN: [], PEER: []}
    warm: dict[str, dict] = {}
    for tool, call in warmups.items():
        s, out = timed(call)
        cleanup = out.pop("_cleanup", None)
        if cleanup:
            shutil.rmtree(cleanup, ignore_errors=True)
        warm[tool] = {"wall": s.wall, "cpu": s.cpu, "rows": out["rows"]}
        print(f"warm-up {tool}: {s.wall:.2f} s, {out['rows']:,} rows", file=sys.stderr,
              flush=True)
    order = interleave(kanmin_runs=args.runs, peer_runs=args.peer_runs)
    for i, tool in enumerate(order):
        s, out = timed(calls[tool])
        cleanup = out.pop("_cleanup", None)
        if cleanup:
            shutil.rmtree(cleanup, ignore_errors=True)
        samples[tool].append(s)
        results[tool].append(out)
        print(f"call {i + 1}/{len(order)} {tool}: {s.wall:.2f} s wall, {s.cpu:.2f} s CPU",
              file=sys.stderr, flush=True)

    report: dict = {"file": str(args.file), "order": order,
                    "import_seconds": {KANMIN: import_kanmin, PEER: import_peer},
                    "self_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    for tool in (KANMIN, PEER):
        if not results[tool]:
            report[tool] = None
            continue
        last = results[tool][-1]
        # Every timed call must find the same thing; a difference would make a median lie.
        same = all(r["counts"] == last["counts"] and r["rows"] == last["rows"]
                   for r in results[tool])
        report[tool] = {**sample_stats(samples[tool]), **last, "consistent": same,
                        "warmup": warm[tool]}
    print("KANMIN_WARM " + json.dumps(report, ensure_ascii=False, default=str), flush=True)


if __name__ == "__main__":
    main()
