"""Generalisation hierarchies: built-in Japanese ones and ARX-format CSV or inline lists."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from jp.wareki import era_for, parse_wareki
from privacy.anonymise.address import parse_address
from privacy.anonymise.config import AnonymisationError

TOP = "*"
UNKNOWN = "(不明)"
_DIGITS = re.compile(r"\D")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


@dataclass
class Encoded:
    """One quasi-identifier encoded for the search: integer codes per level and their labels."""

    name: str
    codes: pa.Array  # int32, level-0 code of each row
    labels: list[list[str | None]]  # labels[level][code]
    parents: list[pa.Array]  # parents[level][code at level] → code at level + 1
    leaves: list[pa.Array]  # leaves[level][code] = how many level-0 values it covers (float64)
    rare_rows: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)  # (ja, en)

    def codes_at(self, level: int) -> pa.Array:
        """Codes of every row at a level (level 0 codes mapped up through the parents)."""
        codes = self.codes
        for lv in range(level):
            codes = pc.take(self.parents[lv], codes)
        return codes

    @property
    def height(self) -> int:
        """Number of levels, level 0 (the data as is) included."""
        return len(self.labels)


def _age_rows(value: str) -> tuple[list[str], bool]:
    """Age → exact, 5-year, 10-year, 10-year top-coded at 90, * (ages ≥ 100 always top-coded)."""
    text = unicodedata.normalize("NFKC", value).strip().removesuffix("歳")
    try:
        age = int(float(text))
    except ValueError:
        return [value, value, value, value, TOP], False
    if age >= 100:
        return ["100歳以上", "100歳以上", "100歳以上", "90歳以上", TOP], True
    five = f"{age // 5 * 5}〜{age // 5 * 5 + 4}歳"
    ten = f"{age // 10 * 10}〜{age // 10 * 10 + 9}歳"
    return [str(age), five, ten, "90歳以上" if age >= 90 else ten, TOP], False


def _postal_rows(value: str) -> tuple[list[str], bool]:
    """Postal code → 7 digits (NNN-NNNN), 3 digits, *."""
    digits = _DIGITS.sub("", unicodedata.normalize("NFKC", value))
    if len(digits) != 7:
        return [value, value, TOP], False
    return [f"{digits[:3]}-{digits[3:]}", digits[:3], TOP], False


def _address_rows(value: str) -> tuple[list[str], bool]:
    """Address → 町丁目 (as written), 市区町村, 都道府県, *."""
    parsed = parse_address(value)
    pref = parsed.prefecture or UNKNOWN
    muni = f"{pref}{parsed.municipality}" if parsed.municipality else f"{pref}{UNKNOWN}"
    return [unicodedata.normalize("NFKC", value).strip(), muni, pref, TOP], False


def _fiscal_label(year: int) -> str:
    """和暦 label of the 年度 starting in April of `year` (令和元年度 for 2019)."""
    # The era in force on 1 May names the 年度: 令和元年度 (2019, era from 1 May) and
    # 昭和63年度 (1988, although 平成 began in January 1989) as written in official use.
    era = era_for(date(year, 5, 1))
    n = year - era.start.year + 1
    return f"{era.name}{'元' if n == 1 else n}年度"


def _month_label(year: int, month: int) -> str:
    """和暦 label of a month (令和6年5月)."""
    era = era_for(date(year, month, 1))
    n = year - era.start.year + 1
    return f"{era.name}{'元' if n == 1 else n}年{month}月"


def _year_label(year: int) -> str:
    """和暦 label of a calendar year, with both eras in a year of change (2019)."""
    names = []
    for d in (date(year, 1, 1), date(year, 12, 31)):
        era = era_for(d)
        n = year - era.start.year + 1
        label = f"{era.name}{'元' if n == 1 else n}年"
        if label not in names:
            names.append(label)
    return f"{year}年（{'・'.join(names)}）"


def _parse_date(value: str) -> date | None:
    """A day written in ISO form (2024-05-01, 2024/5/1) or in 和暦 (令和6年5月1日), else None."""
    text = unicodedata.normalize("NFKC", value).strip()
    m = _ISO_DATE.match(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        parsed = parse_wareki(text)
        if parsed is None or parsed.precision != "day":
            return None
        return date.fromisoformat(parsed.iso)
    except ValueError:
        return None


def _date_rows(value: str) -> tuple[list[str], bool]:
    """Date → day, month (和暦), 年度 (和暦, April–March), *."""
    d = _parse_date(value)
    try:
        if d is None:
            return [value, value, value, TOP], False
        month = _month_label(d.year, d.month)
        fiscal = _fiscal_label(d.year if d.month >= 4 else d.year - 1)
    except ValueError:
        return [value, value, value, TOP], False
    return [d.isoformat(), month, fiscal, TOP], False


def _date_year_rows(value: str) -> tuple[list[str], bool]:
    """Date → day, month (和暦), calendar year (西暦 and 和暦), *.

    A 年度 (April–March) straddles two calendar years, so it cannot sit under a year nor a
    year under it in one tree: ``date`` generalises through 年度, ``date_year`` through 年.
    """
    d = _parse_date(value)
    try:
        if d is None:
            return [value, value, value, TOP], False
        return [d.isoformat(), _month_label(d.year, d.month), _year_label(d.year), TOP], False
    except ValueError:
        return [value, value, value, TOP], False


_BUILTIN = {"age": _age_rows, "postal_code": _postal_rows, "address": _address_rows,
            "date": _date_rows, "date_year": _date_year_rows}


def _table_rows(rows: list[list[str]], name: str) -> dict[str, list[str]]:
    """Index an ARX-style hierarchy (one row per value, level 0 first) by its level-0 value."""
    height = len(rows[0])
    mapping: dict[str, list[str]] = {}
    for row in rows:
        if len(row) != height:
            raise AnonymisationError(
                "bad-hierarchy",
                f"列「{name}」の階層の行の長さがそろっていません: {row!r}",
                f"column {name!r}: hierarchy rows differ in length: {row!r}",
            )
        mapping[row[0]] = row
    return mapping


def load_csv_hierarchy(path: Path) -> list[list[str]]:
    """Read an ARX hierarchy file: semicolon-separated, one row per value, level 0 first."""
    text = path.read_text(encoding="utf-8-sig")
    return [r for r in csv.reader(text.splitlines(), delimiter=";") if r]


def _rows_for(name: str, spec: str | list[list[str]], base_dir: Path | None):
    """Return a function value → (labels per level, is_rare) for a hierarchy spec."""
    if isinstance(spec, str) and spec in _BUILTIN:
        return _BUILTIN[spec]
    if isinstance(spec, str) and spec.startswith("csv:"):
        path = Path(spec[4:])
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        if not path.is_file():
            raise AnonymisationError(
                "bad-hierarchy",
                f"列「{name}」の階層ファイルが見つかりません: {path}",
                f"column {name!r}: hierarchy file not found: {path}",
            )
        spec = load_csv_hierarchy(path)
    if isinstance(spec, str):
        raise AnonymisationError(
            "bad-hierarchy",
            f"列「{name}」の階層「{spec}」は知りません",
            f"column {name!r}: unknown hierarchy {spec!r}",
        )
    table = _table_rows(spec, name)

    def lookup(value: str) -> tuple[list[str], bool]:
        """Find a value in the user's hierarchy, refusing values it does not list."""
        row = table.get(value) or table.get(value.strip())
        if row is None:
            raise AnonymisationError(
                "value-not-in-hierarchy",
                f"列「{name}」の値「{value}」が階層にありません",
                f"column {name!r}: value {value!r} is not in its hierarchy",
            )
        return row, False

    return lookup


