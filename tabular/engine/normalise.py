"""Vectorised normalisation of one column to its FieldSpec type (pure, no Django).

Cells already in canonical form take a fast path in pyarrow.compute (one cast or one RE2
match per column); only the other cells go through the jp normalisers, once per UNIQUE
value, and the results are spread back with ``index_in`` + ``take``. Nothing loops over
cells in Python.

``convert_column`` returns the output column — typed (int64, float64, date32, bool,
timestamp) only when every non-empty cell converted, otherwise text holding the normalised
value where a cell converted and the original text where it did not — plus per-cell masks
(empty, failed) and counts of what was rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any, Literal

import pyarrow as pa

from jp import values as jv
from tabular.engine import compute as pc
from tabular.engine.arrays import Column, replace_where
from tabular.engine.schema import FieldSpec

__all__ = ["JAPAN_BOUNDS", "Converted", "convert_column"]

#: Latitude and longitude bounds of Japan with a margin (沖ノ鳥島 20.4°N … 択捉島 45.6°N,
#: 与那国島 122.9°E … 南鳥島 154.0°E); a coordinate outside them is a warning, not an error.
JAPAN_BOUNDS = {"latitude": (20.0, 46.0), "longitude": (122.0, 154.0)}

OK, TEXT_ONLY, BAD, EMPTY = 0, 1, 2, 3  # outcome of one cell

# Canonical forms (ASCII; RE2 syntax). Each accepts only text its jp normaliser (and, for the
# plain types, frictionless) returns unchanged, so fast cells need no further check.
_CANONICAL = {
    "integer": r"^-?[0-9]{1,18}$",
    "number": r"^-?[0-9]{1,15}(?:\.[0-9]{1,15})?$",
    "latitude": r"^-?[0-9]{1,3}(?:\.[0-9]{1,15})?$",
    "longitude": r"^-?[0-9]{1,3}(?:\.[0-9]{1,15})?$",
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "time": r"^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?$",
    "postal": r"^[0-9]{3}-[0-9]{4}$",
    "phone": (
        r"^(?:0[1-9][0-9]{8}|0[1-9]-[0-9]{4}-[0-9]{4}|0[1-9][0-9]-[0-9]{3}-[0-9]{4}"
        r"|0[1-9][0-9]{2}-[0-9]{2}-[0-9]{4}|0[1-9][0-9]{3}-[0-9]-[0-9]{4}"
        r"|0[25-9]0-[0-9]{4}-[0-9]{4}|0[25-9]0[0-9]{8})$"
    ),
}
_ARROW_TYPES = {
    "integer": pa.int64(),
    "number": pa.float64(),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "date": pa.date32(),
    "datetime": pa.timestamp("s"),
    "boolean": pa.bool_(),
}
_URI = r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$"
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_EXPONENT_RE = re.compile(r"[1-9](?:\.[0-9]+)?[eE]\+?[0-9]{1,3}")

Outcome = tuple[int, Any, str, str]  # (status, typed value, normalised text, category)


@dataclass
class Converted:
    """One column after normalisation, with per-cell findings (boolean arrays, no nulls).
    The arrays are chunked when the input column was."""

    values: Column
    typed: bool
    missing: Column  # the cell is empty (null, a missing value or only spaces)
    bad: Column | None  # a non-empty cell that does not convert (type-error)
    counts: dict[str, int] = field(default_factory=dict)  # wareki/fullwidth/value → cells
    example: str = ""  # one "before → after" value normalisation
    masks: dict[str, Column] = field(default_factory=dict)  # excel-exponent, out-of-range …
    derived: list[tuple[str, Column]] = field(default_factory=list)  # latlon: role → floats


# --- per-value outcomes ---------------------------------------------------------------------


def _category(raw: str, text: str, *, wareki: bool = False) -> str:
    """Say how a converted cell changed: wareki, fullwidth, value, or "" (only trimmed)."""
    if wareki:
        return "wareki"
    stripped = raw.strip()
    if text == stripped:
        return ""
    if not stripped.isascii() and jv.to_halfwidth(stripped) == text:
        return "fullwidth"
    return "value"


def _integer(s: str) -> Outcome:
    """Read an integer the Japanese-aware way ("1,234", "１２", "12.00")."""
    v = jv.parse_integer(s)
    if v is None:
        return (BAD, None, s, "")
    status = OK if -(2**63) <= v < 2**63 else TEXT_ONLY
    return (status, v, str(v), _category(s, str(v)))


def _number(s: str) -> Outcome:
    """Read a number the Japanese-aware way ("32,500 ", "▲123")."""
    v = jv.parse_number(s)
    return (BAD, None, s, "") if v is None else (OK, float(v), str(v), _number_category(s))


def _date(s: str) -> Outcome:
    """Read a 西暦 or 和暦 date; month or year precision stays text."""
    p = jv.parse_date(s)
    if p is None:
        return (BAD, None, s, "")
    cat = _category(s, p.iso, wareki=p.wareki)
    if p.precision != "day":
        return (TEXT_ONLY, None, p.iso, cat)
    return (OK, datetime.fromisoformat(p.iso).date(), p.iso, cat)


def _coordinate(s: str, *, axis: Literal["lat", "lon"]) -> Outcome:
    """Read a latitude or longitude (decimal or 度分秒)."""
    v = jv.parse_coordinate(s, axis=axis)
    return (BAD, None, s, "") if v is None else (OK, v, repr(v), _number_category(s))


def _text(s: str, *, fn: Callable[[str], str | None]) -> Outcome:
    """Apply a text normaliser that returns None on failure (time, phone, postal, code)."""
    t = fn(s)
    return (BAD, None, s, "") if t is None else (OK, t, t, _category(s, t))


def _latlon(s: str) -> Outcome:
    """Read a cell holding latitude and longitude."""
    pair = jv.split_lat_lon(s)
    return (BAD, None, s, "") if pair is None else (OK, pair, s.strip(), "")


def _lenient(kind: str) -> Callable[[str], Outcome]:
    """Return the lenient (Japanese-aware) outcome function of a type."""
    table: dict[str, Callable[[str], Outcome]] = {
        "integer": _integer,
        "number": _number,
        "date": _date,
        "time": partial(_text, fn=jv.parse_time),
        "latitude": partial(_coordinate, axis="lat"),
        "longitude": partial(_coordinate, axis="lon"),
        "phone": partial(_text, fn=jv.normalise_phone),
        "postal": partial(_text, fn=jv.normalise_postal),
        "code": partial(_text, fn=jv.normalise_code),
        "latlon": _latlon,
        "datetime": _datetime,
    }
    return table[kind]


def _plain_number(t: str) -> bool:
    """True if Python reads ``t`` as a finite float (a formatting variant, not a rewrite)."""
    try:
        return t.isascii() and float(t) - float(t) == 0.0
    except ValueError:
        return False


def _number_category(s: str) -> str:
    """Say how a number cell changed: fullwidth, value ("32,500", "12人") or "" (as read)."""
    t = s.strip()
    if t.isascii():
        return "" if _plain_number(t) else "value"
    return "fullwidth" if _plain_number(jv.to_halfwidth(t)) else "value"


def _datetime(s: str) -> Outcome:
    """Read "YYYY-MM-DD[T ]HH:MM[:SS]" (half width after normalisation) as a timestamp."""
    t = jv.to_halfwidth(s).replace("/", "-")
    try:
        v = datetime.fromisoformat(t)
    except ValueError:
        return (BAD, None, s, "")
    v = v.replace(tzinfo=None)
    text = v.isoformat()
    return (OK, v, text, _category(s, text))


def _strict(spec: FieldSpec) -> Callable[[str], Outcome] | None:
    """Return the frictionless-equivalent outcome function for plain Table Schema types."""
    if spec.type == "integer":

        def integer(s: str) -> Outcome:
            """Read an integer as frictionless does (int() after strip)."""
            try:
                v = int(s.strip())
            except ValueError:
                return (BAD, None, s, "")
            status = OK if -(2**63) <= v < 2**63 else TEXT_ONLY
            return (status, v, str(v), "")

        return integer
    if spec.type == "number":

        def number(s: str) -> Outcome:
            """Read a number as frictionless does (Decimal() after strip)."""
            try:
                v = Decimal(s.strip())
            except (InvalidOperation, ValueError):
                return (BAD, None, s, "")
            return (OK, float(v), str(v), "")

        return number
    if spec.type == "date" and spec.format != "any":
        fmt = "%Y-%m-%d" if spec.format in ("", "default") else spec.format

        def date(s: str) -> Outcome:
            """Read a date as frictionless does (strptime with the format)."""
            try:
                v = datetime.strptime(s, fmt).date()  # noqa: DTZ007 (a date, no zone)
            except ValueError:
                return (BAD, None, s, "")
            return (OK, v, v.isoformat(), "")

        return date
    if spec.type == "boolean":
        return _boolean(spec)
    return None


def _boolean(spec: FieldSpec) -> Callable[[str], Outcome]:
    """Return the outcome function of a boolean field (its true and false values)."""
    mapping = {v: True for v in spec.true_values} | {v: False for v in spec.false_values}

    def read(s: str) -> Outcome:
        """Map a cell through the true/false values."""
        v = mapping.get(s if spec.strict else s.strip())
        return (BAD, None, s, "") if v is None else (OK, v, str(v).lower(), "")

    return read


# --- the column engine ----------------------------------------------------------------------


def _falses(n: int) -> pa.Array:
    """Return n False values."""
    return pc.fill_null(pa.nulls(n, pa.bool_()), False)


def _mask(values: Column) -> Column:
    """Return a boolean array with nulls read as False."""
    return values if values.null_count == 0 else pc.fill_null(values, False)


def _missing(col: Column, spec: FieldSpec) -> Column:
    """Return the cells that are empty before any conversion (null or a missing value)."""
    missing = pc.is_null(col)
    if col.null_count == len(col) or not spec.missing_values:
        return missing
    if spec.missing_values == ("",):
        if pc.min(pc.binary_length(col)).as_py() == 0:  # only then is there an "" cell
            missing = pc.or_kleene(missing, pc.equal(col, ""))
        return missing
    found = pc.is_in(col, value_set=pa.array(list(spec.missing_values), pa.string()))
    return pc.or_(missing, _mask(found))


def _trim(col: Column) -> tuple[Column, bool]:
    """Trim surrounding whitespace; also say whether any cell changed (byte totals differ)."""
    trimmed = pc.utf8_trim_whitespace(col)
    before = pc.sum(pc.binary_length(col)).as_py()
    after = pc.sum(pc.binary_length(trimmed)).as_py()
    return (trimmed, True) if before != after else (col, False)


def _null_where(values: Column, missing: Column) -> Column:
    """Return ``values`` with the missing cells null (cheap when they already are)."""
    if pc.sum(missing).as_py() == values.null_count:
        return values  # nulls are always missing, so the two sets are equal
    return pc.if_else(missing, pa.scalar(None, values.type), values)


def _fast(col: Column, spec: FieldSpec) -> tuple[Column | None, Column | None]:
    """Return (canonical-cell mask, their typed values) or (None, None) without a fast path."""
    kind = spec.type
    arrow_type = _ARROW_TYPES.get(kind)
    if arrow_type is not None and kind not in ("boolean", "datetime"):
        try:  # clean columns: one cast, no regex
            return pc.invert(pc.is_null(col)), pc.cast(col, arrow_type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    pattern = _CANONICAL.get(kind)
    if pattern is None:
        return None, None
    canonical = _mask(pc.match_substring_regex(col, pattern))
    if arrow_type is None:
        return canonical, col
    try:
        return canonical, pc.cast(pc.if_else(canonical, col, None), arrow_type)
    except pa.ArrowInvalid:  # 2021-02-30 looks canonical: let the slow path decide
        return _falses(len(col)), pa.nulls(len(col), arrow_type)


def _refine_floats(spec: FieldSpec, fast: Column, values: Column) -> Column:
    """Send NaN, ±inf and out-of-world coordinates back to the slow path (lenient only)."""
    if spec.strict or values.type != pa.float64():
        return fast
    suspicious = _mask(pc.invert(pc.is_finite(values)))
    if spec.type in JAPAN_BOUNDS:
        limit = 90.0 if spec.type == "latitude" else 180.0
        suspicious = pc.or_(suspicious, _mask(pc.greater(pc.abs(values), limit)))
    if not pc.any(suspicious).as_py():
        return fast
    return pc.and_(fast, pc.invert(suspicious))


@dataclass
class _Slow:
    """Outcomes of the non-canonical cells, one per cell in column order."""

    status: Column  # int8
    typed: list[Any]  # per unique value
    positions: Column  # per cell → index into the unique lists
    texts: Column  # per cell normalised (or original) text
    counts: dict[str, int]
    example: str
    outcomes: list[Outcome]


def _slow(sub: Column, fn: Callable[[str], Outcome], *, blank_is_empty: bool = True) -> _Slow:
    """Apply ``fn`` once per unique value of ``sub`` and spread the outcomes back.

    With ``blank_is_empty`` a cell of spaces only is empty; without (Table Schema) it is a
    value that must convert, as in frictionless.
    """
    vc = pc.value_counts(sub)
    uniq = vc.field("values")
    unique = uniq.to_pylist()
    counts = vc.field("counts").to_pylist()
    outcomes = [
        (EMPTY, None, "", "") if blank_is_empty and not u.strip() else fn(u) for u in unique
    ]
    positions = pc.index_in(sub, value_set=uniq)
    status = pc.take(pa.array([o[0] for o in outcomes], pa.int8()), positions)
    texts = pa.array([o[2] if o[0] != EMPTY else None for o in outcomes], pa.string())
    tally: dict[str, int] = {}
    example = ""
    for u, o, n in zip(unique, outcomes, counts, strict=True):
        if o[0] in (OK, TEXT_ONLY) and o[3]:
            tally[o[3]] = tally.get(o[3], 0) + n
            if o[3] == "value" and not example:
                example = f"{u.strip()} → {o[2]}"
    return _Slow(
        status=status,
        typed=[o[1] if o[0] == OK else None for o in outcomes],
        positions=positions,
        texts=pc.take(texts, positions),
        counts=tally,
        example=example,
        outcomes=outcomes,
    )


def _spread(base: Column, mask: Column, replacements: Column) -> Column:
    """Put ``replacements`` (one per True in ``mask``, in order) into ``base``."""
    if len(replacements) == 0:
        return base
    return replace_where(base, mask, replacements)


def _typed_array(kind: str, values: list[Any]) -> pa.Array:
    """Build the Arrow array of slow typed values (None for failures)."""
    arrow_type = _ARROW_TYPES.get(kind, pa.string())
    if kind == "latlon":
        arrow_type = pa.string()
        values = [None] * len(values)
    return pa.array(values, arrow_type)


def _outcome_function(spec: FieldSpec) -> Callable[[str], Outcome]:
    """Choose the strict (Table Schema) or lenient outcome function of a spec."""
    strict = _strict(spec) if spec.strict else None
    return strict or (_boolean(spec) if spec.type == "boolean" else _lenient(spec.type))


def _text_column(col: Column, spec: FieldSpec) -> Converted:
    """Trim text; check a uri/email format; spaces-only cells become empty."""
    missing = _missing(col, spec)
    trimmed, changed = _trim(col)
    if changed and not spec.strict:
        missing = pc.or_(missing, _mask(pc.equal(trimmed, "")))
    values = _null_where(trimmed, missing)
    if changed and spec.strict:  # " " is a value for frictionless, but holds no text
        values = _null_where(values, pc.or_(missing, _mask(pc.equal(values, ""))))
    bad = None
    fmt = {"uri": _URI, "email": _EMAIL}.get(spec.format)
    if fmt:
        check = pc.invert(pc.is_null(values))
        if spec.format == "uri":  # http(s) URLs need no regex: check only the others
            web = pc.or_(
                _mask(pc.starts_with(values, "https://")), _mask(pc.starts_with(values, "http://"))
            )
            check = pc.and_(check, pc.invert(web))
        bad = _falses(len(values))
        if pc.any(check).as_py():
            ok = _mask(pc.match_substring_regex(values, fmt))
            bad = pc.and_(check, pc.invert(ok))
    return Converted(values=values, typed=False, missing=missing, bad=bad)


def _code_column(col: Column, spec: FieldSpec) -> Converted:
    """Trim codes, turn full-width ones half width, and flag Excel exponent damage."""
    missing = _missing(col, spec)
    values, changed = _trim(col)
    if changed:
        missing = pc.or_(missing, _mask(pc.equal(values, "")))
    values = _null_where(values, missing)
    counts: dict[str, int] = {}
    wide = pc.and_(pc.invert(_mask(pc.string_is_ascii(values))), pc.invert(missing))
    if pc.any(wide).as_py():
        slow = _slow(pc.filter(values, wide), _lenient("code"))
        values = _spread(values, wide, slow.texts)
        counts = slow.counts
    masks = {}
    # "E" is rare in codes: find candidates with a plain substring search, then check them.
    maybe = pc.or_(_mask(pc.match_substring(values, "E")), _mask(pc.match_substring(values, "e")))
    if pc.any(maybe).as_py():
        exponent = _mask(pc.match_substring_regex(values, "^" + _EXPONENT_RE.pattern + "$"))
        masks["excel-exponent"] = pc.and_(maybe, exponent)
    return Converted(
        values=values, typed=False, missing=missing, bad=None, counts=counts, masks=masks
    )


def convert_column(col: Column, spec: FieldSpec) -> Converted:
    """Normalise one text column to ``spec.type``; see the module docstring. A chunked column
    gives chunked results (its text is never joined into one array)."""
    if spec.type == "string":
        return _text_column(col, spec)
    if spec.type == "code":
        return _code_column(col, spec)
    n = len(col)
    missing = _missing(col, spec)
    fast, fast_values = _fast(col, spec)
    if fast is None:
        fast, fast_values = _falses(n), pa.nulls(n, _ARROW_TYPES.get(spec.type, pa.string()))
    fast = _refine_floats(spec, fast, fast_values)
    fast = pc.and_(fast, pc.invert(missing))
    slow_mask = pc.and_(pc.invert(fast), pc.invert(missing))
    result_type = _ARROW_TYPES.get(spec.type, pa.string())
    typed_values = pc.if_else(fast, fast_values, pa.scalar(None, result_type))
    if not pc.any(slow_mask).as_py():
        out = Converted(values=typed_values, typed=True, missing=missing, bad=None)
        return _finish(out, spec, fast_values=typed_values, slow=None, slow_mask=slow_mask)
    slow = _slow(pc.filter(col, slow_mask), _outcome_function(spec), blank_is_empty=not spec.strict)
    typed_slow = pc.take(_typed_array(spec.type, slow.typed), slow.positions)
    all_values = _spread(typed_values, slow_mask, typed_slow)
    status_full = _spread(pc.fill_null(pa.nulls(n, pa.int8()), OK), slow_mask, slow.status)
    empty = _mask(pc.equal(status_full, EMPTY))
    missing = pc.or_(missing, empty)
    bad = _mask(pc.equal(status_full, BAD))
    untyped = pc.any(_mask(pc.is_in(slow.status, value_set=pa.array([TEXT_ONLY, BAD], pa.int8()))))
    if untyped.as_py() or spec.type == "latlon":
        texts = _spread(
            pc.if_else(missing, pa.scalar(None, pa.string()), col), slow_mask, slow.texts
        )
        values, typed = texts, False
    else:
        values, typed = all_values, True
    out = Converted(
        values=values,
        typed=typed,
        missing=missing,
        bad=bad if pc.any(bad).as_py() else None,
        counts=slow.counts,
        example=slow.example,
    )
    return _finish(out, spec, fast_values=all_values, slow=slow, slow_mask=slow_mask)


def _finish(
    out: Converted, spec: FieldSpec, *, fast_values: Column, slow: _Slow | None, slow_mask
) -> Converted:
    """Add coordinate range findings and the split columns of a latlon cell."""
    columns = [(spec.type, fast_values)] if spec.type in JAPAN_BOUNDS else []
    if spec.type == "latlon":
        pairs = [o[1] if o[0] == OK else (None, None) for o in slow.outcomes] if slow else []
        for role, k in (("latitude", 0), ("longitude", 1)):
            column = pa.nulls(len(out.missing), pa.float64())
            if slow is not None:
                per_unique = pa.array([p[k] for p in pairs], pa.float64())
                column = _spread(column, slow_mask, pc.take(per_unique, slow.positions))
            out.derived.append((role, column))
            columns.append((role, column))
        ok = pc.invert(out.missing if out.bad is None else pc.or_(out.missing, out.bad))
        out.counts["latlon"] = pc.sum(ok).as_py() or 0
    for role, floats in columns:
        low, high = JAPAN_BOUNDS[role]
        outside = _mask(pc.or_(pc.less(floats, low), pc.greater(floats, high)))
        prior = out.masks.get("coordinate-out-of-range")
        out.masks["coordinate-out-of-range"] = outside if prior is None else pc.or_(prior, outside)
    return out
