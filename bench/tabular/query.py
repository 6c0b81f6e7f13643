"""datastore_search latency on the ingested Parquet, and a naive full-scan baseline.

The issue names no peer for the datastore, so the baseline is what a program without a query
engine does: read the whole Parquet file with pyarrow, filter it, count the matches and take
the first page. It is labelled as such wherever it is printed.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tabular import vocab  # noqa: E402

LIMIT = 100  # CKAN's default datastore_search limit
NAIVE_LABEL = ("naive full scan: pyarrow.parquet.read_table of the whole file, then filter, "
               "count and first 100 rows (not a peer tool; the issue names none for the datastore)")


def percentile(samples: list[float], p: float) -> float:
    """Return the linear-interpolated percentile p (0..100) of the samples."""
    xs = sorted(samples)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def make_queries(n: int, *, rows: int, seed: int) -> list[dict[str, str]]:
    """Return n filters over real values: by city, by POI code, both, or one NO (by header)."""
    rng = random.Random(seed)
    pois = sorted({k[2] for k in vocab.FACILITY_KINDS})
    out: list[dict[str, str]] = []
    for i in range(n):
        city = rng.choice(vocab.MUNICIPALITIES)[1]
        poi = rng.choice(pois)
        kind = i % 4
        if kind == 0:
            out.append({"市区町村名": city})
        elif kind == 1:
            out.append({"POIコード": poi})
        elif kind == 2:
            out.append({"市区町村名": city, "POIコード": poi})
        else:
            out.append({"NO": f"{rng.randint(1, rows):010d}"})
    return out


def _ids_by_header(ref) -> dict[str, str]:
    """Map the table's original headers to the datastore's field ids (datastore_info)."""
    from tabular.datastore.engine import info

    fields = info(table=ref).get("fields") or []
    return {f.get("header", f["id"]): f["id"] for f in fields}


def measure_search(parquet: Path, *, queries: list[dict[str, str]], naive_runs: int,
                   log=print) -> dict:
    """Time datastore_search for each query, and the naive scan for the first naive_runs."""
    from tabular.datastore.engine import TableRef, search

    ref = TableRef(resource_id="bench-public-facilities", path=str(parquet))
    ids = _ids_by_header(ref)
    samples: list[float] = []
    hits: list[int] = []
    for filters in queries:
        by_id = {ids.get(h, h): v for h, v in filters.items()}
        t0 = time.perf_counter()
        result = search(table=ref, filters=by_id, q=None, fields=None, sort=None, limit=LIMIT,
                        offset=0, include_total=True, distinct=False, records_format="objects")
        samples.append(time.perf_counter() - t0)
        hits.append(int(result.get("total") or 0))
        if len(result.get("records") or []) != min(LIMIT, hits[-1]):
            raise RuntimeError(f"datastore_search {filters}: {len(result['records'])} records "
                               f"for total {hits[-1]}")
    naive, naive_hits = _naive(parquet, queries[:naive_runs], ids)
    mismatched = [i for i, h in enumerate(naive_hits) if h != hits[i]]
    if mismatched:
        log(f"WARNING: total differs between datastore_search and the naive scan for queries "
            f"{mismatched[:5]}")
    ms = [s * 1000 for s in samples]
    nms = [s * 1000 for s in naive]
    return {
        "queries": len(queries), "limit": LIMIT, "first_ms": ms[0],
        "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95), "max_ms": max(ms),
        "hits_min": min(hits), "hits_max": max(hits), "samples_ms": ms,
        "naive": {"label": NAIVE_LABEL, "queries": len(naive), "p50_ms": percentile(nms, 50),
                  "p95_ms": percentile(nms, 95), "samples_ms": nms,
                  "totals_equal": not mismatched},
        "example_filters": queries[:4],
    }


def _naive(parquet: Path, queries: list[dict[str, str]], ids: dict[str, str]):
    """Read the whole file and filter it with pyarrow.compute, once per query."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    names = set(pq.read_schema(parquet).names)
    samples: list[float] = []
    totals: list[int] = []
    for filters in queries:
        t0 = time.perf_counter()
        table = pq.read_table(parquet)
        mask = None
        for header, value in filters.items():
            column = ids.get(header, header) if ids.get(header, header) in names else header
            m = pc.equal(table[column], value)
            mask = m if mask is None else pc.and_(mask, m)
        found = table.filter(mask)
        page = found.slice(0, LIMIT).to_pylist()
        samples.append(time.perf_counter() - t0)
        totals.append(found.num_rows)
        del table, found, page
    return samples, totals