def encode(column: pa.ChunkedArray | pa.Array, *, name: str, spec, base_dir=None) -> Encoded:
    """Encode a column as integer codes per hierarchy level (labels computed per distinct value)."""
    rows_of = _rows_for(name, spec, base_dir)
    text = column.cast(pa.string()) if column.type != pa.string() else column
    dictionary = pc.dictionary_encode(text, null_encoding="encode")
    if isinstance(dictionary, pa.ChunkedArray):
        dictionary = dictionary.combine_chunks()
    values = dictionary.dictionary.to_pylist()
    per_value: list[list[str | None]] = []
    rare_values = set()
    for i, v in enumerate(values):
        if v is None:
            per_value.append([])
            continue
        labels, rare = rows_of(v)
        per_value.append(list(labels))
        if rare:
            rare_values.add(i)
    height = max((len(r) for r in per_value), default=1)
    per_value = [r if r else [None] * (height - 1) + [TOP] for r in per_value]
    if height < 1 or any(len(r) != height for r in per_value):
        raise AnonymisationError("bad-hierarchy", f"列「{name}」の階層の高さが不揃いです",
                                 f"column {name!r}: hierarchy levels are uneven")
    # Codes per level: map each distinct value to an integer per level.
    level_of_value: list[list[int]] = []
    labels: list[list[str | None]] = []
    for lv in range(height):
        seen: dict[str | None, int] = {}
        level_of_value.append([seen.setdefault(r[lv], len(seen)) for r in per_value])
        labels.append(list(seen))
    parents: list[pa.Array] = []
    for lv in range(height - 1):
        parent = [-1] * len(labels[lv])
        for child, up in zip(level_of_value[lv], level_of_value[lv + 1], strict=True):
            if parent[child] not in (-1, up):
                raise AnonymisationError(
                    "bad-hierarchy",
                    f"列「{name}」の階層は木になっていません（{labels[lv][child]}）",
                    f"column {name!r}: hierarchy is not a tree at {labels[lv][child]!r}",
                )
            parent[child] = up
        parents.append(pa.array(parent, pa.int32()))
    leaves = []
    for lv in range(height):
        count = [0.0] * len(labels[lv])
        for code in level_of_value[lv]:
            count[code] += 1
        leaves.append(pa.array(count, pa.float64()))
    codes = pc.take(pa.array(level_of_value[0], pa.int32()), dictionary.indices)
    rare_rows = 0
    if rare_values:
        rare_mask = pc.is_in(dictionary.indices, pa.array(sorted(rare_values), pa.int32()))
        rare_rows = pc.sum(rare_mask).as_py() or 0
    return Encoded(name=name, codes=codes, labels=labels, parents=parents, leaves=leaves,
                   rare_rows=rare_rows)
