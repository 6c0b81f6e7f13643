"""Child process of the tabular benchmark: ingest one file with Kanmin's pipeline, print JSON.

Run in a fresh interpreter per measurement so that its peak RSS (read by the parent with
os.wait4) is the ingest's alone. The last line of stdout is ``KANMIN_INGEST {json}``.

  .venv/bin/python bench/tabular/ingest_child.py FILE --out-dir DIR [--table-schema S.json]
      [--claimed public-facilities] [--encoding cp932] [--profile OUT.prof]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _plain(obj: object) -> object:
    """Return a JSON-friendly view of an outputs object (dataclass, object or path)."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, Path):
        return str(obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if hasattr(obj, "__dict__"):
        return {k: _plain(v) for k, v in vars(obj).items() if not k.startswith("_")}
    return str(obj)


def main() -> None:
    """Ingest the file given on the command line and print what happened as JSON."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("file", type=Path)
    p.add_argument("--out-dir", type=Path, required=True)
    p.add_argument("--table-schema", type=Path, default=None)
    p.add_argument("--claimed", default=None)
    p.add_argument("--encoding", default=None)
    p.add_argument("--profile", type=Path, default=None)
    args = p.parse_args()

    t_import = time.perf_counter()
    from tabular.engine.pipeline import ingest

    import_s = time.perf_counter() - t_import
    schema = (json.loads(args.table_schema.read_text(encoding="utf-8"))
              if args.table_schema else None)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    # What the issue times: decode, validate, normalise, write Parquet — the point at which the
    # ingestion job marks the table ready. The job writes the map's GeoJSON after that.
    kwargs = dict(out_dir=args.out_dir, filename=args.file.name, encoding=args.encoding,
                  claimed_standard=args.claimed, table_schema=schema, write_geojson=False)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t0 = time.perf_counter()
    result = ingest(args.file, **kwargs)
    seconds = time.perf_counter() - t0
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    tables = []
    for t in result.tables:
        r = t.report
        tables.append({
            "name": t.name, "rows": t.rows, "columns": len(t.headers),
            "standard": r.standard, "layout": r.layout, "matched": r.matched,
            "match_score": r.match_score, "counts": dict(r.counts),
            "error_count": r.error_count, "warning_count": r.warning_count,
            "conformance": None if r.conformance is None else r.conformance.score,
            "outputs": _plain(t.outputs),
        })
    out = {
        "seconds": seconds, "import_seconds": import_s, "format": result.format,
        "encoding": result.encoding, "tables": tables,
        "rows": sum(t["rows"] for t in tables),
        "type_errors": sum(t["counts"].get("type-error", 0) for t in tables),
        "self_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "out_bytes": sum(f.stat().st_size for f in args.out_dir.rglob("*") if f.is_file()),
    }
    print("KANMIN_INGEST " + json.dumps(out, ensure_ascii=False, default=str), flush=True)


if __name__ == "__main__":
    main()
