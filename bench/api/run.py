#!/usr/bin/env python3
# bench-databases: sqlite postgres
"""Benchmark: CKAN API package_search under wrk, and harvesting N datasets from another instance.

What it does (all on loopback, nothing leaves the machine):

1. Starts instance A: gunicorn, 2 workers, KANMIN_DEBUG=0 with a random secret, its own data
   dir and a fresh database (tests/instances.py: an SQLite file, or a new database on the
   PostgreSQL server in KANMIN_DATABASE_URL when run under bin/with-postgres).
2. Loads N generated datasets into A (default 10,000) with bench/catalog's generator
   (bench.catalog.generate: generate, tokenise, insert = bulk_create), then gives every
   Resource a link ResourceVersion (https://example.jp/…) as current_version, so the CKAN
   API shows resource URLs and the harvester has resources to link.
3. wrk (-t2 -c4 -d20s: 2 connections per core on a 2-core machine, loopback only) against
     package_search?q=公園&rows=10, package_search?facet.field=[…]&rows=10 (no q),
     package_search?fq=organization:SLUG&rows=10, and the peer site_read;
   p50/p95/p99 come from a wrk Lua done() hook (wrk --latency prints no p95).
   Peer: there is no CKAN here, so the peer is the same gunicorn serving Kanmin's
   /api/3/action/site_read — a trivial action on the same stack (WSGI, Django, middleware,
   JSON), i.e. the ceiling any action of this API can reach on this machine. The ratio is
   package_search req/s as a fraction of site_read req/s.
4. Starts instance B with KANMIN_OUTBOUND_ALLOW=127.0.0.0/8, creates an organisation, adds A
   as a ckan harvest source (manage.py add_harvest_source) and times
   `manage.py run_harvest --source ID --json` (first run: creates N), then a second,
   incremental run (should report everything unchanged).
   Peer: `ckanapi dump datasets --all -r A -O FILE` against the same A, in the same run —
   the time the standard CKAN client needs just to download all N package dicts. The ratio
   is harvest time / dump time (what mapping, validating, storing and indexing costs on top
   of the download).
   The harvest is bounded (--harvest-timeout, default 900 s): if it is cut off, the rate is
   computed from the datasets B had created by then and the result is marked INCOMPLETE and
   the full time EXTRAPOLATED.

Results: printed, and as JSON in bench/out/api-VENDOR-N.json (gitignored).

Usage (from the project root):
  .venv/bin/python bench/api/run.py                        # SQLite, 10,000 datasets
  .venv/bin/python bench/api/run.py --quick                # SQLite, 500 datasets, wrk 5 s
  bin/with-postgres .venv/bin/python bench/api/run.py --db postgres
  .venv/bin/python bench/api/run.py --n 500 --profile      # cProfile of the first harvest run
wrk is a Debian package (apt-get install wrk); without it the wrk part is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

WRK_PEER = ("the same gunicorn (2 workers) serving Kanmin's /api/3/action/site_read, a trivial "
            "action on the same stack: the ceiling for any action of this API on this machine "
            "(no CKAN can run here)")
HARVEST_PEER = ("`ckanapi dump datasets --all` from the same source instance: the time the "
                "standard CKAN client takes just to download every package dict")

LUA_DONE = r"""
done = function(summary, latency, requests)
  io.write(string.format("KANMIN_WRK requests=%d duration_us=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d mean_us=%.1f p50_us=%d p95_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, latency.mean,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite",
                   help="sqlite: fresh files in a temp dir; postgres: fresh databases on the "
                        "server in KANMIN_DATABASE_URL (run under bin/with-postgres)")
    p.add_argument("--n", type=int, default=10_000, help="datasets in instance A")
    p.add_argument("--quick", action="store_true", help="smoke run: 500 datasets, wrk 5 s")
    p.add_argument("--duration", type=int, default=20, help="wrk seconds per URL")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (-t)")
    p.add_argument("--connections", type=int, default=0,
                   help="wrk connections (-c); default 2 per core")
    p.add_argument("--harvest-timeout", type=float, default=900.0,
                   help="seconds before the first harvest run is cut off")
    p.add_argument("--skip-harvest", action="store_true", help="only the wrk part")
    p.add_argument("--skip-wrk", action="store_true", help="only the harvest part")
    p.add_argument("--profile", action="store_true",
                   help="run the first harvest under cProfile and print the top functions "
                        "(cProfile slows it down: the time is then not comparable)")
    p.add_argument("--seed", type=int, default=20250601)
    p.add_argument("--keep", action="store_true", help="keep the temp dir afterwards")
    p.add_argument("--out", type=Path, default=None, help="JSON output file")
    p.add_argument("--load-into-this-env", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.quick:
        args.n = min(args.n, 500)
        args.duration = 5
    if not args.connections:
        args.connections = 2 * (os.cpu_count() or 1)
    return args


# -- loading A (runs in a child process with A's environment) --------------------------------

def load(n: int, seed: int) -> None:
    """Generate and bulk-insert n datasets into the database in this process's environment."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kanmin.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from bench.catalog import generate
    from catalog.models import Resource, ResourceVersion

    t = {}
    t0 = time.perf_counter()
    orgs, depts, gens = generate.generate(n, seed=seed)
    t["generate_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    generate.tokenise(gens, orgs, depts)
    t["tokenise_s"] = time.perf_counter() - t0
    ins = generate.insert(gens, orgs, depts)
    t["insert"] = ins["timings"]
    t0 = time.perf_counter()
    with transaction.atomic():
        resources = list(Resource.objects.select_related("dataset").only(
            "id", "format", "position", "dataset__slug").order_by("id"))
        versions = ResourceVersion.objects.bulk_create(
            [ResourceVersion(resource_id=r.pk, number=1, format=r.format,
                             url=f"https://example.jp/opendata/{r.dataset.slug}/"
                                 f"{r.position}.{r.format.lower() or 'bin'}")
             for r in resources], batch_size=5000)
        for r, v in zip(resources, versions, strict=True):
            r.current_version_id = v.pk
        Resource.objects.bulk_update(resources, ["current_version"], batch_size=5000)
    t["resource_versions_s"] = time.perf_counter() - t0
    t["resource_versions"] = len(versions)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    top = max(range(len(orgs)), key=lambda i: sum(1 for g in gens if g.org == i))
    t["top_org"] = orgs[top]["slug"]
    t["visible"] = sum(1 for g in gens if g.state == "published" and not g.private)
    print("KANMIN_LOAD " + json.dumps(t, default=str), flush=True)


# -- helpers ----------------------------------------------------------------------------------

def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def get_json(url: str, timeout: float = 60) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())


def run_wrk(args, url: str, lua: Path) -> dict:
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
           "--latency", "--timeout", "10s", "-s", str(lua), url]
    la0 = loadavg()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.duration + 60)
    m = re.search(r"KANMIN_WRK (.*)", out.stdout)
    if not m:
        raise SystemExit(f"wrk printed no summary:\n{out.stdout}\n{out.stderr}")
    v = {k: float(x) for k, x in (kv.split("=") for kv in m.group(1).split())}
    rps = v["requests"] / (v["duration_us"] / 1e6)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    return {"url": url, "command": " ".join(cmd), "requests": int(v["requests"]),
            "req_per_s": rps, "mean_ms": v["mean_us"] / 1000, "p50_ms": v["p50_us"] / 1000,
            "p95_ms": v["p95_us"] / 1000, "p99_ms": v["p99_us"] / 1000,
            "max_ms": v["max_us"] / 1000,
            "errors": {k[7:]: int(x) for k, x in v.items() if k.startswith("errors_")},
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "loadavg_before": la0, "loadavg_after": loadavg(), "wrk_stdout": out.stdout}


def count_datasets(db_url: str) -> int | None:
    """Datasets in an instance's database, read directly (progress of a running harvest)."""
    try:
        if db_url.startswith("sqlite:///"):
            import sqlite3

            con = sqlite3.connect(f"file:{db_url[len('sqlite:///'):]}?mode=ro", uri=True,
                                  timeout=5)
            try:
                return con.execute("SELECT count(*) FROM catalog_dataset").fetchone()[0]
            finally:
                con.close()
        import psycopg

        with psycopg.connect(db_url) as con:
            return con.execute("SELECT count(*) FROM catalog_dataset").fetchone()[0]
    except Exception:
        return None


def timed_harvest(inst, source_id: int, timeout: float, profile: Path | None) -> dict:
    """Run `manage.py run_harvest --source ID --json` in B; watch B's dataset count."""
    cmd = [sys.executable]
    if profile:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["manage.py", "run_harvest", "--source", str(source_id), "--json"]
    db_url = inst.env["KANMIN_DATABASE_URL"]
    base = count_datasets(db_url) or 0
    progress: list[tuple[float, int]] = []
    la0 = loadavg()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=inst.env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def watch():
        while not stop.wait(5):
            c = count_datasets(db_url)
            if c is not None:
                progress.append((time.perf_counter() - t0, c - base))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        cut = False
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            stdout, stderr = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
        cut = True
    seconds = time.perf_counter() - t0
    stop.set()
    watcher.join()
    out = {"seconds": seconds, "cut_off": cut, "returncode": proc.returncode,
           "loadavg_before": la0, "loadavg_after": loadavg(),
           "progress": progress, "created_in_db": (count_datasets(db_url) or 0) - base}
    if not cut:
        try:
            reports = json.loads(stdout[stdout.index("["):])
            rep = reports[0]
            out.update({"created": len(rep["created"]), "updated": len(rep["updated"]),
                        "deleted": len(rep["deleted"]), "unchanged": rep["unchanged"],
                        "errors": len(rep["errors"]), "error_sample": rep["errors"][:5],
                        "status": rep["status"], "failed": rep["failed"],
                        "notes": rep["notes"]})
        except (ValueError, IndexError, KeyError) as exc:
            out["parse_error"] = f"{exc}: {stdout[-2000:]} {stderr[-2000:]}"
    else:
        out["stderr_tail"] = stderr[-2000:]
    return out


def print_profile(path: Path, limit: int = 25) -> str:
    import io
    import pstats

    buf = io.StringIO()
    st = pstats.Stats(str(path), stream=buf)
    st.sort_stats("cumulative").print_stats(limit)
    st.sort_stats("tottime").print_stats(limit)
    return buf.getvalue()


# -- main -------------------------------------------------------------------------------------

def main() -> None:
    args = parse_args()
    if args.load_into_this_env:
        load(args.n, args.seed)
        return
    if args.db == "postgres" and not os.environ.get("KANMIN_DATABASE_URL", "").startswith(
            ("postgres://", "postgresql://")):
        sys.exit("--db postgres needs KANMIN_DATABASE_URL=postgres://… "
                 "(run it under bin/with-postgres)")
    if args.db == "sqlite" and os.environ.get("KANMIN_DATABASE_URL", "").startswith("postgres"):
        os.environ.pop("KANMIN_DATABASE_URL")  # tests.instances picks the backend from it
    from tests.instances import kanmin_instance

    tmp = Path(tempfile.mkdtemp(prefix="kanmin-bench-api-"))
    started = datetime.now(UTC)
    result: dict = {"benchmark": "api", "db": args.db, "n": args.n,
                    "started": started.isoformat(timespec="seconds"),
                    "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform()},
                    "args": {k: str(v) for k, v in vars(args).items()},
                    "peers": {"wrk": WRK_PEER, "harvest": HARVEST_PEER}}
    print(f"bench/api: {args.n:,} datasets, {args.db}; {os.cpu_count()} CPUs; load average "
          f"{' '.join(map(str, loadavg()))}", flush=True)
    out_path = args.out or OUT_DIR / f"api-{args.db}-{args.n}.json"
    lines: list[str] = []
    try:
        with kanmin_instance(tmp / "a", "a") as a:
            print(f"instance A: {a.url}", flush=True)
            t0 = time.perf_counter()
            env = {**a.env, "DJANGO_SETTINGS_MODULE": "kanmin.settings"}
            res = subprocess.run([sys.executable, str(Path(__file__).resolve()),
                                  "--load-into-this-env", "--n", str(args.n),
                                  "--seed", str(args.seed)],
                                 cwd=ROOT, env=env, capture_output=True, text=True)
            if res.returncode != 0:
                raise SystemExit(f"loading A failed:\n{res.stdout}\n{res.stderr}")
            info = json.loads(re.search(r"KANMIN_LOAD (.*)", res.stdout).group(1))
            info["seconds"] = time.perf_counter() - t0
            result["load"] = info
            print(f"  loaded {args.n:,} datasets ({info['visible']:,} public) and "
                  f"{info['resource_versions']:,} resource links in {info['seconds']:.1f} s "
                  f"(generate {info['generate_s']:.1f}, tokenise {info['tokenise_s']:.1f}, "
                  f"insert {info['insert']['datasets_and_search_index']:.1f} s)", flush=True)
            if not args.skip_wrk:
                result["wrk"] = wrk_part(args, a, info, tmp, lines)
            if not args.skip_harvest:
                result["harvest"] = harvest_part(args, a, info, tmp, lines)
    finally:
        result["loadavg_end"] = loadavg()
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str),
                            encoding="utf-8")
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")
    print()
    print(f"bench/api on {args.db}, {args.n:,} datasets, {os.cpu_count()} CPUs, load average "
          f"at the end {' '.join(map(str, result['loadavg_end']))}")
    print(f"Peers: wrk — {WRK_PEER}; harvest — {HARVEST_PEER}.")
    for line in lines:
        print(line)
    print(f"JSON: {out_path.relative_to(ROOT) if out_path.is_relative_to(ROOT) else out_path}")


