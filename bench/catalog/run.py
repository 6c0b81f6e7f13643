#!/usr/bin/env python3
# bench-databases: sqlite postgres
"""Benchmark: catalog search at N generated datasets on SQLite or PostgreSQL.

Measures index build time (tokenisation incl. Sudachi, insert with the FTS5 trigger / GIN
index, a full rebuild, ANALYZE), search latency p50/p95 over 20 Japanese queries through
catalog.selectors.search_datasets (count + page + facets, the search page's code path) and
through the HTTP search page, peak RSS, and compares with a peer measured in the same run.
Every latency is recorded as wall-clock time and as CPU time (this process, plus the
PostgreSQL backend when its /proc entry is readable), because on a shared machine the wall
clock mostly measures the other work.

Peer: CKAN (Solr) cannot run on this machine, so the peer is what a plain Django catalog
does: the same search page with the full-text filter replaced by
Q(title__icontains=word) | Q(description__icontains=word) for each word of the query
(no ranking: newest first). It also finds fewer datasets (no ごみ/ゴミ, ＡＥＤ/AED folding),
so the hit counts of both are reported per query.

Usage (from the project root):
  .venv/bin/python bench/catalog/run.py                  # SQLite, 100,000 datasets
  .venv/bin/python bench/catalog/run.py --quick          # SQLite, 5,000 datasets
  bin/with-postgres .venv/bin/python bench/catalog/run.py --db postgres
  .venv/bin/python bench/catalog/run.py --keep           # keep the SQLite file, then
  .venv/bin/python bench/catalog/run.py --reuse FILE     # measure it again without a build
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "bench" / "out"
PEER = ("naive Django icontains (Q(title__icontains=w) | Q(description__icontains=w) per word, "
        "newest first) on the same rows and the same search page code; CKAN/Solr cannot run "
        "on this machine")
TARGET_P95_MS = 50.0


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite",
                   help="sqlite: a fresh file in a temp dir; postgres: the (empty) database "
                        "in KANMIN_DATABASE_URL, e.g. under bin/with-postgres")
    p.add_argument("--n", type=int, default=100_000, help="number of datasets (default 100,000)")
    p.add_argument("--quick", action="store_true", help="smoke run: 5,000 datasets, fewer runs")
    p.add_argument("--warmup", type=int, default=3, help="warm-up runs per query")
    p.add_argument("--runs", type=int, default=10, help="timed runs per query")
    p.add_argument("--naive-runs", type=int, default=5,
                   help="timed runs per query for the naive peer (it is slow)")
    p.add_argument("--seed", type=int, default=20250601)
    p.add_argument("--budget", type=float, default=60.0,
                   help="seconds per query and mode: slower queries get fewer runs (min 2; "
                        "1 when the first call alone exceeds it); 0 = always --runs")
    p.add_argument("--keep", action="store_true", help="keep the temp dir (SQLite file) afterwards")
    p.add_argument("--reuse", metavar="SQLITE_FILE", nargs="?", const="-", default=None,
                   help="measure a database built by an earlier run instead of building one: "
                        "a SQLite file kept with --keep, or with --db postgres (no value) the "
                        "database in KANMIN_DATABASE_URL; the build numbers are then missing")
    p.add_argument("--out", type=Path, default=None, help="JSON output file")
    args = p.parse_args()
    if args.quick:
        args.n = 5_000
        args.warmup, args.runs, args.naive_runs = 1, 5, 3
    return args


def setup_django(args: argparse.Namespace, tmp: Path) -> None:
    """Environment for an isolated run: never var/, never a database with data in it."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "kanmin.settings"
    os.environ["KANMIN_TESTING"] = "1"
    os.environ["KANMIN_DEBUG"] = "0"  # DEBUG would record every query
    os.environ["KANMIN_DATA_DIR"] = str(tmp / "data")
    os.environ.setdefault("KANMIN_LOG_LEVEL", "WARNING")
    # Persistent connections, as a production server keeps them: otherwise every request of
    # the test client reconnects (PostgreSQL) or starts with a cold page cache (SQLite).
    os.environ["KANMIN_DB_CONN_MAX_AGE"] = "600"
    if args.db == "sqlite":
        path = Path(args.reuse).resolve() if args.reuse else tmp / "bench.sqlite3"
        os.environ["KANMIN_DATABASE_URL"] = f"sqlite:///{path}"
    else:
        url = os.environ.get("KANMIN_DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            sys.exit("--db postgres needs KANMIN_DATABASE_URL=postgres://… "
                     "(run it under bin/with-postgres)")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.urls import get_resolver

    _ = get_resolver().url_patterns  # import every view now: a broken tree fails before the build

    if args.db == "postgres" and not args.reuse and connection.introspection.table_names():
        sys.exit("refusing to run: the PostgreSQL database in KANMIN_DATABASE_URL is not empty "
                 "(the benchmark inserts 100,000 datasets; give it a throwaway database)")


