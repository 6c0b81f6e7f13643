"""Generate 公共施設一覧-shaped CSV files for the tabular benchmark, with a cache.

One generation pass writes, for N rows (deterministic for a seed):

- ``public_facility_N_utf8.csv``  UTF-8, CRLF, the 24 columns of the legacy 推奨データセット
  layout of 公共施設一覧 (standards/data/public-facilities.json), plausible values;
- ``public_facility_N_cp932.csv`` the same rows in CP932 (Shift_JIS as Windows writes it);
- ``public_facility_N_bad.csv``   the same rows (UTF-8) with exactly 1 % of the cells of the
  typed columns (緯度, 経度: number; 開始時間, 終了時間: time) replaced by unreadable text;
- ``public_facility_N_bad.json``  the sidecar: how many cells were made bad, where, and how;
- ``schema.json``                 the equivalent Frictionless Table Schema.

The legacy layout has no date and no integer column, so the bad cells are numbers and times
(e.g. "不明" in 緯度, "25:61" in 開始時間). A directory is reused when its manifest matches.

  .venv/bin/python bench/tabular/generate.py --rows 100000   # → var/bench/tabular/…
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tabular import vocab  # noqa: E402
from jp import houjin  # noqa: E402

GENERATOR_VERSION = 1
DEFAULT_CACHE = ROOT / "var" / "bench" / "tabular"
BAD_FRACTION = 0.01
BATCH = 20_000

# (name, Table Schema type, format, required): the legacy 公共施設一覧 columns in spec order,
# as in standards/data/public-facilities.json (checked against it when that file is present).
FIELDS = [
    ("都道府県コード又は市区町村コード", "string", None, False),
    ("NO", "string", None, False),
    ("都道府県名", "string", None, False),
    ("市区町村名", "string", None, False),
    ("名称", "string", None, True),
    ("名称_カナ", "string", None, True),
    ("名称_通称", "string", None, False),
    ("POIコード", "string", None, False),
    ("住所", "string", None, True),
    ("方書", "string", None, False),
    ("緯度", "number", None, False),
    ("経度", "number", None, False),
    ("電話番号", "string", None, False),
    ("内線番号", "string", None, False),
    ("法人番号", "string", None, False),
    ("団体名", "string", None, False),
    ("利用可能曜日", "string", None, False),
    ("開始時間", "time", "%H:%M", False),
    ("終了時間", "time", "%H:%M", False),
    ("利用可能日時特記事項", "string", None, False),
    ("説明", "string", None, False),
    ("バリアフリー情報", "string", None, False),
    ("URL", "string", "uri", False),
    ("備考", "string", None, False),
]
HEADERS = [f[0] for f in FIELDS]
TYPED = [i for i, f in enumerate(FIELDS) if f[1] != "string"]  # 緯度, 経度, 開始時間, 終了時間
_FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@dataclass(frozen=True)
class GeneratedFiles:
    """Paths of one generated size, and what the bad-cell copy contains."""

    rows: int
    directory: Path
    utf8: Path
    cp932: Path
    bad: Path
    bad_sidecar: Path
    schema: Path

    def expected_bad_cells(self) -> int:
        """Return the number of bad cells recorded in the sidecar."""
        return int(json.loads(self.bad_sidecar.read_text(encoding="utf-8"))["bad_cells"])


def table_schema() -> dict:
    """Return the Frictionless Table Schema equivalent to the legacy 公共施設一覧 standard."""
    fields = []
    for name, type_, fmt, required in FIELDS:
        field: dict = {"name": name, "type": type_}
        if fmt:
            field["format"] = fmt
        constraints: dict = {"required": required}
        if name == "都道府県コード又は市区町村コード":
            constraints["pattern"] = "^[0-9]{6}$"
        field["constraints"] = constraints
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def check_against_standard() -> None:
    """Fail loudly when the repository's standard file no longer has these columns/types."""
    path = ROOT / "standards" / "data" / "public-facilities.json"
    if not path.exists():
        return
    std = json.loads(path.read_text(encoding="utf-8"))["fields"]
    ours = [(n, t) for n, t, _f, _r in FIELDS]
    theirs = [(f["name"], f["type"]) for f in std]
    if ours != theirs:
        raise SystemExit(f"bench/tabular/generate.py: FIELDS differ from {path}; update them.\n"
                         f"ours:   {ours}\ntheirs: {theirs}")