def wrk_part(args, a, info: dict, tmp: Path, lines: list[str]) -> dict | None:
    if shutil.which("wrk") is None:
        msg = "wrk not installed (apt-get install wrk): package_search throughput NOT measured"
        print(msg, flush=True)
        lines.append("api package_search: skipped — " + msg)
        return None
    lua = tmp / "done.lua"
    lua.write_text(LUA_DONE)
    api = f"{a.url}/api/3/action/"
    targets = {
        "site_read": api + "site_read",
        "package_search q=公園": api + "package_search?" + urlencode(
            {"q": "公園", "rows": 10}),
        "package_search facets, no q": api + "package_search?" + urlencode(
            {"facet.field": json.dumps(["organization", "tags", "res_format", "license_id"]),
             "rows": 10}, quote_via=quote),
        "package_search fq=organization": api + "package_search?" + urlencode(
            {"fq": f"organization:{info['top_org']}", "rows": 10}),
    }
    out: dict = {}
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s:", flush=True)
    for name, url in targets.items():
        body = get_json(url)  # warms both workers' code paths a little and checks the answer
        if body.get("success") is not True:
            raise SystemExit(f"{url}: {body}")
        hits = body["result"].get("count") if isinstance(body["result"], dict) else None
        r = run_wrk(args, url, lua)
        r["hits"] = hits
        out[name] = r
        print(f"  {name:<32} {r['req_per_s']:7.1f} req/s  p50 {r['p50_ms']:6.1f}  p95 "
              f"{r['p95_ms']:6.1f}  p99 {r['p99_ms']:6.1f} ms  ({r['requests']} requests, "
              f"hits {hits}, errors {sum(r['errors'].values())}, non-2xx {r['non_2xx']}, "
              f"load {r['loadavg_before'][0]}→{r['loadavg_after'][0]})", flush=True)
    base = out["site_read"]["req_per_s"]
    for name, r in out.items():
        if name == "site_read":
            continue
        r["ratio_to_site_read"] = r["req_per_s"] / base
        lines.append(f"api {name}: {r['req_per_s']:.0f} req/s, p95 {r['p95_ms']:.0f} ms "
                     f"(site_read baseline {base:.0f} req/s, p95 "
                     f"{out['site_read']['p95_ms']:.0f} ms; ratio {r['ratio_to_site_read']:.2f}×)"
                     f" [load {r['loadavg_after'][0]}]")
    return out


