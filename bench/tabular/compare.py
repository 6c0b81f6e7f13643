"""Interleaved cold A/B of the ingestion between source trees (one commit each).

How engine changes are measured apart from the full benchmark: each tree (a checkout of one
commit, e.g. ``git worktree add --detach /tmp/base COMMIT``) runs its own
``bench/tabular/ingest_child.py`` on the same file in a fresh process, the trees taking turns
run after run, so that the machine's drift (its speed moves by half within an hour, see
docs/benchmarks.md) falls on all of them alike. Each child is run and measured as in
``run.py`` (``measure.run_measured``: wall time from outside, CPU time and peak RSS from
``os.wait4``, the same environment), after each tree's modules are compiled
(``measure.compile_project``).

  .venv/bin/python bench/tabular/compare.py FILE TREE [TREE ...] [--runs 15]
      [--claimed public-facilities]

Prints one line per tree: median and minimum wall seconds, median CPU seconds, highest peak
RSS. Every child must succeed; the outputs go to a temporary directory that is removed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script, like run.py
    sys.path.insert(0, str(ROOT))

from bench.tabular import measure  # noqa: E402

_TIMEOUT = 3600.0  # seconds for one ingest (a million-row file takes a few)


@dataclass
class Runs:
    """The measurements of one tree."""

    tree: Path
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)

    def line(self) -> str:
        """One printed line of medians."""
        return (f"{self.tree!s:32s} wall median {statistics.median(self.wall):.3f} s, "
                f"min {min(self.wall):.3f} s; CPU median {statistics.median(self.cpu):.3f} s; "
                f"peak RSS max {max(self.rss_mib):.0f} MiB ({len(self.wall)} runs)")  # fmt: skip


def _run_once(tree: Path, file: Path, out_dir: Path, claimed: str | None,
              name: str) -> tuple[float, float, float]:  # fmt: skip
    """One cold ingest by ``tree``'s child: (wall s, CPU s, peak RSS MiB)."""
    command = [sys.executable, str(tree / "bench" / "tabular" / "ingest_child.py"), str(file),
               "--out-dir", str(out_dir / "out")]  # fmt: skip
    if claimed:
        command += ["--claimed", claimed]
    run = measure.run_measured(command, log_dir=out_dir / "logs", name=name, timeout=_TIMEOUT,
                               cwd=tree)  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"{tree}: the ingest child failed (exit {run.returncode}"
                         f"{', timed out' if run.timed_out else ''}) on {file}:\n{run.tail()}")
    return run.seconds, run.cpu_seconds, run.maxrss_mib


def compare(file: Path, trees: list[Path], *, runs: int, claimed: str | None) -> list[Runs]:
    """Run every tree ``runs`` times on ``file``, taking turns."""
    results = [Runs(tree) for tree in trees]
    for tree in trees:
        measure.compile_project(tree)
    with tempfile.TemporaryDirectory(prefix="kanmin-compare-") as tmp:
        for run in range(runs):
            for number, result in enumerate(results):
                wall, cpu, rss = _run_once(result.tree, file, Path(tmp), claimed,
                                           f"run{run}-tree{number}")  # fmt: skip
                result.wall.append(wall)
                result.cpu.append(cpu)
                result.rss_mib.append(rss)
    return results


def main(argv: list[str] | None = None) -> list[Runs]:
    """Parse the command line, compare, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("trees", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--claimed", default="public-facilities")
    args = parser.parse_args(argv)
    trees = [tree.resolve() for tree in args.trees]
    for tree in trees:
        if not (tree / "bench" / "tabular" / "ingest_child.py").is_file():
            parser.error(f"{tree} has no bench/tabular/ingest_child.py")
    results = compare(args.file.resolve(), trees, runs=args.runs, claimed=args.claimed)
    for result in results:
        print(result.line())
    return results


if __name__ == "__main__":
    main()