def _facility_row(rng: random.Random, no: int) -> list[str]:
    """Return one plausible row of a 公共施設一覧 file."""
    pref, city, lgcode, city_kana, romaji, lat0, lon0, area = rng.choice(vocab.MUNICIPALITIES)
    town, town_kana = rng.choice(vocab.TOWNS)
    kind, kind_kana, poi, days, hours, alias = rng.choice(vocab.FACILITY_KINDS)
    r = rng.random()
    if r < 0.25 and kind in ("図書館", "体育館", "公民館", "郷土資料館"):
        name, kana = f"{city}立{town}{kind}", f"{city_kana}リツ{town_kana}{kind_kana}"
    elif r < 0.5 and kind in ("公園",):
        n = rng.randint(1, 5)
        name = f"{town}第{n}{kind}"
        kana = f"{town_kana}ダイ{('イチ', 'ニ', 'サン', 'ヨン', 'ゴ')[n - 1]}{kind_kana}"
    else:
        name, kana = f"{town}{kind}", f"{town_kana}{kind_kana}"
    chome, ban, go = rng.randint(1, 9), rng.randint(1, 30), rng.randint(1, 25)
    a = rng.random()
    if a < 0.5:
        street = f"{town}{chome}丁目{ban}番{go}号"
    elif a < 0.8:
        street = f"{town}{chome}-{ban}-{go}"
    elif a < 0.9:
        street = f"{town}{chome}-{ban}-{go}".translate(_FULLWIDTH)  # as typed in Excel
    else:
        street = f"{town}{rng.randint(100, 3999)}番地"
    address = f"{pref}{city}{street}"
    annex = rng.choice(vocab.BUILDINGS).format(n=rng.randint(1, 5), town=town) \
        if rng.random() < 0.1 else ""
    if rng.random() < 0.05:
        lat = lon = ""
    else:
        lat = f"{lat0 + rng.gauss(0, 0.03):.6f}"
        lon = f"{lon0 + rng.gauss(0, 0.03):.6f}"
        if rng.random() < 0.02:
            lat = repr(float(lat) + 1e-14)  # float noise as Excel exports it: 34.08737279999999
    local = 10 - len(area)
    mid = 4 if local == 8 else (3 if local == 7 else 2)
    digits = f"{rng.randrange(10 ** local):0{local}d}"
    phone = f"{area}-{digits[:mid]}-{digits[mid:]}"
    extension = str(rng.randint(100, 499)) if rng.random() < 0.05 else ""
    if rng.random() < 0.75:
        base = "000020" + lgcode
        corp, body = houjin.check_digit(base) + base, city
    else:
        manager = rng.choice(vocab.MANAGERS).format(city=city)
        base = f"{rng.randrange(10 ** 12):012d}"
        corp, body = houjin.check_digit(base) + base, manager
    start, end = rng.choice(hours)
    day = rng.choice(days)
    note = rng.choice(vocab.SPECIAL_NOTES) if start and rng.random() < 0.3 else ""
    desc = rng.choice(vocab.DESCRIPTIONS).format(city=city, kind=kind, town=town)
    barrier = ";".join(rng.sample(vocab.BARRIER_FREE, rng.randint(0, 3)))
    url = f"https://www.city.{romaji}.lg.jp/shisetsu/{poi}/{no:07d}.html"
    remark = rng.choice(vocab.REMARKS).format(n=rng.randint(10, 200))
    return [
        lgcode, f"{no:010d}", pref, city, name, kana,
        f"{town}{alias}" if alias and rng.random() < 0.2 else "",
        poi, address, annex, lat, lon, phone, extension, corp, body, day, start, end, note,
        desc, barrier, url, remark,
    ]  # fmt: skip