def rss_mib() -> float:
    """Peak resident set size of this process so far, MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(samples: list[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100)."""
    xs = sorted(samples)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


class CpuClock:
    """CPU time spent on a search: this process, plus its PostgreSQL backend when readable.

    On a machine shared with other work, wall-clock latency grows with the load average;
    CPU time does not, and on an idle machine it is close to the wall-clock latency (minus
    waits). The backend's time comes from /proc/PID/schedstat (ns on CPU), which works when
    the server runs on this machine and /proc is readable; otherwise only this process counts.
    """

    def __init__(self) -> None:
        self.backend_stat: Path | None = None
        self.complete = True

    def attach(self) -> None:
        """Find the current connection's backend (call outside the timed region)."""
        from django.db import connection

        self.backend_stat = None
        if connection.vendor != "postgresql":
            return
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            stat = Path(f"/proc/{cur.fetchone()[0]}/schedstat")
        try:
            stat.read_text()
            self.backend_stat = stat
        except OSError:
            self.complete = False

    def ns(self) -> int:
        total = time.process_time_ns()
        if self.backend_stat is not None:
            total += int(self.backend_stat.read_text().split()[0])
        return total


CLOCK = CpuClock()


BUDGET_S = 0.0  # per timed() call; set from --budget


def timed(fn, warmup: int, runs: int) -> tuple[list[float], list[float], object]:
    """Run fn warmup times, then runs times; return wall and CPU samples (ms) and the result.

    With a budget (--budget seconds per query and mode), a slow first call cuts the warm-up
    short and the timed runs to what fits (at least 2); a first call slower than the whole
    budget becomes the only sample. The JSON keeps every sample, so the count shows it.
    """
    CLOCK.attach()

    def one() -> tuple[float, float, object]:
        c0 = CLOCK.ns()
        t0 = time.perf_counter()
        out = fn()
        return (time.perf_counter() - t0) * 1000, (CLOCK.ns() - c0) / 1e6, out

    result = None
    for _ in range(max(warmup, 1 if BUDGET_S else 0)):
        took_ms, took_cpu, result = one()
        if BUDGET_S and took_ms / 1000 > BUDGET_S:
            return [took_ms], [took_cpu], result
        if BUDGET_S and took_ms / 1000 * runs > BUDGET_S:
            runs = max(2, int(BUDGET_S * 1000 / took_ms))
            break
    wall, cpu = [], []
    for _ in range(runs):
        w, c, result = one()
        wall.append(w)
        cpu.append(c)
    return wall, cpu, result


# -- the 20 queries ---------------------------------------------------------------------------

def queries(top_org: str) -> list[dict]:
    """20 Japanese search page queries; label says what each one exercises."""
    return [
        {"q": "公園", "label": "2-char word"},
        {"q": "人口", "label": "2-char word"},
        {"q": "ごみ", "label": "hiragana"},
        {"q": "ゴミ", "label": "katakana variant of ごみ"},
        {"q": "ＡＥＤ", "label": "full-width Latin"},
        {"q": "ｶﾞｽ", "label": "half-width katakana"},
        {"q": "避難所 一覧", "label": "two words"},
        {"q": "マンホールカード", "label": "rare term"},
        {"q": "データ", "label": "very common term"},
        {"q": "一覧", "label": "common term"},
        {"q": "子育て支援", "label": "compound word"},
        {"q": "観光施設", "label": "4-char word"},
        {"q": "令和5年度", "label": "wareki year"},
        {"q": "図書館", "label": "3-char word"},
        {"q": "公衆無線LAN", "label": "kanji + Latin"},
        {"q": "桜", "label": "1 char (prefix)"},
        {"q": "保育所", "label": "facets: organization + format", "organization": [top_org],
         "format": ["CSV"]},
        {"q": "避難所", "label": "sort by modified", "sort": "modified"},
        {"q": "人口", "label": "facet: category", "category": ["population"]},
        {"q": "ハザードマップ 洪水", "label": "two words, katakana"},
    ]


