#!/usr/bin/env python3
"""Benchmark: the publication guard's throughput, and anonymisation against anjana 1.2.3.

What it measures (issue 5, "Benchmark"):

1. The guard: ``privacy.scanner.scan_table`` on the parsed 公共施設一覧 table of the tabular
   benchmark (bench/tabular/generate.py, cached in var/bench/tabular/), in cells per second,
   in a fresh process (bench/privacy/guard_child.py). Parsing is timed apart, not counted.
   Default: the 100,000-row file; --full: the 1,000,000-row file. No peer tool scans for
   個人番号, so there is no ratio for this part.
2. Anonymisation of generated resident-like tables (bench/privacy/generate.py: 年齢, 性別,
   郵便番号, 町丁目, 世帯人員, 職業, 所得階層 and 病名; 5 quasi-identifiers 年齢, 性別, 郵便番号,
   町丁目, 職業 with ARX-style hierarchy files read by both tools), k=5 and k=10, 5 %
   suppression allowed, by Kanmin (bench/privacy/anon_child.py: optimal full-domain
   generalisation under the loss metric) and by anjana 1.2.3 (bench/privacy/anjana_child.py,
   run with .venv-peers/bin/python: its greedy choice of levels). Each run is a fresh process;
   wall time (interpreter start, imports and CSV reading included) and peak RSS (os.wait4)
   are taken from outside, the anonymisation call alone is timed inside. Both outputs are
   scored by the same function (bench/privacy/quality.py: Kanmin's loss, suppressed rows,
   achieved k). Default: 100,000 rows; --full adds 1,000,000 rows.

Ratios are anjana ÷ Kanmin (time) and Kanmin − anjana (loss; negative = Kanmin keeps more).
Target (issue 5): ≥ 10× faster than anjana at both sizes with no worse loss. A missed target is
reported, not a failure. JSON: bench/out/privacy-ROWS.json.

Usage (from the project root):
  .venv/bin/python bench/privacy/run.py            # 100k rows, k=5 and 10 (~1 min)
  .venv/bin/python bench/privacy/run.py --full     # + 1M rows and the 1M-row guard (~10 min)
  .venv/bin/python bench/privacy/run.py --quick    # 20k rows, k=5, guard on 10k rows
  .venv/bin/python bench/privacy/run.py --profile  # + cProfile of Kanmin's largest run
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "bench" / "out"
PEERS_PY = ROOT / ".venv-peers" / "bin" / "python"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.privacy import generate, quality  # noqa: E402
from bench.tabular import generate as tabular_generate  # noqa: E402
from bench.tabular import measure  # noqa: E402
from bench.tabular.run import machine  # noqa: E402

HERE = Path(__file__).resolve().parent
PEER = ("anjana 1.2.3 k_anonymity (greedy generalisation, then suppression) in "
        ".venv-peers, same CSV, same ARX-style hierarchies, same run, fresh process")
TARGET_RATIO = 10.0


def parse_args() -> argparse.Namespace:
    """Command line options."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--full", action="store_true", help="also 1,000,000 rows (guard and anonymise)")
    p.add_argument("--quick", action="store_true", help="smoke run: 20,000 rows, k=5 only")
    p.add_argument("--ks", default=None, help="comma-separated k values (default 5,10)")
    p.add_argument("--suppression", type=float, default=0.05)
    p.add_argument("--skip-peer", action="store_true", help="do not run anjana")
    p.add_argument("--skip-guard", action="store_true")
    p.add_argument("--profile", action="store_true", help="cProfile Kanmin's largest run")
    p.add_argument("--runs", type=int, default=3,
                   help="Kanmin runs per case, the median (by wall time) reported; anjana runs "
                        "once")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds per child process")
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--out", type=Path, default=None, help="JSON output file")
    args = p.parse_args()
    args.sizes = [20_000] if args.quick else [100_000, 1_000_000] if args.full else [100_000]
    args.guard_rows = 10_000 if args.quick else 1_000_000 if args.full else 100_000
    args.ks = [int(k) for k in (args.ks or ("5" if args.quick else "5,10")).split(",")]
    return args