def _bad_positions(rows: int, seed: int) -> dict[int, list[int]]:
    """Choose exactly 1 % of the typed cells (row → column indices), deterministically."""
    total = rows * len(TYPED)
    count = round(total * BAD_FRACTION)
    picked = random.Random(seed + 1).sample(range(total), count)
    out: dict[int, list[int]] = {}
    for p in sorted(picked):
        out.setdefault(p // len(TYPED), []).append(TYPED[p % len(TYPED)])
    return out


def _manifest(rows: int, seed: int) -> dict:
    """Return what identifies one generated size (to decide whether the cache is current)."""
    return {"rows": rows, "seed": seed, "generator_version": GENERATOR_VERSION}


def files_for(rows: int, *, cache_dir: Path, seed: int) -> GeneratedFiles:
    """Return the paths a generated size has (or will have) in the cache directory."""
    d = cache_dir / f"public_facility_{rows}_s{seed}"
    stem = f"public_facility_{rows}"
    return GeneratedFiles(rows=rows, directory=d, utf8=d / f"{stem}_utf8.csv",
                          cp932=d / f"{stem}_cp932.csv", bad=d / f"{stem}_bad.csv",
                          bad_sidecar=d / f"{stem}_bad.json", schema=d / "schema.json")


def ensure_files(rows: int, *, cache_dir: Path = DEFAULT_CACHE, seed: int = 20261123,
                 force: bool = False, log=print) -> GeneratedFiles:
    """Generate the files of one size unless the cache already holds them; return their paths."""
    check_against_standard()
    files = files_for(rows, cache_dir=cache_dir, seed=seed)
    manifest_path = files.directory / "manifest.json"
    if not force and manifest_path.exists():
        try:
            current = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            current = None
        paths = (files.utf8, files.cp932, files.bad, files.bad_sidecar, files.schema)
        if current == _manifest(rows, seed) and all(p.exists() for p in paths):
            log(f"generate: reusing {files.directory}")
            return files
    files.directory.mkdir(parents=True, exist_ok=True)
    manifest_path.unlink(missing_ok=True)  # written last: a partial directory is never reused
    log(f"generate: {rows:,} rows → {files.directory} …")
    _write(files, rows=rows, seed=seed)
    files.schema.write_text(json.dumps(table_schema(), ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
    manifest_path.write_text(json.dumps(_manifest(rows, seed)) + "\n", encoding="utf-8")
    return files


def _write(files: GeneratedFiles, *, rows: int, seed: int) -> None:
    """Write the UTF-8, CP932 and bad-cell files in one pass, and the sidecar."""
    rng = random.Random(seed)
    bad_rng = random.Random(seed + 2)
    bad_at = _bad_positions(rows, seed)
    per_column = {HEADERS[i]: 0 for i in TYPED}
    per_value: dict[str, int] = {}
    examples: list[dict] = []
    tmp = [p.with_name(p.name + ".part") for p in (files.utf8, files.cp932, files.bad)]
    with (open(tmp[0], "wb") as f8, open(tmp[1], "wb") as fsj, open(tmp[2], "wb") as fbad):
        header = io.StringIO()
        csv.writer(header).writerow(HEADERS)
        for f, enc in ((f8, "utf-8"), (fsj, "cp932"), (fbad, "utf-8")):
            f.write(header.getvalue().encode(enc))
        for start in range(0, rows, BATCH):
            good, bad = io.StringIO(), io.StringIO()
            wg, wb = csv.writer(good), csv.writer(bad)
            for i in range(start, min(rows, start + BATCH)):
                row = _facility_row(rng, i + 1)
                wg.writerow(row)
                cols = bad_at.get(i)
                if cols:
                    row = list(row)
                    for c in cols:
                        pool = vocab.BAD_NUMBERS if FIELDS[c][1] == "number" else vocab.BAD_TIMES
                        value = bad_rng.choice(pool)
                        row[c] = value
                        per_column[HEADERS[c]] += 1
                        per_value[value] = per_value.get(value, 0) + 1
                        if len(examples) < 20:
                            # +2: the header is line 1 and rows count from 1.
                            examples.append({"row": i + 2, "column": HEADERS[c], "value": value})
                wb.writerow(row)
            text = good.getvalue()
            f8.write(text.encode("utf-8"))
            fsj.write(text.encode("cp932"))  # strict: the vocabulary must stay CP932-safe
            fbad.write(bad.getvalue().encode("utf-8"))
    for part, final in zip(tmp, (files.utf8, files.cp932, files.bad), strict=True):
        os.replace(part, final)
    bad_cells = sum(per_column.values())
    sidecar = {
        "file": files.bad.name,
        "rows": rows,
        "typed_columns": [HEADERS[i] for i in TYPED],
        "typed_cells": rows * len(TYPED),
        "bad_fraction_of_typed_cells": BAD_FRACTION,
        "bad_cells": bad_cells,
        "bad_rows": len(bad_at),
        "bad_cells_by_column": per_column,
        "bad_values": dict(sorted(per_value.items())),
        "first_examples": examples,
        "seed": seed,
        "note": "Every bad cell is one frictionless type-error against schema.json; the rest of "
                "the file is valid against it. Row numbers are 1-based lines, header = 1.",
    }
    files.bad_sidecar.write_text(json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")


def main() -> None:
    """Command line: generate (or reuse) the files of the given sizes."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, action="append",
                   help="rows per file (repeatable; default 100000 and 1000000)")
    p.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--force", action="store_true", help="regenerate even when cached")
    args = p.parse_args()
    for n in args.rows or [100_000, 1_000_000]:
        f = ensure_files(n, cache_dir=args.cache_dir, seed=args.seed, force=args.force)
        print(f"{f.utf8}\n{f.cp932}\n{f.bad} ({f.expected_bad_cells():,} bad cells)\n{f.schema}")


if __name__ == "__main__":
    main()
