"""The scan: a ``Table`` → ``ScanResult``, vectorised per column with pyarrow (no Django).

Each column is NFKC-normalised and reduced to its unique values; an RE2 prefilter picks the
few values worth a Python look (check digits, phone shapes), and the hits are mapped back to
rows with ``is_in``. Row context (a row that holds a person's name) then sets severities.
No detected value is kept: findings carry masked shapes only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from privacy.scanner import detectors, headers, names
from privacy.scanner.messages import reason
from privacy.scanner.types import ColumnSummary, Finding, Outcome, ScanResult, worse
from tabular.engine.types import Table

# kind of a value hit, variant → (severity elsewhere, severity in a row about a person,
# variant of the reason in a row about a person); None = not reported.
_RULES: dict[tuple[str, str], tuple[str | None, str | None, str]] = {
    ("mynumber", "context"): ("block", "block", "context"),
    ("mynumber", "bare"): ("warn", "warn", "bare"),
    ("passport", "context"): ("block", "block", "context"),
    ("residence_card", "context"): ("block", "block", "context"),
    ("residence_card", "bare"): ("warn", "block", "bare"),
    ("pension", "context"): ("block", "block", "context"),
    ("driving_licence", "context"): ("block", "block", "context"),
    ("resident_code", "context"): ("block", "block", "context"),
    ("houjin", "invalid"): ("info", "info", "invalid"),
    ("email", "bare"): ("warn", "block", "person"),
    ("email", "institutional"): (None, "warn", "institutional"),
    ("phone", "mobile"): ("warn", "block", "mobile_person"),
    ("phone", "landline"): (None, "warn", "landline_person"),
}
_NOT_A_DIGIT = re.compile(r"[^\s\-@.()/:]")
_PLACE = re.compile("[市町村区]")
_CODE_COLUMN_MIN = 10  # 12-digit values needed before judging a column by its pass rate


@dataclass
class _Group:
    """Cells of one column flagged with one kind, severity and reason."""

    kind: str
    severity: str
    variant: str
    column: int  # 0-based
    mask: pa.ChunkedArray | pa.Array  # boolean, one per row


@dataclass
class _Column:
    """A column prepared for scanning: its normalised cells and what its header says."""

    index: int
    header: str
    role: str | None
    values: pa.ChunkedArray  # NFKC-normalised cells (null when empty)
    uniques: pa.Array  # non-null unique values


def _prepare(table: Table) -> list[_Column]:
    """Normalise every column once and collect its unique values."""
    columns = []
    for i, header in enumerate(table.headers):
        values = table.data.column(i)
        # ASCII text is its own NFKC form: skip the copy (codes, numbers, URLs, phones).
        if pc.all(pc.string_is_ascii(values)).as_py() is False:
            values = pc.utf8_normalize(values, "NFKC")
        blank = pc.equal(pc.utf8_trim_whitespace(values), "")
        if pc.any(blank).as_py():
            values = pc.if_else(blank, None, values)
        uniques = pc.unique(values).drop_null()
        columns.append(_Column(i, header, headers.role(header), values, uniques))
    return columns


def _non_empty(column: _Column) -> pa.ChunkedArray:
    """Return a boolean mask of the column's non-empty cells."""
    return pc.is_valid(column.values)


def _rows_with(column: _Column, values: list[str]) -> pa.ChunkedArray:
    """Return a boolean mask of the rows whose cell is one of `values`."""
    return pc.fill_null(pc.is_in(column.values, value_set=pa.array(values, pa.string())), False)


def _candidates(column: _Column, pattern: str) -> list[str]:
    """Return the column's unique values that match an RE2 pattern."""
    if len(column.uniques) == 0:
        return []
    return column.uniques.filter(pc.match_substring_regex(column.uniques, pattern)).to_pylist()


def _name_columns(columns: list[_Column]) -> dict[int, str]:
    """Return the columns holding people's names: by header, else by Sudachi on a sample."""
    found = {c.index: "header" for c in columns if c.role == "name"}
    for c in columns:
        if c.role is None and c.index not in found and len(c.uniques):
            if names.looks_like_name_column(c.uniques.slice(0, 400).to_pylist()):
                found[c.index] = "morphology"
    return found


def _other_twelve_digit_code(candidates: list[str], passing: list[str]) -> bool:
    """Tell whether a column's 12-digit numbers are some other code: most fail the check.

    A column of 個人番号 passes the check digit throughout; in a column of other 12-digit
    codes about one value in eleven passes by chance. Only used where no keyword gives context.
    """
    if not passing:
        return False
    shaped = sum(1 for v in candidates if detectors.has_twelve_digits(v))
    return shaped >= _CODE_COLUMN_MIN and len(passing) < shaped / 2


