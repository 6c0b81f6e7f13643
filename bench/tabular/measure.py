"""Timed child processes for the tabular benchmark: Kanmin's ingest and frictionless validate.

Each tool runs in a fresh process; its wall time is measured from outside (interpreter start
and imports included, for both tools alike) and its peak RSS comes from ``os.wait4``. Both
run from compiled bytecode, as installed packages do: pip compiled frictionless when it was
installed, and ``compile_project`` compiles Kanmin's modules before the first measurement
(the children write no bytecode, so every run of a tool starts alike).
``warm_pair`` runs the warm view instead: one process per file that imports both tools and
times repeated calls from inside (bench/tabular/warm_child.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CHILD = Path(__file__).resolve().with_name("ingest_child.py")
WARM_CHILD = Path(__file__).resolve().with_name("warm_child.py")


def loadavg() -> list[float]:
    """Return the 1, 5 and 15 minute load averages, rounded."""
    return [round(x, 2) for x in os.getloadavg()]


@dataclass
class Measured:
    """One child process: wall time, peak RSS, exit code and where its output went."""

    seconds: float
    cpu_seconds: float  # user + system time of the child (all its threads)
    maxrss_mib: float
    returncode: int
    stdout: Path
    stderr: Path
    load_before: list[float] = field(default_factory=list)
    load_after: list[float] = field(default_factory=list)
    timed_out: bool = False

    def tail(self, n: int = 3000) -> str:
        """Return the end of the child's stderr (for error messages)."""
        return self.stderr.read_text(encoding="utf-8", errors="replace")[-n:]


def compile_project(root: Path = ROOT) -> int:
    """Compile the bytecode of the modules the ingest child imports (of the checkout at
    ``root``); return how many modules had to be (re)compiled. Without it a child started
    with PYTHONDONTWRITEBYTECODE would compile Kanmin from source on every run (~50 ms)."""
    import compileall
    import io
    from contextlib import redirect_stdout

    listing = io.StringIO()
    with redirect_stdout(listing):
        for package in ("jp", "standards", "tabular", "bench"):
            compileall.compile_dir(root / package, quiet=1, workers=1)
    return sum(line.startswith("Compiling") for line in listing.getvalue().splitlines())