def harvest_part(args, a, info: dict, tmp: Path, lines: list[str]) -> dict:
    res: dict = {}
    # Peer first, so it exists even if the harvest is cut off.
    dump = tmp / "dump.jsonl"
    ckanapi = Path(sys.executable).parent / "ckanapi"
    cmd = [str(ckanapi), "dump", "datasets", "--all", "-q", "-r", a.url, "-O", str(dump)]
    la0 = loadavg()
    t0 = time.perf_counter()
    # ckanapi starts its workers as `ckanapi` from PATH: put the venv's bin first.
    env = {**os.environ, "PATH": f"{ckanapi.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.harvest_timeout,
                       env=env)
    dump_s = time.perf_counter() - t0
    dumped = sum(1 for _ in dump.open(encoding="utf-8")) if dump.exists() else 0
    res["ckanapi_dump"] = {"command": " ".join(cmd).replace(str(tmp), "TMP"), "seconds": dump_s,
                           "datasets": dumped, "returncode": p.returncode,
                           "stderr_tail": p.stderr[-1000:], "loadavg_before": la0,
                           "loadavg_after": loadavg()}
    if p.returncode != 0 or dumped != info["visible"]:
        raise SystemExit(f"ckanapi dump failed (exit {p.returncode}, {dumped} of "
                         f"{info['visible']} datasets):\n{p.stderr[-3000:]}")
    print(f"ckanapi dump datasets --all: {dumped:,} datasets in {dump_s:.1f} s "
          f"({dumped / dump_s:.0f}/s, exit {p.returncode})", flush=True)

    with kanmin_instance_b(tmp) as b:
        print(f"instance B: {b.url} (KANMIN_OUTBOUND_ALLOW=127.0.0.0/8)", flush=True)
        b.manage("shell", "-c",
                 "from core.models import Organisation as O;"
                 "O.objects.create(slug='bench-harvest', name='ベンチ収集先', "
                 "kind=O._meta.get_field('kind').choices[0][0])")
        sid = int(b.manage("add_harvest_source", "--url", a.url, "--kind", "ckan",
                           "--organization", "bench-harvest").stdout.strip())
        prof = tmp / "harvest.prof" if args.profile else None
        print(f"run_harvest --source {sid} (first run, timeout {args.harvest_timeout:.0f} s)"
              + (" under cProfile" if prof else "") + " …", flush=True)
        first = timed_harvest(b, sid, args.harvest_timeout, prof)
        res["first"] = first
        n_public = info["visible"]
        if first["cut_off"]:
            done = first["created_in_db"]
            rate = done / first["seconds"] if done else 0.0
            est = n_public / rate if rate else float("nan")
            first["extrapolated_seconds"] = est
            print(f"  CUT OFF after {first['seconds']:.0f} s: {done:,} of {n_public:,} created "
                  f"({rate:.1f}/s); full run EXTRAPOLATED to {est:.0f} s", flush=True)
            lines.append(f"harvest {n_public:,} datasets: INCOMPLETE, cut off at "
                         f"{first['seconds']:.0f} s with {done:,} created ({rate:.1f} datasets/s); "
                         f"EXTRAPOLATED {est:.0f} s; ckanapi dump of the same: {dump_s:.0f} s; "
                         f"ratio (extrapolated) {est / dump_s:.1f}× [load "
                         f"{first['loadavg_after'][0]}]")
        else:
            created = first.get("created", 0)
            rate = created / first["seconds"]
            print(f"  {first['seconds']:.1f} s: created {created:,}, errors "
                  f"{first.get('errors')}, status {first.get('status')} ({rate:.1f} datasets/s)",
                  flush=True)
            lines.append(f"harvest {created:,} datasets: {first['seconds']:.0f} s "
                         f"({rate:.1f} datasets/s, errors {first.get('errors')}); ckanapi dump "
                         f"of the same: {dump_s:.0f} s; ratio {first['seconds'] / dump_s:.1f}×"
                         + (" (under cProfile)" if prof else "")
                         + f" [load {first['loadavg_after'][0]}]")
        if prof and prof.exists():
            res["profile"] = print_profile(prof)
            print(res["profile"], flush=True)
        if not first["cut_off"]:
            second = timed_harvest(b, sid, args.harvest_timeout, None)
            res["second"] = second
            print(f"  second (incremental) run: {second['seconds']:.1f} s: created "
                  f"{second.get('created')}, updated {second.get('updated')}, unchanged "
                  f"{second.get('unchanged')}, errors {second.get('errors')}", flush=True)
            lines.append(f"harvest again (incremental): {second['seconds']:.1f} s, unchanged "
                         f"{second.get('unchanged')}, updated {second.get('updated')}, errors "
                         f"{second.get('errors')}; ckanapi dump: {dump_s:.0f} s; ratio "
                         f"{second['seconds'] / dump_s:.2f}×")
    return res


def kanmin_instance_b(tmp: Path):
    from tests.instances import kanmin_instance

    return kanmin_instance(tmp / "b", "b", extra_env={"KANMIN_OUTBOUND_ALLOW": "127.0.0.0/8"})


if __name__ == "__main__":
    main()
