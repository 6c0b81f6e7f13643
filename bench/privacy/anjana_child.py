"""Child process of the privacy benchmark: anonymise one generated table with anjana 1.2.3.

Run with the peers' interpreter (.venv-peers/bin/python: anjana and pycanon pin versions
that conflict with Kanmin's), one fresh process per measurement. Uses only the standard
library, pandas and anjana. Reads the same CSV and the same ARX-style hierarchy files as
Kanmin, runs ``anjana.anonymity.k_anonymity`` (through its inner function, to learn the levels
and the suppressed rows it chose), writes the output CSV and prints ``ANJANA_ANON {json}``
as the last line of stdout.

  .venv-peers/bin/python bench/privacy/anjana_child.py DIR --k 5 --suppression 0.05 --out OUT.csv
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import time
from pathlib import Path


def main() -> None:
    """Anonymise the directory's table with anjana and print the figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("directory", type=Path)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--suppression", type=float, default=0.05, help="fraction, 0–1")
    p.add_argument("--quasi", default="年齢,性別,郵便番号,町丁目,職業")
    p.add_argument("--identifier", default="住民ID")
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()

    t0 = time.perf_counter()
    import pandas as pd
    from anjana.anonymity._k_anonymity import k_anonymity_inner

    t_read = time.perf_counter()
    data = pd.read_csv(args.directory / "residents.csv", dtype=str, keep_default_na=False)
    quasi = args.quasi.split(",")
    hierarchies = {
        q: dict(pd.read_csv(args.directory / "hierarchies" / f"{q}.csv", header=None, sep=";",
                            dtype=str, keep_default_na=False))
        for q in quasi
    }
    t_anon = time.perf_counter()
    # anjana prints progress notes; keep stdout for the JSON line.
    with contextlib.redirect_stdout(io.StringIO()):
        # supp_level is a percentage in anjana.
        out, suppressed, levels = k_anonymity_inner(
            data, [args.identifier], quasi, args.k, args.suppression * 100, hierarchies
        )
    t_done = time.perf_counter()
    out.to_csv(args.out, index=False)
    t_end = time.perf_counter()
    print("ANJANA_ANON " + json.dumps({
        "rows": len(data), "import_read_seconds": t_anon - t0, "read_seconds": t_anon - t_read,
        "anonymise_seconds": t_done - t_anon, "write_seconds": t_end - t_done,
        "levels": {q: int(levels.get(q, 0)) for q in quasi}, "suppressed_rows": int(suppressed),
        "rows_out": len(out),
        "maxrss_mib_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
