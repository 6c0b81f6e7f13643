"""Print the tabular benchmark's table, target checks and ratio lines."""

from __future__ import annotations


def _met(ok: bool) -> str:
    """Return the word used for a target check."""
    return "met" if ok else "MISSED"


def _target(ratio: float, target: float) -> str:
    """The target check of a ratio line: "target ≥ 20×: met" or "… MISSED by 1.2×"."""
    gap = "" if ratio >= target else f" by {target / ratio:.1f}×"
    return f"target ≥ {target:.0f}×: {_met(ratio >= target)}{gap}"


def _fmt(x: float | None, spec: str = ",.0f") -> str:
    """Format a number, or a dash when it is missing."""
    return "–" if x is None else format(x, spec)


def summarise(args, results: list[dict], datastore: dict | None, *,
              targets: tuple[float, float, float]) -> list[str]:
    """Print the results table and the summary lines; return the summary lines."""
    target_ratio, target_rss, target_p95 = targets
    print("\n| file | rows | Kanmin wall s (ingest s) | Kanmin CPU s | Kanmin rows/s | "
          "Kanmin peak MiB | frictionless wall s | frictionless CPU s | frictionless rows/s | "
          "frictionless peak MiB | ratio (wall) | ratio (CPU) |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    lines: list[str] = []
    ordered = sorted(results, key=lambda r: (r["case"]["large"], r["case"]["kind"] == "utf8"))
    for r in ordered:
        c, k, f = r["case"], r["kanmin"], r["frictionless"]
        k_rps = c["rows"] / k["wall_seconds"]
        f_s = f.get("wall_seconds")
        f_rps = c["rows"] / f_s if f_s else None
        ratio = k_rps / f_rps if f_rps else None
        # CPU time counts every thread: Kanmin's pyarrow/DuckDB may use both cores.
        f_cpu = f.get("cpu_seconds")
        cpu_ratio = f_cpu / k["cpu_seconds"] if f_cpu and k["cpu_seconds"] else None
        r["rows_per_s"] = {"kanmin": k_rps, "frictionless": f_rps, "ratio": ratio,
                           "cpu_ratio": cpu_ratio}
        extra = " EXTRAPOLATED" if f.get("extrapolated") else ""
        print(f"| {c['label']} | {c['rows']:,} | {k['wall_seconds']:.2f} ({k['seconds']:.2f}) | "
              f"{k['cpu_seconds']:.2f} | {k_rps:,.0f} | {k['maxrss_mib_max']:,.0f} | "
              f"{_fmt(f_s, ',.1f')}{extra} | {_fmt(f_cpu, ',.1f')} | {_fmt(f_rps)} | "
              f"{_fmt(f.get('maxrss_mib'))} | {_fmt(ratio, '.1f')}× | {_fmt(cpu_ratio, '.1f')}× |")
        if k["rows"] != c["rows"]:
            print(f"  WARNING: Kanmin read {k['rows']:,} rows of {c['rows']:,} in {c['label']}")
        if ratio is not None:
            lines.append(f"tabular ingest {c['label']}: Kanmin {k_rps:,.0f} rows/s "
                         f"({k['wall_seconds']:.2f} s), frictionless {f_rps:,.0f} rows/s "
                         f"({f_s:.1f} s{extra}); ratio {ratio:.1f}× "
                         f"({_target(ratio, target_ratio)}; CPU time "
                         f"ratio {_fmt(cpu_ratio, '.1f')}) [load {k['load_after'][0]}]")
    k0 = results[0]["kanmin"]
    print(f"\nKanmin: encoding detected per file "
          f"{[r['kanmin']['encoding'] for r in results]}; standard "
          f"{[(t['standard'], t['matched']) for t in k0['tables']]} (--kanmin-schema "
          f"{args.kanmin_schema}); outputs of one {results[0]['case']['rows']:,}-row ingest "
          f"{k0['out_bytes'] / 2**20:,.0f} MiB")

    large = [r for r in results if r["case"]["large"]]
    if large:
        rss = {r["case"]["label"]: r["kanmin"]["maxrss_mib_max"] for r in large}
        worst = max(rss.values())
        gap = "" if worst < target_rss else f" by {worst - target_rss:,.0f} MiB"
        lines.insert(0, "peak RSS of the large ingests: " + ", ".join(
            f"{label} {v:,.0f} MiB" for label, v in rss.items())
            + f" (target < {target_rss:,.0f} MiB: {_met(worst < target_rss)}{gap})")

    for r in results:
        c = r["case"]
        if not c["bad"]:
            continue
        k_te, f_te = r["kanmin"]["type_errors"], r["frictionless"].get("type_errors")
        exp = c["expected_type_errors"]
        equal = f_te is not None and k_te == f_te == exp
        lines.insert(0, f"type-error on {c['label']} ({c['path'].rsplit('/', 1)[-1]}): Kanmin "
                        f"{k_te:,}, frictionless {_fmt(f_te)}, generator sidecar {exp:,} "
                        f"(target equal: {_met(equal)})")
        other = {k: v for k, v in r["kanmin"]["tables"][0]["counts"].items() if v}
        print(f"Kanmin issue counts on {c['label']}: {other}")
        print(f"frictionless error counts on {c['label']}: {r['frictionless'].get('counts')}")

    if datastore:
        d, n = datastore, datastore["naive"]
        speed = n["p95_ms"] / d["p95_ms"] if d["p95_ms"] else float("nan")
        gap = "" if d["p95_ms"] < target_p95 else f" by {d['p95_ms'] - target_p95:,.0f} ms"
        print(f"\ndatastore_search, {d['queries']} queries, limit {d['limit']}, totals included,"
              f" hits {d['hits_min']:,}–{d['hits_max']:,}: p50 {d['p50_ms']:.1f} ms, p95 "
              f"{d['p95_ms']:.1f} ms, max {d['max_ms']:.1f} ms, first (cold) "
              f"{d['first_ms']:.1f} ms")
        print(f"baseline — {n['label']}: {n['queries']} queries, p50 {n['p50_ms']:.0f} ms, "
              f"p95 {n['p95_ms']:.0f} ms; totals equal: {n['totals_equal']}")
        lines.append(f"datastore_search p95 on {args.large:,} rows: {d['p95_ms']:.1f} ms "
                     f"(p50 {d['p50_ms']:.1f} ms; target < {target_p95:.0f} ms: "
                     f"{_met(d['p95_ms'] < target_p95)}{gap}); naive full pyarrow "
                     f"scan+filter p95 {n['p95_ms']:.0f} ms; ratio {speed:.{1 if speed >= 1 else 2}f}× "
                     f"{'faster' if speed >= 1 else 'SLOWER'} than the naive scan (not a peer "
                     f"tool)")
    print("\n=== tabular summary")
    for line in lines:
        print(line)
    return lines


WARM_LABEL = "warm (in-process, imports done)"


def warm_rates(*, rows: int, kanmin: dict, peer: dict | None) -> dict:
    """Return the warm view's rows/s and ratios from the two tools' median times."""
    k_s, k_cpu = kanmin["wall_median"], kanmin["cpu_median"]
    f_s = peer.get("wall_median") if peer else None
    f_cpu = peer.get("cpu_median") if peer else None
    k_rps = rows / k_s if k_s else None
    f_rps = rows / f_s if f_s else None
    return {"kanmin": k_rps, "frictionless": f_rps,
            "ratio": k_rps / f_rps if k_rps and f_rps else None,
            # CPU time counts every thread and any decode worker: pyarrow may use both
            # cores, so the CPU ratio is the one that does not reward parallelism.
            "cpu_ratio": f_cpu / k_cpu if f_cpu and k_cpu else None}


def summarise_warm(args, warm: list[dict], cold: list[dict], *, target_ratio: float) -> list[str]:
    """Print the warm view's table and summary lines; return the summary lines."""
    print(f"\n{WARM_LABEL}: medians of the timed calls in one process per file that imported "
          "both tools and made one untimed warm-up call of each (excludes interpreter start, "
          "imports and first-call costs; peak RSS not comparable: both tools share the process)")
    print("\n| file | rows | Kanmin wall s | Kanmin CPU s | Kanmin rows/s | frictionless wall s | "
          "frictionless CPU s | frictionless rows/s | ratio (wall) | ratio (CPU) | timed calls "
          "(Kanmin/frictionless) |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    lines: list[str] = []
    cli = {r["case"]["label"]: r["frictionless"].get("type_errors") for r in cold}
    ordered = sorted(warm, key=lambda r: (r["case"]["large"], r["case"]["kind"] == "utf8"))
    for r in ordered:
        c, k, f = r["case"], r["kanmin"], r["frictionless"]
        rates = warm_rates(rows=c["rows"], kanmin=k, peer=f)
        r["rows_per_s"] = rates
        extra = " EXTRAPOLATED" if f and f.get("extrapolated") else ""
        f_s = f.get("wall_median") if f else None
        ratio = rates["ratio"]
        print(f"| {c['label']} | {c['rows']:,} | {k['wall_median']:.3f} | {k['cpu_median']:.3f} | "
              f"{_fmt(rates['kanmin'])} | {_fmt(f_s, ',.2f')}{extra} | "
              f"{_fmt(f.get('cpu_median') if f else None, ',.2f')} | "
              f"{_fmt(rates['frictionless'])} | {_fmt(ratio, '.1f')}× | "
              f"{_fmt(rates['cpu_ratio'], '.1f')}× | {k['runs']}/"
              f"{f.get('runs', 0) if f and not extra else 0} |")
        for tool, got in (("Kanmin", k), ("frictionless", f)):
            if got and got.get("consistent") is False:
                print(f"  WARNING: {tool}'s warm calls on {c['label']} disagreed on rows or counts")
        if k["rows"] != c["rows"]:
            print(f"  WARNING: Kanmin read {k['rows']:,} rows of {c['rows']:,} in {c['label']}")
        if ratio is not None:
            lines.append(f"tabular ingest warm {c['label']}: Kanmin {rates['kanmin']:,.0f} rows/s "
                         f"({k['wall_median']:.3f} s), frictionless {rates['frictionless']:,.0f} "
                         f"rows/s ({f_s:.2f} s{extra}); warm ratio {ratio:.1f}× "
                         f"({_target(ratio, target_ratio)}; CPU time "
                         f"ratio {_fmt(rates['cpu_ratio'], '.1f')}) [warm, medians of "
                         f"{k['runs']}/{f.get('runs', 0) if not extra else 0} calls; load "
                         f"{r['load_after'][0]}]")
        if c["bad"]:
            f_te = f.get("type_errors") if f and not extra else None
            exp = c["expected_type_errors"]
            equal = f_te is not None and k["type_errors"] == f_te == exp == cli.get(c["label"])
            lines.insert(0, f"warm type-error on {c['label']}: Kanmin {k['type_errors']:,}, "
                            f"frictionless API {_fmt(f_te)}, frictionless CLI (cold run) "
                            f"{_fmt(cli.get(c['label']))}, generator sidecar {exp:,} (target "
                            f"equal: {_met(equal)})")
    first = [f"{r['case']['label']} Kanmin {r['kanmin']['warmup']['wall']:.2f} s"
             + (f", frictionless {r['frictionless']['warmup']['wall']:.2f} s"
                if r["frictionless"] and r["frictionless"].get("warmup") else "")
             for r in ordered]
    print(f"\nwarm: imports in the warm child (once, excluded): Kanmin engine "
          f"{_fmt(ordered[0]['import_seconds']['kanmin'], '.2f')} s (pyarrow loads at the first "
          f"call), frictionless {_fmt(ordered[0]['import_seconds']['frictionless'], '.2f')} s; "
          f"untimed warm-up calls: {'; '.join(first)}")
    print(f"\n=== tabular summary, {WARM_LABEL}")
    for line in lines:
        print(line)
    return lines
