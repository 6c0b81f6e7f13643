"""Validate and normalise a table against its field specs: typed Arrow table + report (pure).

Per column: ``normalise.convert_column`` converts (vectorised); this module turns its masks
into issues — only failing cells are visited, through ``pc.indices_nonzero`` — checks
constraints, uniqueness and check digits once per unique value, and computes conformance.

``Report.counts`` holds the full number of occurrences of every code (for the aggregated
info codes ``wareki-normalised``, ``fullwidth-normalised``, ``value-normalised`` and
``latlon-split``: the number of cells); ``Report.issues`` keeps the first ``max_issues``
issues, label and column issues first, then cell issues in row order.

Conformance (only with a standard): score = 100 × mean of the parts that exist among
(a) required columns present / required columns of the layout and (b) valid cells / checked
cells, where checked cells are the non-empty cells of the columns matched to the standard
plus the empty cells of its required columns, and a cell is invalid when it has any error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from standards.matching import Match
from standards.registry import get_standard
from tabular.engine import compute as pc
from tabular.engine.arrays import Column, replace_where, single
from tabular.engine.checkdigits import houjin_reason, invalid_values, lgcode_reason
from tabular.engine.messages import TYPE_NAMES, make_issue
from tabular.engine.normalise import Converted, convert_column
from tabular.engine.schema import FieldSpec
from tabular.engine.types import Conformance, Issue, Progress, Report, Table, no_progress

__all__ = ["THREADS", "Validated", "validate_table"]

#: Columns converted at the same time (the engine targets a 2-core machine).
THREADS = max(1, min(2, os.cpu_count() or 1))

_EXAMPLES = {
    "integer": ("例: 120", "e.g. 120"),
    "number": ("例: 12.5", "e.g. 12.5"),
    "date": ("例: 2024-04-01", "e.g. 2024-04-01"),
    "time": ("例: 09:00", "e.g. 09:00"),
    "phone": ("例: 0835-54-0563", "e.g. 0835-54-0563"),
    "postal": ("例: 747-0522", "e.g. 747-0522"),
    "latitude": ("例: 34.166571", "e.g. 34.166571"),
    "longitude": ("例: 132.218901", "e.g. 132.218901"),
    "latlon": ("例: 34.34,134.04", "e.g. 34.34,134.04"),
}
_AGGREGATED = {
    "wareki": "wareki-normalised",
    "fullwidth": "fullwidth-normalised",
    "value": "value-normalised",
}


@dataclass
class Validated:
    """The outcome of validate_table: report, typed table and the specs used."""

    report: Report
    typed: pa.Table
    fields: list[FieldSpec]


class _Collector:
    """Issues kept in order up to a cap, with complete counts per code."""

    def __init__(self, max_issues: int) -> None:
        """Start empty; keep at most ``max_issues`` issues."""
        self.max = max_issues
        self.head: list[Issue] = []  # label and column issues (no row)
        # (row, column, kind, make_issue's keywords): a cell issue is only built once it is
        # known to be among the ``max`` kept (with four bad columns, three quarters are not).
        self.cells: list[tuple[int, int, str, dict[str, Any]]] = []
        self.counts: dict[str, int] = {}
        self.produced = 0  # issues that would exist without the cap
        self.severity: dict[str, int] = {"error": 0, "warning": 0, "info": 0}

    def count(self, code: str, severity: str, n: int) -> None:
        """Add n occurrences of a code."""
        if n:
            self.counts[code] = self.counts.get(code, 0) + n
            self.severity[severity] += n

    def add(self, issue: Issue, n: int = 1) -> None:
        """Add one issue without a row (n = the occurrences it stands for)."""
        self.count(issue.code, issue.severity, n)
        self.produced += 1
        self.head.append(issue)

    def cells_of(
        self,
        kind: str,
        mask: Column,
        ctx: _Column,
        *,
        lookup: tuple[Column, dict[Any, dict[str, str]]] | None = None,
        **params: Any,
    ) -> None:
        """Add one issue per True cell of ``mask``; only the first ``max`` are built.

        ``lookup`` = (array, {value: params}) adds per-cell parameters (e.g. the reason).
        """
        idx = pc.indices_nonzero(mask)
        n = len(idx)
        if not n:
            return
        sample = make_issue(kind, field=ctx.spec.header, **params)
        self.count(sample.code, sample.severity, n)
        self.produced += n
        first = idx.slice(0, self.max)
        rows = pc.take(ctx.rows, first).to_pylist()
        raw = pc.take(ctx.raw, first).to_pylist()
        keys = pc.take(lookup[0], first).to_pylist() if lookup else [None] * len(rows)
        for r, v, key in zip(rows, raw, keys, strict=True):
            extra = lookup[1].get(key, {}) if lookup else {}
            self.cells.append((r or 0, ctx.column, kind,
                               {"row": r, "column": ctx.column, "field": ctx.spec.header,
                                "value": v, **params, **extra}))

    def issues(self) -> tuple[list[Issue], bool]:
        """Return the kept issues and whether some were left out."""
        self.cells.sort(key=lambda t: (t[0], t[1]))
        kept = self.head[: self.max]
        kept += [make_issue(kind, **kwargs)
                 for _, _, kind, kwargs in self.cells[: self.max - len(kept)]]
        return kept, self.produced > len(kept)


@dataclass
class _Column:
    """What issue building needs to know about one column."""

    spec: FieldSpec
    column: int  # 1-based
    rows: Column
    raw: Column


def _mask(values: Column) -> Column:
    """Return a boolean array with nulls read as False."""
    return pc.fill_null(values, False)


# --- label issues ---------------------------------------------------------------------------


def _standard_names(match: Match | None, matched: str) -> dict[str, str]:
    """Return how the reference of missing/extra labels is named (ja, en)."""
    if matched == "schema":
        return {"standard_ja": "テーブルスキーマ", "standard_en": "the Table Schema"}
    std = get_standard(match.standard) if match else None
    title = std.title if std else ""
    return {"standard_ja": f"標準データセット「{title}」",
            "standard_en": f"the standard dataset {match.standard if match else ''}"}  # fmt: skip


def _label_issues(
    table: Table, schema: list[FieldSpec], match: Match | None, matched: str, out: _Collector
) -> None:
    """Report blank, duplicate, missing and extra labels."""
    strict = matched == "schema"
    seen: set[str] = set()
    for i, header in enumerate(table.headers, start=1):
        if not (header or "").strip():
            out.add(make_issue("blank-label", column=i, severity="error" if strict else None))
        elif header in seen:
            sev = "error" if strict else None
            out.add(make_issue("duplicate-label", column=i, field=header, severity=sev))
        seen.add(header)
    names = _standard_names(match, matched)
    severity = "error" if strict else None
    for spec in schema:
        if spec.index is None:
            out.add(make_issue("missing-label", field=spec.header, severity=severity, **names))
        elif spec.standard_field and spec.header != spec.standard_field:
            out.add(make_issue("incorrect-label", column=spec.index + 1, field=spec.header,
                               expected=spec.standard_field, **names))  # fmt: skip
        elif spec.origin == "extra" and (spec.header or "").strip():
            out.add(make_issue("extra-label", column=spec.index + 1, field=spec.header,
                               severity=severity, **names))  # fmt: skip


# --- checks on converted values -------------------------------------------------------------


def _pattern_mask(values: Column, pattern: str) -> Column:
    """Return the cells whose text does not match ``pattern`` in full."""
    text = values if pa.types.is_string(values.type) else pc.cast(values, pa.string())
    try:
        ok = pc.match_substring_regex(text, f"^(?:{pattern})$")
    except pa.ArrowInvalid:  # not RE2 syntax: Python's re, once per unique value
        import re

        rx = re.compile(pattern)
        uniq = pc.unique(pc.drop_null(text))
        good = [u for u in uniq.to_pylist() if rx.fullmatch(u)]
        ok = pc.is_in(text, value_set=pa.array(good, pa.string()))
    return pc.invert(_mask(ok))


def _typed_for_bounds(conv: Converted, spec: FieldSpec, valid: Column) -> Column | None:
    """Return the valid cells as numbers/dates for min/max checks, or None if not possible."""
    if conv.typed:
        return conv.values
    target = {"integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}.get(spec.type)
    if target is None:
        return None
    try:
        return pc.cast(pc.if_else(valid, conv.values, pa.scalar(None, conv.values.type)), target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _constraints(conv: Converted, ctx: _Column, valid: Column, out: _Collector) -> Column:
    """Check pattern, enum, bounds and lengths on valid cells; return the failing cells."""
    spec = ctx.spec
    failed = pc.invert(valid)
    failed = pc.and_(failed, pc.invert(failed))  # all False, right length
    values = conv.values
    checks: list[tuple[str, Column, dict[str, Any]]] = []
    if spec.pattern:
        checks.append(("pattern", _pattern_mask(values, spec.pattern), {"pattern": spec.pattern}))
    if spec.enum:
        allowed = pa.array(list(spec.enum), pa.string())
        text = values if pa.types.is_string(values.type) else pc.cast(values, pa.string())
        bad = pc.invert(_mask(pc.is_in(text, value_set=allowed)))
        checks.append(("enum", bad, {"enum": "、".join(spec.enum)}))
    for kind, limit, op in (
        ("minimum", spec.minimum, pc.less),
        ("maximum", spec.maximum, pc.greater),
    ):
        if limit is None:
            continue
        typed = _typed_for_bounds(conv, spec, valid)
        if typed is None:
            continue
        try:
            bad = _mask(op(typed, pc.cast(pa.scalar(limit), typed.type)))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        checks.append((kind, bad, {"limit": limit}))
    if (spec.min_length is not None or spec.max_length is not None) and pa.types.is_string(
        values.type
    ):
        length = pc.utf8_length(values)
        if spec.min_length is not None:
            checks.append(
                ("minLength", _mask(pc.less(length, spec.min_length)), {"limit": spec.min_length})
            )
        if spec.max_length is not None:
            checks.append(
                (
                    "maxLength",
                    _mask(pc.greater(length, spec.max_length)),
                    {"limit": spec.max_length},
                )
            )
    for kind, bad, params in checks:
        bad = pc.and_(bad, valid)
        out.cells_of(kind, bad, ctx, **params)
        failed = pc.or_(failed, bad)
    return failed


def _falses(n: int) -> pa.Array:
    """Return n False values."""
    return pc.fill_null(pa.nulls(n, pa.bool_()), False)


def _keys(values: Column) -> Column:
    """Return cheap hash keys: equal-length digit strings as int64 (order and equality kept)."""
    if not pa.types.is_string(values.type) or values.null_count == len(values):
        return values
    lengths = pc.min_max(pc.binary_length(values)).as_py()
    if lengths["min"] != lengths["max"] or lengths["max"] > 18:
        return values
    try:
        return pc.cast(values, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return values


def _duplicates(values: Column, valid: Column) -> Column:
    """Return the valid cells that repeat the value of an earlier valid cell."""
    n = len(values)
    if (pc.sum(valid).as_py() or 0) < 2:
        return _falses(n)
    full = _keys(values)
    keys = pc.filter(full, valid)
    if pc.all(pc.greater(keys.slice(1), keys.slice(0, len(keys) - 1))).as_py():
        return _falses(n)  # strictly increasing (NO = 1, 2, 3 …): unique without hashing
    counts = pc.value_counts(keys)
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    if len(repeated) == 0:
        return _falses(n)
    candidates = pc.and_(valid, _mask(pc.is_in(full, value_set=repeated)))
    # A stable sort puts equal keys together in row order: every one but the first repeats.
    keys = pc.filter(full, candidates)
    order = pc.sort_indices(keys)
    ordered = pc.take(keys, order)
    repeats = pc.equal(ordered.slice(1), ordered.slice(0, len(ordered) - 1))
    flags = pa.concat_arrays([pa.array([False]), single(_mask(repeats))])
    per_candidate = pc.take(flags, pc.sort_indices(order))
    return replace_where(_falses(n), candidates, per_candidate)


def _check_digits(conv: Converted, ctx: _Column, valid: Column, out: _Collector) -> Column:
    """Check 全国地方公共団体コード / 法人番号 digits once per unique value."""
    checker = {"lgcode": lgcode_reason, "houjin": houjin_reason}[ctx.spec.check]
    # Well-formed values are checked vectorised; only the failing ones get a reason here.
    failing = invalid_values(pc.filter(conv.values, valid), ctx.spec.check)
    reasons = {u: r for u in failing if (r := checker(u)) is not None}
    if not reasons:
        return pc.and_(valid, pc.invert(valid))
    bad = pc.and_(valid, _mask(pc.is_in(conv.values, value_set=pa.array(list(reasons)))))
    per_value = {v: {"reason_ja": ja, "reason_en": en} for v, (ja, en) in reasons.items()}
    out.cells_of(f"{ctx.spec.check}-check-digit", bad, ctx, lookup=(conv.values, per_value))
    return bad


# --- one column -----------------------------------------------------------------------------


def _column(spec: FieldSpec, conv: Converted, ctx: _Column, out: _Collector) -> Column:
    """Report everything about one converted column; return its invalid cells."""
    type_ja, type_en = TYPE_NAMES.get(spec.format if spec.format in ("uri", "email") else spec.type,
                                      (spec.type, spec.type))  # fmt: skip
    ex_ja, ex_en = _EXAMPLES.get(spec.type, ("", ""))
    bad = conv.bad if conv.bad is not None else pc.and_(conv.missing, pc.invert(conv.missing))
    lenient = spec.type in ("phone", "postal") and not spec.strict
    kind = "format-warning" if lenient else "type-error"
    out.cells_of(kind, bad, ctx, type_ja=type_ja, type_en=type_en,
                 example_ja=ex_ja, example_en=ex_en)  # fmt: skip
    invalid = bad
    if spec.required:
        out.cells_of("required-empty", conv.missing, ctx)
        invalid = pc.or_(invalid, conv.missing)
    exponent = conv.masks.get("excel-exponent")
    if exponent is not None:
        out.cells_of("excel-exponent", exponent, ctx)
        invalid = pc.or_(invalid, exponent)
    valid = pc.invert(pc.or_(invalid, conv.missing))
    invalid = pc.or_(invalid, _constraints(conv, ctx, valid, out))
    valid = pc.invert(pc.or_(invalid, conv.missing))
    if spec.check in ("lgcode", "houjin"):
        invalid = pc.or_(invalid, _check_digits(conv, ctx, valid, out))
        valid = pc.invert(pc.or_(invalid, conv.missing))
    if spec.unique:
        dups = _duplicates(conv.values, valid)
        out.cells_of("unique-error", dups, ctx)
        invalid = pc.or_(invalid, dups)
    outside = conv.masks.get("coordinate-out-of-range")
    if outside is not None:
        kind = spec.type if spec.type in ("latitude", "longitude") else "latlon"
        names = TYPE_NAMES[kind]
        out.cells_of("coordinate-out-of-range", outside, ctx, type_ja=names[0], type_en=names[1])
    for category, code in _AGGREGATED.items():
        n = conv.counts.get(category, 0)
        if n:
            out.add(make_issue(code, column=ctx.column, field=spec.header, count=n,
                               example=conv.example), n)  # fmt: skip
    return invalid


def _output_fields(spec: FieldSpec, conv: Converted, taken: set[str]) -> list[tuple]:
    """Return (arrow field, array) pairs for one column and, for latlon, its split columns."""
    meta = {b"header": spec.header.encode(), b"type": spec.type.encode()}
    if spec.type in ("latitude", "longitude"):
        meta[b"role"] = spec.type.encode()
    pairs = [(pa.field(spec.name, conv.values.type, metadata=meta), conv.values)]
    for role, array in conv.derived:
        base = "緯度" if role == "latitude" else "経度"
        name, k = base, 1
        while name in taken:
            k += 1
            name = f"{base}_{k}"
        taken.add(name)
        derived_meta = {b"header": spec.header.encode(), b"type": role.encode(),
                        b"role": role.encode()}  # fmt: skip
        pairs.append((pa.field(name, pa.float64(), metadata=derived_meta), array))
    return pairs


def _conformance(match: Match, checked: int, invalid: int) -> Conformance:
    """Compute the conformance score defined in the module docstring."""
    std = get_standard(match.standard)
    fields = std.layouts.get(match.layout, []) if std else []
    required = [f.name for f in fields if f.required]
    present = len(required) - len([n for n in match.missing_required if n in required])
    parts = []
    if required:
        parts.append(present / len(required))
    if checked:
        parts.append((checked - invalid) / checked)
    score = round(100 * sum(parts) / len(parts), 1) if parts else 0.0
    return Conformance(
        score=score,
        required_present=present,
        required_total=len(required),
        valid_cells=checked - invalid,
        checked_cells=checked,
        missing_required=list(match.missing_required),
    )


def validate_table(
    table: Table,
    *,
    schema: list[FieldSpec],
    match: Match | None,
    matched: str,
    max_issues: int = 1000,
    progress: Progress = no_progress,
    on_typed: Callable[[pa.Table], None] | None = None,
    consume: bool = False,
) -> Validated:
    """Normalise every column of ``table`` to its spec and report what is wrong (see module).

    ``on_typed`` is given the typed table as soon as every column is converted, before the
    issues are built (the pipeline starts writing Parquet there, on the other core). With
    ``consume`` the raw text is let go column by column once its issues are built, and
    ``table.data`` is left empty (read ``table.num_rows`` before): a million-row table's raw
    and typed copies then do not both stay whole while Parquet is written."""
    out = _Collector(max_issues)
    _label_issues(table, schema, match, matched, out)
    rows = table.row_numbers
    present = [s for s in schema if s.index is not None]
    taken = {s.name for s in present}
    arrow_fields: list[pa.Field] = []
    arrays: list[Column] = []
    checked = invalid_cells = 0
    raws = [table.data.column(spec.index) for spec in present]  # kept in the reader's chunks
    num_rows = table.num_rows
    if consume:
        table.data = table.data.slice(0, 0)
    # pyarrow.compute releases the GIL: columns convert in parallel; issues are built in order.
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        converted = list(pool.map(convert_column, raws, present))
    # The typed table depends on the conversions only: build it before the issues.
    split_names: dict[int, tuple[str, str]] = {}
    for k, (spec, conv) in enumerate(zip(present, converted, strict=True)):
        pairs = _output_fields(spec, conv, taken)
        if len(pairs) == 3:
            split_names[k] = (pairs[1][0].name, pairs[2][0].name)
        for f, array in pairs:
            arrow_fields.append(f)
            arrays.append(array)
    typed = pa.Table.from_arrays(arrays, schema=pa.schema(arrow_fields))
    del arrays
    if on_typed is not None:
        on_typed(typed)
    for k, (spec, conv) in enumerate(zip(present, converted, strict=True), start=1):
        raw = raws[k - 1]
        if consume:
            raws[k - 1] = converted[k - 1] = None
        ctx = _Column(spec=spec, column=spec.index + 1, rows=rows, raw=raw)
        invalid = _column(spec, conv, ctx, out)
        if match is not None and spec.standard_field:
            empty = 0 if spec.required else (pc.sum(conv.missing).as_py() or 0)
            checked += len(raw) - empty
            invalid_cells += pc.sum(invalid).as_py() or 0
        if conv.counts.get("latlon"):
            n = conv.counts["latlon"]
            lat, lon = split_names[k - 1]
            out.add(make_issue("latlon-split", column=ctx.column, field=spec.header, count=n,
                               lat=lat, lon=lon), n)  # fmt: skip
        del raw, ctx
        progress("validating", num_rows * k // max(len(present), 1), out.severity["error"])
    issues, truncated = out.issues()
    report = Report(
        standard=match.standard if match else None,
        layout=match.layout if match else None,
        matched=matched,  # type: ignore[arg-type]
        match_score=match.score if match else 0.0,
        issues=issues,
        counts=dict(out.counts),
        error_count=out.severity["error"],
        warning_count=out.severity["warning"],
        conformance=_conformance(match, checked, invalid_cells) if match else None,
        truncated=truncated,
    )
    return Validated(report=report, typed=typed, fields=schema)