def child_json(m: measure.Measured, prefix: str, what: str) -> dict:
    """The JSON line a child printed, or an error with the end of its stderr."""
    for line in reversed(m.stdout.read_text(encoding="utf-8", errors="replace").splitlines()):
        if line.startswith(prefix + " "):
            return json.loads(line.removeprefix(prefix + " "))
    raise RuntimeError(f"{what} failed (exit {m.returncode}"
                       f"{', timed out' if m.timed_out else ''}):\n{m.tail()}")


def run_guard(args, tmp: Path) -> dict:
    """Scan the tabular benchmark's UTF-8 file of guard_rows rows in a child."""
    files = tabular_generate.ensure_files(args.guard_rows, seed=args.seed)
    cmd = [sys.executable, str(HERE / "guard_child.py"), str(files.utf8)]
    m = measure.run_measured(cmd, log_dir=tmp / "logs", name="guard", timeout=args.timeout)
    r = child_json(m, "KANMIN_GUARD", "guard")
    r.update(wall_seconds=m.seconds, maxrss_mib=m.maxrss_mib, load=m.load_after,
             file=files.utf8.name)
    print(f"guard: {r['rows']:,} rows × {r['columns']} columns = {r['cells']:,} cells scanned in "
          f"{r['scan_seconds']:.2f} s → {r['cells_per_second']:,.0f} cells/s (parse "
          f"{r['read_seconds']:.2f} s apart); outcome {r['outcome']}; peak RSS "
          f"{r['maxrss_mib']:.0f} MiB [load {m.load_after[0]}]", flush=True)
    return r


def run_tool(args, tool: str, gen: generate.Generated, k: int, tmp: Path,
             profile: Path | None = None) -> dict:
    """Anonymise one table with one tool in a child; return its figures and output path."""
    out = tmp / f"{tool}-{gen.rows}-k{k}.csv"
    common = [str(gen.directory), "--k", str(k), "--suppression", str(args.suppression),
              "--out", str(out)]
    if tool == "kanmin":
        cmd = [sys.executable, str(HERE / "anon_child.py"), *common]
        if profile is not None:
            cmd += ["--profile", str(profile)]
        prefix = "KANMIN_ANON"
    else:
        cmd = [str(PEERS_PY), str(HERE / "anjana_child.py"), *common]
        prefix = "ANJANA_ANON"
    m = measure.run_measured(cmd, log_dir=tmp / "logs", name=out.stem, timeout=args.timeout)
    r = child_json(m, prefix, f"{tool} on {gen.rows:,} rows, k={k}")
    r.update(wall_seconds=m.seconds, cpu_seconds=m.cpu_seconds, maxrss_mib=m.maxrss_mib,
             load=m.load_after, output=str(out))
    return r


def score(gen: generate.Generated, original, output: Path) -> dict:
    """Score one output with the shared quality function."""
    q = quality.score(original=original, output=quality.read_text_csv(output, generate.QUASI),
                      quasi=generate.QUASI, hierarchy_dir=gen.directory / "hierarchies")
    return {"loss": q.loss, "suppressed": q.suppressed_rows, "levels": q.levels, "k": q.k,
            "classes": q.classes}


