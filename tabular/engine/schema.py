"""Field specifications of a table: from a matched standard, or inferred from headers and values.

A ``FieldSpec`` says how one column is normalised and checked. ``index`` is the 0-based
column of the ``Table``; a spec with ``index=None`` is a field the standard (or a user's Table
Schema) declares but the table lacks — validation reports it as ``missing-label``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pyarrow as pa

from jp import values as jv
from standards.matching import Match, normalise_label
from standards.registry import StandardField, get_standard
from tabular.engine import compute as pc
from tabular.engine.types import Table

__all__ = [
    "FIELD_TYPES",
    "FieldSpec",
    "FieldType",
    "infer_schema",
    "schema_from_standard",
    "unique_names",
]

FieldType = Literal[
    "string", "integer", "number", "date", "time", "datetime", "boolean",
    "code", "phone", "postal", "latitude", "longitude", "latlon",
]  # fmt: skip
FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]

Origin = Literal["standard", "schema", "inferred", "extra"]

#: Share of non-empty cells that must parse before a column gets a typed type.
INFER_SHARE = 0.98
#: Rows looked at when inferring (evenly spaced over the table).
INFER_SAMPLE = 10_000


@dataclass
class FieldSpec:
    """How one column is normalised and validated."""

    index: int | None  # 0-based column in Table.headers; None = declared but absent
    header: str  # the header exactly as written ("" when blank)
    name: str  # unique column name in the typed output
    type: str = "string"  # one of FIELD_TYPES
    required: bool = False
    unique: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    minimum: float | int | str | None = None
    maximum: float | int | str | None = None
    min_length: int | None = None
    max_length: int | None = None
    standard_field: str | None = None  # name of the standard's field this column holds
    format: str = ""  # Table Schema format: "", "default", "uri", "email", "%H:%M" …
    check: str | None = None  # "lgcode" | "houjin": check-digit validation
    strict: bool = False  # Table Schema semantics: accept what frictionless accepts
    missing_values: tuple[str, ...] = ("",)
    true_values: tuple[str, ...] = ("true", "True", "TRUE", "1")
    false_values: tuple[str, ...] = ("false", "False", "FALSE", "0")
    origin: Origin = "inferred"


def unique_names(headers: list[str], *, taken: set[str] | None = None) -> list[str]:
    """Return a unique column name per header: blank → 列{n}, repeats get _2, _3 …"""
    used = set(taken or ())
    names: list[str] = []
    for n, header in enumerate(headers, start=1):
        base = header.strip() if header and header.strip() else f"列{n}"
        name, k = base, 1
        while name in used:
            k += 1
            name = f"{base}_{k}"
        used.add(name)
        names.append(name)
    return names


# --- type hints from header names -----------------------------------------------------------

_LGCODE_NAMES = frozenset(
    normalise_label(n)
    for n in (
        "全国地方公共団体コード",
        "所在地_全国地方公共団体コード",
        "都道府県コード又は市区町村コード",
        "市区町村コード",
        "団体コード",
        "地方公共団体コード",
    )
)
_HOUJIN_NAMES = frozenset({normalise_label("法人番号")})
_PHONE_RE = re.compile(r"(電話番号|FAX番号|FAX|TEL|電話)$")
_POSTAL_RE = re.compile(r"(郵便番号|〒|POSTALCODE|ZIPCODE)$")
_LATLON_RE = re.compile(r"^(緯度経度|経緯度|座標|位置|位置情報|LOCATION|LATLON|LATLNG)$")
_LAT_RE = re.compile(r"(緯度|^LATITUDE$|^LAT$)")
_LON_RE = re.compile(r"(経度|^LONGITUDE$|^LON$|^LNG$)")
# Patterns apply to normalise_label() output, where ー has become "-" (コード → コ-ド).
_CODE_RE = re.compile(r"(コ-ド|ID|^NO$|番号)$")
_DATE_RE = re.compile(r"(年月日|日付|開始日|終了日|登録日|更新日|指定日|^DATE$)$")
_TIME_RE = re.compile(r"(時間|時刻|^TIME$)$")
_NUMBER_NAMES = frozenset({normalise_label(n) for n in ("標高", "高度の値")})


def hinted_type(header: str) -> tuple[str | None, str | None]:
    """Return (type, check) suggested by a header name alone, or (None, None)."""
    key = normalise_label(header)
    if not key:
        return None, None
    if key in _LGCODE_NAMES:
        return "code", "lgcode"
    if key in _HOUJIN_NAMES:
        return "code", "houjin"
    if _LATLON_RE.search(key):
        return "latlon", None
    if _LAT_RE.search(key) and not _LON_RE.search(key):
        return "latitude", None
    if _LON_RE.search(key) and not _LAT_RE.search(key):
        return "longitude", None
    if _PHONE_RE.search(key):
        return "phone", None
    if _POSTAL_RE.search(key):
        return "postal", None
    if key.endswith("内線番号"):
        return None, None  # "2442・2421": several extensions, free text
    if _CODE_RE.search(key):
        return "code", None
    if _DATE_RE.search(key):
        return "date", None
    if _TIME_RE.search(key):
        return "time", None
    if key in _NUMBER_NAMES:
        return "number", None
    return None, None


# --- value sampling -------------------------------------------------------------------------


def _sample(column: pa.ChunkedArray | pa.Array) -> tuple[list[str], list[int]]:
    """Return the distinct non-empty trimmed values of an evenly spaced sample, with counts."""
    n = len(column)
    if n > INFER_SAMPLE:
        step = n / INFER_SAMPLE
        column = pc.take(column, pa.array([int(i * step) for i in range(INFER_SAMPLE)]))
    trimmed = pc.utf8_trim_whitespace(column)
    trimmed = pc.filter(trimmed, pc.fill_null(pc.not_equal(trimmed, ""), False))
    if len(trimmed) == 0:
        return [], []
    vc = pc.value_counts(trimmed)
    return vc.field("values").to_pylist(), vc.field("counts").to_pylist()


def _share(values: list[str], counts: list[int], ok: Callable[[str], bool]) -> float:
    """Return the share of sampled cells (weighted by count) for which ``ok`` holds."""
    total = sum(counts)
    if not total:
        return 0.0
    return sum(c for v, c in zip(values, counts, strict=True) if ok(v)) / total


def _is_integer(v: str) -> bool:
    """True for an integer without a leading zero (a leading zero marks a code)."""
    digits = v.lstrip("+-")
    if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
        return False
    return jv.parse_integer(v) is not None and len(digits) <= 15


def _is_day(v: str) -> bool:
    """True for a date at day precision."""
    parsed = jv.parse_date(v)
    return parsed is not None and parsed.precision == "day"


_VALUE_CHECKS: dict[str, Callable[[str], bool]] = {
    "integer": _is_integer,
    "number": lambda v: jv.parse_number(v) is not None,
    "date": _is_day,
    "time": lambda v: jv.parse_time(v) is not None,
    "latitude": lambda v: jv.parse_coordinate(v, axis="lat") is not None,
    "longitude": lambda v: jv.parse_coordinate(v, axis="lon") is not None,
    "latlon": lambda v: jv.split_lat_lon(v) is not None,
    "phone": lambda v: jv.normalise_phone(v) is not None,
    "postal": lambda v: jv.normalise_postal(v) is not None,
}


def _type_from_values(values: list[str], counts: list[int]) -> str:
    """Return the narrowest type that ≥ INFER_SHARE of the sampled cells have, else string."""
    if not values:
        return "string"
    for candidate in ("integer", "number", "date", "time"):
        if _share(values, counts, _VALUE_CHECKS[candidate]) >= INFER_SHARE:
            return candidate
    if _share(values, counts, _VALUE_CHECKS["latlon"]) >= INFER_SHARE:
        return "latlon"
    return "string"


def infer_field(table: Table, index: int, *, name: str, origin: Origin = "inferred") -> FieldSpec:
    """Infer one column's spec from its header name, confirmed by its values."""
    header = table.headers[index]
    hinted, check = hinted_type(header)
    spec = FieldSpec(index=index, header=header, name=name, origin=origin)
    if hinted == "code":
        spec.type, spec.check = "code", check
        return spec
    values, counts = _sample(table.data.column(index))
    if hinted is not None and values:
        if _share(values, counts, _VALUE_CHECKS[hinted]) >= INFER_SHARE:
            spec.type = hinted
            return spec
    spec.type = _type_from_values(values, counts)
    return spec