_HINT_NAMES = list(detectors.HINTS)


# Checks that only run with a keyword in the header or the cell (see detectors.detect).
_NEEDS_CONTEXT = {"pension": "pension", "eleven": "resident_code"}


def _hint_set(bits: int, person: bool, header: detectors.HeaderContext) -> frozenset[str]:
    """The checks worth running for a value's hint bits, given the row and header context."""
    names = {n for i, n in enumerate(_HINT_NAMES) if bits >> i & 1}
    if not person and "mobile" not in names:
        # Landline numbers are reported only in rows about a person (see _RULES).
        names.discard("phone")
    names.discard("mobile")
    for hint, kind in _NEEDS_CONTEXT.items():
        if kind not in header.kinds and "context" not in names:
            names.discard(hint)
    if not header.houjin and "houjin" not in names:
        names.discard("thirteen")  # a 13-digit number is checked only as a 法人番号
    names.discard("houjin")
    if names == {"context"}:
        names = set()  # a keyword alone, with no number or address shape, finds nothing
    return frozenset(names)


def _hints(candidates: list[str], person: bool,
           header: detectors.HeaderContext) -> list[frozenset[str]]:
    """Which checks of ``detect`` each candidate needs, from the HINTS patterns (vectorised)."""
    if not candidates:
        return []
    values = pa.array(candidates, pa.string())
    bits = None
    for i, pattern in enumerate(detectors.HINTS.values()):
        part = pc.if_else(pc.match_substring_regex(values, pattern), 1 << i, 0)
        bits = part if bits is None else pc.add(bits, part)
    sets: dict[int, frozenset[str]] = {}
    out = []
    for b in bits.to_pylist():
        got = sets.get(b)
        if got is None:
            got = sets[b] = _hint_set(b, person, header)
        out.append(got)
    return out


def _value_groups(column: _Column, person: pa.ChunkedArray | None, person_table: bool) -> list:
    """Flag a column's cells by value patterns, weighing rows about a person more."""
    ctx = headers.context_kinds(column.header)
    if column.role and column.role in headers.CONTEXT:
        ctx.add(column.role)
    if person_table and headers.is_numberish(column.header):
        ctx.add("mynumber")  # a 番号 column in a table about people
    header = detectors.HeaderContext(
        kinds=frozenset(ctx), houjin="法人番号" in headers.normal(column.header)
    )
    hits: dict[tuple[str, str], list[str]] = {}
    candidates = _candidates(column, detectors.PREFILTER)
    hints_of = _hints(candidates, person is not None, header)
    for value, hints in zip(candidates, hints_of, strict=True):
        if not hints:
            continue
        for hit in detectors.detect(value, header, hints):
            hits.setdefault(hit, []).append(value)
    if _other_twelve_digit_code(candidates, hits.get(("mynumber", "bare"), [])):
        del hits[("mynumber", "bare")]
    groups = []
    for (kind, variant), values in hits.items():
        elsewhere, in_person, person_variant = _RULES[(kind, variant)]
        rows = _rows_with(column, values)
        if person is None:
            if elsewhere:
                groups.append(_Group(kind, elsewhere, variant, column.index, rows))
            continue
        if in_person:
            mask = pc.and_(rows, person)
            groups.append(_Group(kind, in_person, person_variant, column.index, mask))
        if elsewhere:
            mask = pc.and_(rows, pc.invert(person))
            groups.append(_Group(kind, elsewhere, variant, column.index, mask))
    return groups


def _role_groups(column: _Column) -> list[_Group]:
    """Flag every non-empty cell of a column whose header names a personal item."""
    if column.role == "dob":
        mask = pc.fill_null(pc.match_substring_regex(column.values, "[0-9]"), False)
        return [_Group("birth_date", "block", "header", column.index, mask)]
    if column.role == "health_insurance":
        return [_Group("health_insurance", "block", "header", column.index, _non_empty(column))]
    return []