def search_params(spec: dict):
    from catalog.selectors import SearchParams

    return SearchParams(q=spec["q"], organization=spec.get("organization", []),
                        category=spec.get("category", []), format=spec.get("format", []),
                        sort=spec.get("sort", "relevance"))


def page_url(spec: dict) -> str:
    query = [("q", spec["q"])]
    for key in ("organization", "category", "format"):
        query += [(key, v) for v in spec.get(key, [])]
    if "sort" in spec:
        query.append(("sort", spec["sort"]))
    return "/dataset/?" + urlencode(query)


@contextmanager
def naive_search():
    """Swap the full-text filter for plain icontains and drop relevance ranking."""
    from django.db.models import IntegerField, Q, Value

    from catalog import search

    def naive_filter(queryset, query):
        for word in (query or "").split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return queryset

    saved = search.filter_queryset, search.relevance
    search.filter_queryset = naive_filter
    search.relevance = lambda q: Value(0, output_field=IntegerField())
    try:
        yield
    finally:
        search.filter_queryset, search.relevance = saved


def breakdown(spec: dict, warmup: int, runs: int) -> dict[str, float]:
    """p50 (ms) of each part of search_datasets for one query, to find the bottleneck."""
    from catalog import selectors
    from core.actor import Actor

    actor = Actor()
    params = search_params(spec)
    qs = selectors._filtered(actor, params).distinct()
    parts = {
        "count": lambda: qs.count(),
        "page": lambda: list(selectors._ordered(qs, params).select_related(
            "organisation", "licence", "standard")[:params.page_size]),
        "facets": lambda: selectors._facets(actor, params),
    }
    return {name: percentile(timed(fn, warmup, runs)[1], 50) for name, fn in parts.items()}


# -- phases -----------------------------------------------------------------------------------

