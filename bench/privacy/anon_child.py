"""Child process of the privacy benchmark: anonymise one generated table with Kanmin.

Run in a fresh interpreter per measurement so that its peak RSS (read by the parent with
os.wait4) is the run's alone. Reads the CSV with pyarrow (every cell as text), runs
``privacy.anonymise.anonymise`` with the ``csv:`` hierarchies, writes the output CSV and
prints ``KANMIN_ANON {json}`` as the last line of stdout.

  .venv/bin/python bench/privacy/anon_child.py DIR --k 5 --suppression 0.05 --out OUT.csv
      [--profile OUT.prof]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def config_json(*, quasi: list[str], k: int, suppression: float, identifier: str,
                sensitive: str) -> dict:
    """The issue-shaped config of a benchmark run (``csv:`` hierarchies for every QI)."""
    columns: dict = {identifier: "identifier", sensitive: "sensitive"}
    for q in quasi:
        columns[q] = {"role": "quasi", "hierarchy": f"csv:hierarchies/{q}.csv"}
    return {"columns": columns, "model": {"k": k, "max_suppression": suppression},
            "metric": "loss", "min_subjects": 1000}


def main() -> None:
    """Anonymise the directory's table and print the figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("directory", type=Path)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--suppression", type=float, default=0.05)
    p.add_argument("--quasi", default="年齢,性別,郵便番号,町丁目,職業")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--profile", type=Path, default=None)
    args = p.parse_args()

    t0 = time.perf_counter()
    import pyarrow.csv as pacsv

    from bench.privacy.generate import IDENTIFIER, SENSITIVE
    from bench.privacy.quality import read_text_csv
    from privacy.anonymise import Config, anonymise

    t_read = time.perf_counter()
    table = read_text_csv(args.directory / "residents.csv")
    quasi = args.quasi.split(",")
    config = Config.from_json(
        config_json(quasi=quasi, k=args.k, suppression=args.suppression,
                    identifier=IDENTIFIER, sensitive=SENSITIVE),
        base_dir=args.directory,
    )
    t_anon = time.perf_counter()
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        result = prof.runcall(anonymise, table, config)
        prof.dump_stats(str(args.profile))
    else:
        result = anonymise(table, config)
    t_done = time.perf_counter()
    pacsv.write_csv(result.table, args.out)
    t_end = time.perf_counter()
    r = result.report
    print("KANMIN_ANON " + json.dumps({
        "rows": table.num_rows, "import_read_seconds": t_anon - t0,
        "read_seconds": t_anon - t_read, "anonymise_seconds": t_done - t_anon,
        "write_seconds": t_end - t_done, "levels": r["levels"], "k": r["k"],
        "suppressed_rows": r["suppressed_rows"], "loss": r["utility"]["loss"],
        "search": r["search"],
        "maxrss_mib_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