def _person_groups(columns: list[_Column], name_cols: dict[int, str], person) -> list[_Group]:
    """Flag names, and dates or exact addresses in rows that also hold a name."""
    groups = [
        _Group("name", "warn", how, i, _non_empty(columns[i])) for i, how in name_cols.items()
    ]
    beside = {j for i in name_cols for j in (i - 1, i + 1)}
    for c in columns:
        if c.index in name_cols or c.role in ("dob", "health_insurance"):
            continue
        if c.index in beside:
            dates = _candidates(c, detectors.DATE_PREFILTER)
            dates = [v for v in dates if detectors.DATE.search(v)]
            if dates:
                mask = pc.and_(_rows_with(c, dates), person)
                groups.append(_Group("birth_date", "warn", "next_to_name", c.index, mask))
        addresses = _candidates(c, detectors.ADDRESS_PREFILTER)
        if addresses and (c.role == "address" or any(_PLACE.search(a) for a in addresses)):
            mask = pc.and_(_rows_with(c, addresses), person)
            groups.append(_Group("address", "warn", "person", c.index, mask))
    return groups


def _mask(kind: str, value: str | None) -> str:
    """Return the shape of a value with every letter and digit hidden (個人番号: nothing kept)."""
    if kind in ("mynumber", "driving_licence", "resident_code", "pension"):
        return "*" * 12
    return _NOT_A_DIGIT.sub("*", (value or "")[:40])


def _unique_keys(headers_: list[str]) -> list[str]:
    """Return one distinct key per column for ``ScanResult.columns`` (headers may repeat)."""
    keys: list[str] = []
    for i, h in enumerate(headers_, start=1):
        key = h or f"(列{i} / column {i})"
        keys.append(f"{key} [{i}]" if key in keys or h in headers_[: i - 1] else key)
    return keys


def _findings(table: Table, columns: list[_Column], groups: list[_Group], cap: int) -> list:
    """Return up to `cap` findings in row then column order, values masked."""
    picked: list[tuple[int, int, _Group]] = []
    for g in groups:
        idx = pc.indices_nonzero(pc.fill_null(g.mask, False)).slice(0, cap).to_pylist()
        picked.extend((i, g.column, g) for i in idx)
    picked.sort(key=lambda t: (t[0], t[1], t[2].kind))
    out = []
    for i, col, g in picked[:cap]:
        value = columns[col].values[i].as_py()
        ja, en = reason(g.kind, g.variant)
        out.append(
            Finding(
                kind=g.kind,
                severity=g.severity,  # type: ignore[arg-type]
                row=int(table.row_numbers[i].as_py()),
                column=col + 1,
                header=table.headers[col],
                masked=_mask(g.kind, value),
                reason_ja=ja,
                reason_en=en,
            )
        )
    return out


def scan_table(table: Table, *, max_findings: int = 1000) -> ScanResult:
    """Scan every cell of a table for personal data and decide clear, warn or block."""
    columns = _prepare(table)
    name_cols = _name_columns(columns)
    person = None
    for i in name_cols:
        cells = _non_empty(columns[i])
        person = cells if person is None else pc.or_(person, cells)
    groups: list[_Group] = []
    for c in columns:
        groups.extend(_value_groups(c, person, bool(name_cols)))
        groups.extend(_role_groups(c))
    if person is not None:
        groups.extend(_person_groups(columns, name_cols, person))
    counts: dict[str, int] = {}
    summaries: dict[str, ColumnSummary] = {}
    keys = _unique_keys(table.headers)
    outcome: Outcome = "clear"
    total = 0
    kept_groups = []
    for g in groups:
        n = pc.sum(pc.cast(pc.fill_null(g.mask, False), pa.int64())).as_py() or 0
        if not n:
            continue
        kept_groups.append(g)
        total += n
        counts[g.kind] = counts.get(g.kind, 0) + n
        c = columns[g.column]
        s = summaries.setdefault(keys[g.column], ColumnSummary(column=g.column + 1, role=c.role))
        s.kinds[g.kind] = s.kinds.get(g.kind, 0) + n
        s.worst = worse(s.worst or "info", g.severity)  # type: ignore[assignment]
        if g.severity == "block":
            outcome = "block"
        elif g.severity == "warn" and outcome == "clear":
            outcome = "warn"
    findings = _findings(table, columns, kept_groups, max_findings)
    return ScanResult(
        outcome=outcome,
        findings=findings,
        counts=counts,
        columns=summaries,
        truncated=total > len(findings),
    )


def scan_file(path: str | Path, **read_kwargs: Any) -> list[ScanResult]:
    """Read a file with the tabular reader and scan each of its tables (one per sheet)."""
    from tabular.engine.read import read_file

    return [scan_table(t) for t in read_file(path, **read_kwargs).tables]