def run_measured(cmd: list[str], *, log_dir: Path, name: str, timeout: float,
                 cwd: Path = ROOT) -> Measured:  # fmt: skip
    """Run cmd in a fresh process (in ``cwd``), stdout/stderr to files; return wall time and
    peak RSS."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out, err = log_dir / f"{name}.out", log_dir / f"{name}.err"
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    before = loadavg()
    with open(out, "wb") as fo, open(err, "wb") as fe:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fo, stderr=fe, cwd=cwd, env=env)
        killed = threading.Event()

        def kill() -> None:
            """Stop a child that ran past the timeout."""
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            # wait4 gives this child's own rusage (ru_maxrss in KiB on Linux), not the sum
            # over every child of this process as RUSAGE_CHILDREN would; it returns as soon
            # as the child ends (no polling interval in the wall time).
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - t0
        timed_out = killed.is_set()
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    return Measured(seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime,
                    maxrss_mib=usage.ru_maxrss / 1024,
                    returncode=proc.returncode, stdout=out, stderr=err, load_before=before,
                    load_after=loadavg(), timed_out=timed_out)


def _run_child(cmd: list[str], *, prefix: str, what: str, log_dir: Path, name: str,
               timeout: float) -> tuple[Measured, dict]:
    """Run a benchmark child; its measurement and the JSON of its last ``prefix`` line."""
    m = run_measured(cmd, log_dir=log_dir, name=name, timeout=timeout)
    report = None
    for line in m.stdout.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(prefix):
            report = json.loads(line.removeprefix(prefix))
    if m.returncode != 0 or report is None:
        raise RuntimeError(f"{what} failed (exit {m.returncode}"
                           f"{', timed out' if m.timed_out else ''}):\n{m.tail()}")
    return m, report


def kanmin_ingest(path: Path, *, out_dir: Path, log_dir: Path, name: str, timeout: float,
                  table_schema: Path | None = None, claimed: str | None = None,
                  profile: Path | None = None) -> dict:
    """Ingest one file with tabular.engine.pipeline.ingest in a child; return its numbers."""
    cmd = [sys.executable, str(CHILD), str(path), "--out-dir", str(out_dir)]
    if table_schema is not None:
        cmd += ["--table-schema", str(table_schema)]
    if claimed is not None:
        cmd += ["--claimed", claimed]
    if profile is not None:
        cmd += ["--profile", str(profile)]
    m, report = _run_child(cmd, prefix="KANMIN_INGEST ", what=f"Kanmin ingest of {path.name}",
                           log_dir=log_dir, name=name, timeout=timeout)
    return {"wall_seconds": m.seconds, "cpu_seconds": m.cpu_seconds, "maxrss_mib": m.maxrss_mib,
            "load_before": m.load_before, "load_after": m.load_after, **report}


def frictionless_validate(path: Path, *, schema: Path, encoding: str | None, log_dir: Path,
                          name: str, timeout: float) -> dict:
    """Run ``frictionless validate --json`` with the schema on one file; count its errors."""
    exe = VENV_BIN / "frictionless"
    if not exe.exists():
        found = shutil.which("frictionless")
        if not found:
            raise RuntimeError("frictionless CLI not found (.venv/bin/frictionless)")
        exe = Path(found)
    # --limit-errors: the default (1,000) would stop early and hide the type-error count.
    # --trusted: absolute paths are "unsafe" to frictionless and refused without it.
    cmd = [str(exe), "validate", "--json", "--trusted", "--limit-errors", "1000000000",
           "--schema", str(schema)]
    if encoding:
        cmd += ["--encoding", encoding]
    cmd.append(str(path))
    m = run_measured(cmd, log_dir=log_dir, name=name, timeout=timeout)
    if m.timed_out:
        raise RuntimeError(f"frictionless validate {path.name} timed out after {timeout:.0f} s")
    try:
        report = json.loads(m.stdout.read_text(encoding="utf-8"))
    except ValueError as e:
        raise RuntimeError(f"frictionless validate {path.name} printed no JSON (exit "
                           f"{m.returncode}): {e}\n{m.tail()}") from e
    counts: Counter[str] = Counter()
    rows = 0
    fatal = list(report.get("errors", []))
    for task in report.get("tasks", []):
        counts.update(e["type"] for e in task.get("errors", []))
        rows += task.get("stats", {}).get("rows", 0)
        fatal += [e for e in task.get("errors", []) if e.get("rowNumber") is None
                  and e["type"] in ("resource-error", "scheme-error", "format-error",
                                    "encoding-error", "schema-error", "source-error")]
    if fatal:
        raise RuntimeError(f"frictionless could not read {path.name}: "
                           f"{fatal[0].get('type')}: {fatal[0].get('note') or fatal[0]}")
    m.stdout.unlink(missing_ok=True)  # tens of MB of error rows on the bad-cell copy
    return {"wall_seconds": m.seconds, "cpu_seconds": m.cpu_seconds,
            "maxrss_mib": m.maxrss_mib, "returncode": m.returncode,
            "load_before": m.load_before, "load_after": m.load_after, "rows": rows,
            "valid": report.get("valid"), "counts": dict(counts),
            "type_errors": counts.get("type-error", 0),
            "command": " ".join([exe.name, *cmd[1:]])}


def warm_pair(path: Path, *, schema: Path, encoding: str | None, out_root: Path, log_dir: Path,
              name: str, timeout: float, runs: int, peer_runs: int, peer_warmup_rows: int = 0,
              table_schema: bool = False, claimed: str | None = None) -> dict:
    """Time both tools warm on one file in one child (warm_child.py); return its numbers."""
    cmd = [sys.executable, str(WARM_CHILD), str(path), "--schema", str(schema), "--out-root",
           str(out_root), "--runs", str(runs), "--peer-runs", str(peer_runs),
           "--peer-warmup-rows", str(peer_warmup_rows)]
    if encoding:
        cmd += ["--encoding", encoding]
    if table_schema:
        cmd.append("--kanmin-table-schema")
    if claimed is not None:
        cmd += ["--claimed", claimed]
    m, report = _run_child(cmd, prefix="KANMIN_WARM ", what=f"warm run of {path.name}",
                           log_dir=log_dir, name=name, timeout=timeout)
    # The process's own totals (both tools, warm-ups and imports): context, not a result.
    return {**report, "process_wall_seconds": m.seconds, "process_cpu_seconds": m.cpu_seconds,
            "process_maxrss_mib": m.maxrss_mib, "load_before": m.load_before,
            "load_after": m.load_after}