def infer_schema(table: Table) -> list[FieldSpec]:
    """Return a spec per column inferred from header names and values (no standard)."""
    names = unique_names(table.headers)
    return [infer_field(table, i, name=names[i]) for i in range(len(table.headers))]


# --- specs from a standard ------------------------------------------------------------------

_PLAIN_TYPES = {"integer", "number", "date", "time", "datetime", "boolean"}
_UNIQUE_NAMES = frozenset({"ID", "NO"})


def spec_from_standard_field(
    f: StandardField, *, index: int | None, header: str, name: str
) -> FieldSpec:
    """Translate one standard field into a FieldSpec (types refined by the field's name)."""
    hinted, check = hinted_type(f.name)
    if hinted in {"latitude", "longitude", "phone", "postal", "code"}:
        kind = hinted
    elif f.type in _PLAIN_TYPES:
        kind = f.type
    elif hinted == "number":
        kind = "number"
    else:
        kind = "string"
    key = normalise_label(f.name)
    return FieldSpec(
        index=index,
        header=header,
        name=name,
        type=kind,
        required=f.required,
        unique=key in _UNIQUE_NAMES,
        # A check digit rule supersedes the 6-digit pattern (one issue per bad code).
        pattern=None if check else f.pattern,
        enum=f.enum,
        standard_field=f.name,
        format=f.format if kind == "string" else "",
        check=check,
        origin="standard",
    )


def schema_from_standard(match: Match, table: Table) -> list[FieldSpec]:
    """Return specs for every column (standard fields typed by the standard, others inferred)
    followed by one spec per layout field the table lacks (``index=None``)."""
    std = get_standard(match.standard)
    fields = {f.name: f for f in std.layouts[match.layout]} if std else {}
    names = unique_names(table.headers)
    specs: list[FieldSpec] = []
    for i, header in enumerate(table.headers):
        field_name = match.matched_fields.get(i)
        if field_name is not None and field_name in fields:
            specs.append(
                spec_from_standard_field(fields[field_name], index=i, header=header, name=names[i])
            )
        else:
            specs.append(infer_field(table, i, name=names[i], origin="extra"))
    taken = set(names)
    missing = [fields[n] for n in match.missing_fields if n in fields]
    for f, name in zip(missing, unique_names([f.name for f in missing], taken=taken), strict=True):
        specs.append(spec_from_standard_field(f, index=None, header=f.name, name=name))
    return specs
