"""Child process of the privacy benchmark: the guard (personal-data scanner) on one file.

Parses the file with the tabular reader (not timed as the guard's work), then times
``privacy.scanner.scan_table`` on the parsed table, as the publication guard runs it on a
resource version. Prints ``KANMIN_GUARD {json}`` as the last line of stdout.

  .venv/bin/python bench/privacy/guard_child.py FILE [--profile OUT.prof]
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


def main() -> None:
    """Read the file, scan its first table and print the figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("file", type=Path)
    p.add_argument("--profile", type=Path, default=None)
    args = p.parse_args()

    from privacy.scanner import scan_table
    from tabular.engine.read import read_file

    t0 = time.perf_counter()
    table = read_file(args.file).tables[0]
    t_read = time.perf_counter()
    rss_read = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        result = prof.runcall(scan_table, table)
        prof.dump_stats(str(args.profile))
    else:
        result = scan_table(table)
    t_scan = time.perf_counter()
    cells = table.num_rows * len(table.headers)
    print("KANMIN_GUARD " + json.dumps({
        "rows": table.num_rows, "columns": len(table.headers), "cells": cells,
        "read_seconds": t_read - t0, "scan_seconds": t_scan - t_read,
        "cells_per_second": cells / max(t_scan - t_read, 1e-9), "outcome": result.outcome,
        "counts": result.counts, "maxrss_mib_after_read": rss_read,
        "maxrss_mib_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
