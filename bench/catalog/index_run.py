#!/usr/bin/env python3
# bench-databases: sqlite postgres
"""Benchmark: catalog search through the in-process index (catalog/search_index) vs SQL.

Builds the index over a catalog made by run.py (``--reuse FILE`` for a kept SQLite file,
migrated first so the change log exists; or ``--quick`` to generate 5,000 datasets), reports
its build time (wall, CPU) and peak memory, stores it as Arrow IPC files and maps them back
in (what a restarted or second web process does: load time, size on disk, resident size
after the heap copy is freed), checks that the index answers the 20 queries of
run.py exactly like the SQL path (total, page ids, every facet) and times both: the SQL path
("before", fewer runs) and the index path through ``search_datasets`` and the HTTP page.

Usage (from the project root):
  .venv/bin/python bench/catalog/index_run.py --reuse /tmp/…/bench.sqlite3
  .venv/bin/python bench/catalog/index_run.py --quick
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.catalog import run as base


def parse_args() -> argparse.Namespace:
    """Command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--reuse", metavar="SQLITE_FILE", nargs="?", const="-", default=None)
    p.add_argument("--quick", action="store_true", help="generate 5,000 datasets first")
    p.add_argument("--n", type=int, default=5000)
    p.add_argument("--seed", type=int, default=20250601)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--sql-runs", type=int, default=1, help="timed runs of the SQL path")
    p.add_argument("--budget", type=float, default=20.0)
    p.add_argument("--out", type=Path, default=None)
    return p.parse_args()


def _rss_now() -> float:
    """Current resident set size of this process, MiB."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _shape(result) -> tuple:
    """Total, page ids and facets: what must be equal between the two paths."""
    facets = {k: [(f.value, f.count) for f in v] for k, v in result.facets.items()}
    return result.total, [d.id for d in result.datasets], facets


def main() -> None:
    """Build, check, time, print a markdown table and write JSON."""
    args = parse_args()
    base.BUDGET_S = args.budget
    tmp = Path(tempfile.mkdtemp(prefix="kanmin-bench-index-"))
    base.setup_django(argparse.Namespace(db=args.db, reuse=args.reuse), tmp)
    import pyarrow as pa
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from catalog.search_index import lifecycle, runtime, store
    from catalog.search_index.build import build_index
    from catalog.selectors import search_datasets, search_datasets_sql
    from core.actor import Actor

    call_command("migrate", verbosity=0)
    if args.reuse:
        info = base.reused(argparse.Namespace())
    else:
        info = base.build(argparse.Namespace(n=args.n, seed=args.seed))
    rss0 = base.rss_mib()
    c0, t0 = time.process_time(), time.perf_counter()
    built = build_index()
    build_s, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    rss1 = base.rss_mib()
    heap_mib = built.index.nbytes / 2**20
    t0 = time.perf_counter()
    directory = store.save(index=built.index, root=lifecycle.root(), token=built.token,
                           meta={"seq": built.seq, "gaps": list(built.gaps),
                                 "token": built.token, "seconds": built.seconds})
    save_s = time.perf_counter() - t0
    del built
    pa.default_memory_pool().release_unused()
    t0 = time.perf_counter()
    built = lifecycle._load(directory)
    load_s = time.perf_counter() - t0
    disk_mib = sum(f.stat().st_size for f in directory.iterdir()) / 2**20
    index = built.index
    print(f"index: {index.size:,} datasets, build {build_s:.1f} s wall / {build_cpu:.1f} s CPU, "
          f"arrays ≈ {heap_mib:.0f} MiB, peak RSS {rss0:.0f} → {rss1:.0f} MiB; stored in "
          f"{save_s:.1f} s ({disk_mib:.0f} MiB), mapped back in {load_s * 1000:.0f} ms; RSS now "
          f"{_rss_now():.0f} MiB (mapped pages counted once touched); load {os.getloadavg()}",
          flush=True)
    specs = [*base.queries(info["top_org"]), {"q": "", "label": "browse (no query)"}]
    client = Client(HTTP_HOST="localhost")
    rows = []
    for spec in specs:
        params = base.search_params(spec)
        runtime.activate(None)
        sql_wall, sql_cpu, sql_res = base.timed(
            lambda params=params: search_datasets_sql(Actor(), params), 0, args.sql_runs)
        runtime.activate(built)
        wall, cpu, res = base.timed(lambda params=params: search_datasets(Actor(), params),
                                    args.warmup, args.runs)
        url = base.page_url(spec) if spec["q"] else "/dataset/"
        http, http_cpu, _ = base.timed(lambda url=url: client.get(url), args.warmup, args.runs)
        equal = _shape(res) == _shape(sql_res)
        rows.append({"q": spec["q"], "label": spec["label"], "hits": res.total, "equal": equal,
                     "sql_ms": sql_wall, "sql_cpu_ms": sql_cpu, "ms": wall, "cpu_ms": cpu,
                     "http_ms": http, "http_cpu_ms": http_cpu})
        print(f"  {spec['q'] or '(browse)':<14}{res.total:>7,} hits equal={equal}  index p50/p95 "
              f"{base.percentile(wall, 50):6.1f}/{base.percentile(wall, 95):6.1f} ms (cpu "
              f"{base.percentile(cpu, 50):5.1f}) http {base.percentile(http, 50):6.1f} | sql "
              f"{base.percentile(sql_wall, 50):8.1f} ms (cpu {base.percentile(sql_cpu, 50):7.1f})",
              flush=True)
    twenty = rows[:20]

    def pooled(key: str) -> tuple[float, float]:
        samples = [x for r in twenty for x in r[key]]
        return base.percentile(samples, 50), base.percentile(samples, 95)

    summary = {k: pooled(k) for k in ("ms", "cpu_ms", "http_ms", "http_cpu_ms", "sql_ms",
                                      "sql_cpu_ms")}
    print("| path | wall p50 / p95 | CPU p50 / p95 |\n|---|--:|--:|")
    for label, w, c in (("SQL (before)", "sql_ms", "sql_cpu_ms"), ("index, selector", "ms",
                        "cpu_ms"), ("index, page (HTTP)", "http_ms", "http_cpu_ms")):
        print(f"| {label} | {summary[w][0]:,.1f} / {summary[w][1]:,.1f} | "
              f"{summary[c][0]:,.1f} / {summary[c][1]:,.1f} |")
    print(f"all equal: {all(r['equal'] for r in rows)}; load average {os.getloadavg()}")
    out = args.out or base.OUT_DIR / f"catalog-index-{connection.vendor}-{index.size}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    rss_end = _rss_now()
    print(f"RSS after the searches {rss_end:.0f} MiB")
    out.write_text(json.dumps({"build_s": build_s, "build_cpu_s": build_cpu,
                               "index_mib": heap_mib, "rss_before_mib": rss0,
                               "rss_peak_after_build_mib": rss1, "store_s": save_s,
                               "store_mib": disk_mib, "map_s": load_s,
                               "rss_after_searches_mib": rss_end, "rows": rows,
                               "summary": summary, "load": os.getloadavg()},
                              ensure_ascii=False, indent=1))
    print(f"JSON: {out}")


if __name__ == "__main__":
    main()