def run_anonymise(args, tmp: Path) -> list[dict]:
    """Both tools at every size and k; print one line per run."""
    results = []
    largest = (args.sizes[-1], args.ks[0])
    for rows in args.sizes:
        gen = generate.ensure(rows, seed=args.seed)
        original = quality.read_text_csv(gen.csv, generate.QUASI)
        for k in args.ks:
            entry: dict = {"rows": rows, "k": k, "suppression": args.suppression}
            for tool in ("kanmin", "anjana"):
                if tool == "anjana" and (args.skip_peer or not PEERS_PY.exists()):
                    print(f"  anjana: SKIPPED ({'--skip-peer' if args.skip_peer else PEERS_PY}"
                          " absent)", flush=True)
                    continue
                prof = tmp / "kanmin.prof" if (args.profile and tool == "kanmin"
                                               and (rows, k) == largest) else None
                runs = [run_tool(args, tool, gen, k, tmp, prof)
                        for _ in range(args.runs if tool == "kanmin" else 1)]
                r = sorted(runs, key=lambda x: x["wall_seconds"])[len(runs) // 2]
                r["wall_samples"] = [x["wall_seconds"] for x in runs]
                r["quality"] = score(gen, original, Path(r["output"]))
                Path(r["output"]).unlink(missing_ok=True)
                entry[tool] = r
                q = r["quality"]
                print(f"  {rows:>9,} rows k={k:<2} {tool:6}: {r['anonymise_seconds']:7.2f} s "
                      f"anonymise, {r['wall_seconds']:7.2f} s wall (CPU {r['cpu_seconds']:.2f} s), "
                      f"peak {r['maxrss_mib']:5.0f} "
                      f"MiB, suppressed {q['suppressed']:,}, loss {q['loss']:.4f}, k {q['k']}, "
                      f"levels {list(q['levels'].values())} [load {r['load'][0]}]", flush=True)
            results.append(entry)
    return results


def summarise(args, guard: dict | None, runs: list[dict]) -> list[str]:
    """The results table (markdown) and the ratio lines."""
    lines = ["| rows | k | tool | anonymise s | wall s | CPU s | peak MiB | suppressed | loss | "
             "k achieved | levels (年齢,性別,郵便,町丁目,職業) |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    ratios = []
    for e in runs:
        for tool in ("kanmin", "anjana"):
            if tool not in e:
                continue
            r, q = e[tool], e[tool]["quality"]
            lines.append(f"| {e['rows']:,} | {e['k']} | {tool} | {r['anonymise_seconds']:.2f} | "
                         f"{r['wall_seconds']:.2f} | {r['cpu_seconds']:.2f} | "
                         f"{r['maxrss_mib']:.0f} | {q['suppressed']:,}"
                         f" ({q['suppressed'] / e['rows']:.2%}) | {q['loss']:.4f} | {q['k']} | "
                         f"{','.join(str(v) for v in q['levels'].values())} |")
        if "anjana" in e:
            a, b = e["anjana"], e["kanmin"]
            wall = a["wall_seconds"] / b["wall_seconds"]
            call = a["anonymise_seconds"] / b["anonymise_seconds"]
            cpu = a["cpu_seconds"] / b["cpu_seconds"]
            dloss = b["quality"]["loss"] - a["quality"]["loss"]
            ok = wall >= TARGET_RATIO and dloss <= 1e-12
            ratios.append(f"anonymise {e['rows']:,} rows k={e['k']}: ratio {wall:.1f}× faster "
                          f"than anjana (wall), {cpu:.1f}× (CPU), {call:.1f}× (anonymisation "
                          f"call); loss "
                          f"{b['quality']['loss']:.4f} vs {a['quality']['loss']:.4f} "
                          f"({dloss:+.4f}); peak {b['maxrss_mib']:.0f} vs "
                          f"{a['maxrss_mib']:.0f} MiB — target ≥{TARGET_RATIO:.0f}× and no "
                          f"worse loss: {'met' if ok else 'MISSED'}")
    if guard:
        ratios.append(f"guard: {guard['cells_per_second']:,.0f} cells/s on {guard['rows']:,} "
                      f"rows × {guard['columns']} columns ({guard['scan_seconds']:.2f} s; no "
                      "peer tool, no ratio)")
    return [*lines, "", *ratios]


def main() -> None:
    """Run every part, print the table and the ratios, write the JSON."""
    args = parse_args()
    info = machine()
    print(f"bench/privacy: {info['uptime']}; {info['nproc']} CPUs; commit {info['commit']}"
          f"{' (dirty tree)' if info['dirty'] else ''}", flush=True)
    print(f"peer: {PEER}", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="kanmin-bench-privacy-"))
    try:
        guard = None if args.skip_guard else run_guard(args, tmp)
        runs = run_anonymise(args, tmp)
        lines = summarise(args, guard, runs)
        print("\n" + "\n".join(lines))
        if args.profile and (tmp / "kanmin.prof").exists():
            from bench.tabular.run import print_profile

            print("\ncProfile of Kanmin's largest run:\n" + print_profile(tmp / "kanmin.prof"))
        info["uptime_after"] = measure.loadavg()
        out = args.out or OUT_DIR / f"privacy-{args.sizes[-1]}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"machine": info, "peer": PEER, "guard": guard, "runs": runs,
                                   "summary": lines, "args": {k: str(v) for k, v in
                                                              vars(args).items()}},
                                  ensure_ascii=False, indent=1, default=str) + "\n", "utf-8")
        print(f"\nJSON: {out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