def build(args: argparse.Namespace) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from bench.catalog import generate

    out: dict = {}
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    out["migrate_s"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    orgs, depts, gens = generate.generate(args.n, seed=args.seed)
    out["generate_s"] = time.perf_counter() - t0
    print(f"  generated {len(gens):,} datasets in {out['generate_s']:.1f} s", flush=True)

    tok = generate.tokenise(gens, orgs, depts)
    out["tokenise"] = tok
    print(f"  tokenised (catalog.search.index_fields: jp.search.index_text + "
          f"normalize_for_search, incl. Sudachi): {tok['seconds']:.1f} s "
          f"(CPU {tok['cpu_seconds']:.1f} s), {tok['chars'] / 1e6:.1f} M chars, "
          f"{tok['chars_per_cpu_second'] / 1e3:.0f} k chars per CPU second", flush=True)

    ins = generate.insert(gens, orgs, depts)
    out["insert"] = ins["timings"]
    t = ins["timings"]
    print(f"  inserted datasets + search index (bulk_create, "
          f"{'FTS5 trigger' if connection.vendor == 'sqlite' else 'GIN index'}): "
          f"{t['datasets_and_search_index']:.1f} s; tags/categories "
          f"{t['tags_and_categories']:.1f} s; {t['resource_rows']:,} resources "
          f"{t['resources']:.1f} s", flush=True)

    with connection.cursor() as cur:
        t0 = time.perf_counter()
        if connection.vendor == "sqlite":
            cur.execute("INSERT INTO catalog_dataset_fts(catalog_dataset_fts) VALUES('rebuild')")
            what = "FTS5 'rebuild'"
        else:
            cur.execute("REINDEX INDEX catalog_dataset_search_gin")
            what = "REINDEX INDEX catalog_dataset_search_gin"
        out["index_rebuild_s"] = time.perf_counter() - t0
        out["index_rebuild_what"] = what
        print(f"  full index rebuild ({what}): {out['index_rebuild_s']:.1f} s", flush=True)
        t0 = time.perf_counter()
        cur.execute("ANALYZE")
        out["analyze_s"] = time.perf_counter() - t0
        if connection.vendor == "postgresql":
            cur.execute("SELECT pg_database_size(current_database()), "
                        "pg_relation_size('catalog_dataset_search_gin')")
            out["db_bytes"], out["index_bytes"] = cur.fetchone()
        else:
            out["db_bytes"] = Path(connection.settings_dict["NAME"]).stat().st_size
            out["index_bytes"] = _sqlite_fts_bytes(cur)
    print(f"  ANALYZE: {out['analyze_s']:.1f} s; database {out['db_bytes'] / 2**20:.0f} MiB"
          + (f", search index {out['index_bytes'] / 2**20:.0f} MiB" if out.get("index_bytes") else ""),
          flush=True)
    out["index_check"] = check_index(gens, ins["ids"])
    print(f"  checked {out['index_check']} random datasets: search columns equal "
          f"catalog.search.index_fields()", flush=True)
    out["rss_after_build_mib"] = rss_mib()
    top = max(range(len(orgs)), key=lambda i: sum(1 for g in gens if g.org == i))
    out["top_org"] = orgs[top]["slug"]
    out["datasets_visible"] = sum(1 for g in gens if g.state == "published" and not g.private)
    return out


def reused(args: argparse.Namespace) -> dict:
    """What measure() and report() need from a database built by an earlier run."""
    from django.db.models import Count

    from catalog.models import Dataset
    from core.models import Organisation

    args.n = Dataset.objects.count()
    top = Organisation.objects.annotate(n=Count("datasets")).order_by("-n", "id").first()
    print(f"  reusing a database with {args.n:,} datasets (no build numbers)", flush=True)
    return {"reused": True, "top_org": top.slug,
            "datasets_visible": Dataset.objects.public().count()}


def _sqlite_fts_bytes(cur) -> int | None:
    """Size of the FTS5 shadow tables, if this SQLite has the dbstat table."""
    try:
        cur.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'catalog_dataset_fts%'")
        return cur.fetchone()[0]
    except Exception:  # dbstat is a compile-time option of SQLite
        return None


def check_index(gens, ids, sample: int = 50) -> int:
    """The bulk-computed search columns must equal what the service would store."""
    from catalog import search
    from catalog.models import Dataset

    rng = random.Random(1)
    picks = rng.sample(range(len(ids)), min(sample, len(ids)))
    rows = Dataset.objects.filter(pk__in=[ids[i] for i in picks]).select_related(
        "organisation", "department", "standard").prefetch_related("tags", "categories")
    by_pk = {d.pk: d for d in rows}
    for i in picks:
        expected = search.index_fields(by_pk[ids[i]])
        if expected["search_tokens"] != gens[i].search_tokens \
                or expected["search_title"] != gens[i].search_title:
            raise SystemExit(f"generated search columns differ from index_fields for {gens[i].slug}")
    return len(picks)


def measure(args: argparse.Namespace, top_org: str) -> dict:
    from django.test import Client

    from catalog.selectors import search_datasets
    from core.actor import Actor

    specs = queries(top_org)
    client = Client(HTTP_HOST="localhost")
    rows = []
    for spec in specs:
        params = search_params(spec)
        ours, ours_cpu, res = timed(lambda params=params: search_datasets(Actor(), params),
                                    args.warmup, args.runs)
        with naive_search():
            naive, naive_cpu, nres = timed(
                lambda params=params: search_datasets(Actor(), params), 1, args.naive_runs)
        url = page_url(spec)

        def get(url=url):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"GET {url} -> {response.status_code}")
            return response

        http, http_cpu, _resp = timed(get, args.warmup, args.runs)
        parts = breakdown(spec, 1, max(2, args.runs // 3))
        row = {
            **{k: v for k, v in spec.items()}, "url": url,
            "hits": res.total, "naive_hits": nres.total,
            "ours_ms": ours, "naive_ms": naive, "http_ms": http, "ours_cpu_ms": ours_cpu,
            "naive_cpu_ms": naive_cpu, "http_cpu_ms": http_cpu, "breakdown_cpu_p50_ms": parts,
        }
        rows.append(row)
        print(f"  {spec['q']:<14}{row['hits']:>7,} hits  p50 {percentile(ours, 50):7.1f} ms  "
              f"p95 {percentile(ours, 95):7.1f} ms (cpu p50 {percentile(ours_cpu, 50):6.1f}) | "
              f"naive {row['naive_hits']:>7,} hits  p50 {percentile(naive, 50):7.1f} ms | "
              f"http p50 {percentile(http, 50):7.1f} ms", flush=True)
    # The page without a query (browse everything, facets over all visible datasets).
    browse, browse_cpu, _ = timed(lambda: search_datasets(Actor(), search_params({"q": ""})),
                                  args.warmup, args.runs)
    browse_http, browse_http_cpu, _ = timed(lambda: client.get("/dataset/"), args.warmup,
                                            args.runs)
    return {"queries": rows, "browse_ms": browse, "browse_http_ms": browse_http,
            "browse_cpu_ms": browse_cpu, "browse_http_cpu_ms": browse_http_cpu,
            "cpu_includes_server": CLOCK.complete}


def _p(samples: list[float]) -> tuple[float, float]:
    return percentile(samples, 50), percentile(samples, 95)


def report(args, build_out: dict, meas: dict, vendor: str, server: str) -> dict:
    rows = meas["queries"]
    pooled = {key: [x for r in rows for x in r[key]] for key in
              ("ours_ms", "naive_ms", "http_ms", "ours_cpu_ms", "naive_cpu_ms", "http_cpu_ms")}
    n = args.n
    cpu_what = ("this process + its PostgreSQL backend" if vendor == "postgresql"
                and meas["cpu_includes_server"] else "this process")
    print()
    print(f"Catalog search, {vendor} ({server}), {n:,} datasets "
          f"({build_out['datasets_visible']:,} visible to the public)")
    print(f"Peer: {PEER}.")
    print()
    cols = ["hits", "naive", "p50", "p95", "cpu50", "cpu95", "naive50", "p95", "cpu50",
            "ratio", "page50", "p95", "cpu50", "count", "page", "facets"]
    hdr = f"{'query':<14}{'filters':<16}" + "".join(f"{c:>9}" for c in cols)
    print(hdr)
    print("-" * len(hdr))

    def line(label, filters, hits, nhits, r, b=None):
        o50, o95 = _p(r["ours_ms"])
        oc50, oc95 = _p(r["ours_cpu_ms"])
        n50, n95 = _p(r["naive_ms"])
        nc50, _ = _p(r["naive_cpu_ms"])
        h50, h95 = _p(r["http_ms"])
        hc50, _ = _p(r["http_cpu_ms"])
        cells = [f"{hits:,}", f"{nhits:,}", f"{o50:.1f}", f"{o95:.1f}", f"{oc50:.1f}",
                 f"{oc95:.1f}", f"{n50:.0f}", f"{n95:.0f}", f"{nc50:.0f}", f"{nc50 / oc50:.1f}×",
                 f"{h50:.1f}", f"{h95:.1f}", f"{hc50:.1f}"]
        if b:
            cells += [f"{b['count']:.1f}", f"{b['page']:.1f}", f"{b['facets']:.1f}"]
        print(f"{label:<14}{filters[:15]:<16}" + "".join(f"{c:>9}" for c in cells))

    for r in rows:
        filters = ",".join(f"{k[:3]}={'|'.join(r[k]) if isinstance(r[k], list) else r[k]}"
                           for k in ("organization", "category", "format", "sort") if k in r)
        line(r["q"], filters, r["hits"], r["naive_hits"], r, r["breakdown_cpu_p50_ms"])
    print("-" * len(hdr))
    line("all 20", "", sum(r["hits"] for r in rows), sum(r["naive_hits"] for r in rows), pooled)
    print(f"ms. p50/p95: wall clock; cpu50/cpu95: CPU time of {cpu_what}. {args.runs} timed runs "
          f"per query after {args.warmup} warm-up (naive: {args.naive_runs} after 1; fewer, min. 2, "
          f"when a call exceeds --budget {args.budget:.0f} s / runs; 1 when it exceeds the budget); ratio = "
          f"naive/ours CPU p50; page = GET /dataset/?q=… with the test client (templates "
          f"included); count/page/facets = CPU p50 of each part of search_datasets.")
    fewer = [r for r in rows if r["naive_hits"] < r["hits"]]
    print(f"Recall: the naive peer finds fewer datasets for {len(fewer)} of 20 queries: "
          + ", ".join(f"{r['q']} {r['naive_hits']:,}/{r['hits']:,}" for r in fewer))
    b50, b95 = _p(meas["browse_ms"])
    bc50, bc95 = _p(meas["browse_cpu_ms"])
    bh50, bh95 = _p(meas["browse_http_ms"])
    print(f"Browse (no query): selector p50 {b50:.1f} ms, p95 {b95:.1f} ms (cpu {bc50:.1f} / "
          f"{bc95:.1f}); page p50 {bh50:.1f} ms, p95 {bh95:.1f} ms")
    tok = build_out.get("tokenise")
    ins = build_out.get("insert")
    if not tok:
        print("Index build: not measured (--reuse)")
    else:
        print(f"Index build: tokenise {tok['seconds']:.1f} s, CPU {tok['cpu_seconds']:.1f} s "
              f"(index_fields: Sudachi + bigrams, {tok['chars_per_cpu_second'] / 1e3:.0f} k "
              f"chars per CPU second); insert datasets + index "
              f"{ins['datasets_and_search_index']:.1f} s; full rebuild "
              f"({build_out['index_rebuild_what']}) {build_out['index_rebuild_s']:.1f} s; "
              f"ANALYZE {build_out['analyze_s']:.1f} s")
    peak = rss_mib()
    load = os.getloadavg()
    print(f"Peak RSS: {peak:.0f} MiB. Load average at the end {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} on {os.cpu_count()} CPUs: above the CPU count, wall-clock times are "
          f"inflated by other work and the CPU times are the better estimate.")
    o50, o95 = _p(pooled["ours_ms"])
    oc50, oc95 = _p(pooled["ours_cpu_ms"])
    n50, n95 = _p(pooled["naive_ms"])
    nc50, nc95 = _p(pooled["naive_cpu_ms"])
    h50, h95 = _p(pooled["http_ms"])
    worst = max(rows, key=lambda r: percentile(r["ours_cpu_ms"], 95))
    print(f"Target p95 < {TARGET_P95_MS:.0f} ms: wall {o95:.1f} ms "
          f"{'meets' if o95 < TARGET_P95_MS else 'MISSES'}, CPU {oc95:.1f} ms "
          f"{'meets' if oc95 < TARGET_P95_MS else 'MISSES'} (worst query: {worst['q']} "
          f"CPU p95 {percentile(worst['ours_cpu_ms'], 95):.1f} ms)")
    print(f"catalog search p95 (selector, {vendor}): {o95:.1f} ms at {n:,} datasets; "
          f"naive icontains p95: {n95:.0f} ms; ratio {n95 / o95:.1f}× "
          f"{'faster' if n95 >= o95 else 'slower'}")
    print(f"catalog search CPU p95 (selector, {vendor}): {oc95:.1f} ms at {n:,} datasets; "
          f"naive icontains CPU p95: {nc95:.0f} ms; ratio {nc95 / oc95:.1f}× "
          f"{'faster' if nc95 >= oc95 else 'slower'}")
    return {
        "benchmark": "catalog-search", "vendor": vendor, "server": server, "n": n,
        "peer": PEER, "target_p95_ms": TARGET_P95_MS, "cpu_time_of": cpu_what,
        "summary": {"p50_ms": o50, "p95_ms": o95, "cpu_p50_ms": oc50, "cpu_p95_ms": oc95,
                    "naive_p50_ms": n50, "naive_p95_ms": n95, "naive_cpu_p50_ms": nc50,
                    "naive_cpu_p95_ms": nc95, "ratio_p95": n95 / o95,
                    "ratio_cpu_p95": nc95 / oc95, "http_p50_ms": h50, "http_p95_ms": h95,
                    "worst_query": worst["q"],
                    "worst_cpu_p95_ms": percentile(worst["ours_cpu_ms"], 95),
                    "peak_rss_mib": peak, "meets_target_wall": o95 < TARGET_P95_MS,
                    "meets_target_cpu": oc95 < TARGET_P95_MS, "loadavg_end": load},
        "build": build_out, "measure": meas,
    }


def main() -> None:
    args = parse_args()
    global BUDGET_S
    BUDGET_S = args.budget
    tmp = Path(tempfile.mkdtemp(prefix="kanmin-bench-catalog-"))
    setup_django(args, tmp)
    from django.db import connection

    vendor = connection.vendor
    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if vendor == "sqlite" else "SHOW server_version")
        server = f"{'SQLite' if vendor == 'sqlite' else 'PostgreSQL'} {cur.fetchone()[0]}"
    print(f"bench/catalog: {args.n:,} datasets on {server}; machine: {os.cpu_count()} CPUs, "
          f"{_ram_gib():.0f} GiB RAM, Python {platform.python_version()}; load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)
    started = datetime.now(UTC)
    build_out = build(args) if not args.reuse else reused(args)
    print("Search latency (20 queries):", flush=True)
    meas = measure(args, build_out["top_org"])
    result = report(args, build_out, meas, vendor, server)
    result.update({"started": started.isoformat(timespec="seconds"),
                   "machine": {"cpus": os.cpu_count(), "ram_gib": round(_ram_gib(), 1),
                               "python": platform.python_version(),
                               "platform": platform.platform()},
                   "args": {k: str(v) for k, v in vars(args).items()}})
    out = args.out or OUT_DIR / f"catalog-{vendor}-{args.n}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"JSON: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    connection.close()
    if not args.keep:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"kept {tmp}")


def _ram_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            return int(f.readline().split()[1]) / 2**20
    except OSError:
        return float("nan")


if __name__ == "__main__":
    main()
