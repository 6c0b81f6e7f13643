"""Field specs from a user's Frictionless Table Schema (pure, no Django, no frictionless import).

Fields are matched to columns by name — exactly first, then through ``normalise_label`` so
that 料金（基本） finds 料金(基本) — and a field without a column becomes a spec with
``index=None`` (reported as ``missing-label``), a column without a field a spec with
``origin="extra"`` (reported as ``extra-label``), as frictionless does.

Specs are ``strict``: integer, number, date and boolean cells are read as frictionless reads
them (``int()``/``Decimal()`` after stripping, ``strptime`` with the field's format, the
field's true/false values), so type errors are the same cells frictionless reports. Types
frictionless has and we do not (year, yearmonth, geopoint, duration, object, array, any …)
are kept as text and not checked; time and datetime use the lenient readers.
"""

from __future__ import annotations

from typing import Any

from standards.matching import normalise_label
from tabular.engine.schema import FieldSpec, unique_names
from tabular.engine.types import Table, TabularError

__all__ = ["schema_from_tableschema"]

_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "date": "date",
    "time": "time",
    "datetime": "datetime",
    "boolean": "boolean",
}


def _invalid(message_ja: str, message_en: str) -> TabularError:
    """Return the error raised for a descriptor that is not a usable Table Schema."""
    return TabularError("invalid-table-schema", message_ja, message_en, step="validate")


def _fields(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the descriptor's field list after checking its shape."""
    fields = descriptor.get("fields") if isinstance(descriptor, dict) else None
    if not isinstance(fields, list) or not all(
        isinstance(f, dict) and isinstance(f.get("name"), str) and f["name"] for f in fields
    ):
        raise _invalid(
            "テーブルスキーマには名前付きのフィールド（fields）の一覧が必要です。",
            "A Table Schema needs a list of named fields.",
        )
    return fields


def _strings(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    """Return a list of strings from the descriptor as a tuple, or the default."""
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return default


def _spec(raw: dict[str, Any], *, index: int | None, header: str, name: str, missing) -> FieldSpec:
    """Translate one Table Schema field into a strict FieldSpec."""
    constraints = raw.get("constraints") or {}
    kind = _TYPES.get(str(raw.get("type", "string")), "string")
    spec = FieldSpec(
        index=index,
        header=header,
        name=name,
        type=kind,
        required=bool(constraints.get("required", False)),
        unique=bool(constraints.get("unique", False)),
        pattern=constraints.get("pattern") if kind == "string" else None,
        enum=tuple(str(v) for v in constraints.get("enum", ()) or ()),
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        min_length=constraints.get("minLength"),
        max_length=constraints.get("maxLength"),
        format=str(raw.get("format", "") or ""),
        strict=True,
        missing_values=_strings(raw.get("missingValues"), missing),
        origin="schema",
    )
    spec.true_values = _strings(raw.get("trueValues"), spec.true_values)
    spec.false_values = _strings(raw.get("falseValues"), spec.false_values)
    return spec


def _columns_for(fields: list[dict[str, Any]], headers: list[str]) -> list[int | None]:
    """Return the column index of each field: exact name first, then normalised name."""
    taken: set[int] = set()
    found: list[int | None] = [None] * len(fields)
    for exact in (True, False):
        for k, f in enumerate(fields):
            if found[k] is not None:
                continue
            key = f["name"] if exact else normalise_label(f["name"])
            for i, header in enumerate(headers):
                label = header if exact else normalise_label(header)
                if i not in taken and label == key:
                    found[k] = i
                    taken.add(i)
                    break
    return found


def schema_from_tableschema(descriptor: dict[str, Any], table: Table) -> list[FieldSpec]:
    """Return specs for ``table`` from a Table Schema descriptor (see the module docstring).

    Order: one spec per column (a schema field or an extra column), then the schema fields
    the table lacks. Raises TabularError("invalid-table-schema") for a malformed descriptor.
    """
    fields = _fields(descriptor)
    missing = _strings(descriptor.get("missingValues"), ("",))
    columns = _columns_for(fields, table.headers)
    by_column = {i: f for i, f in zip(columns, fields, strict=True) if i is not None}
    names = unique_names(table.headers)
    specs: list[FieldSpec] = []
    for i, header in enumerate(table.headers):
        raw = by_column.get(i)
        if raw is None:
            specs.append(FieldSpec(index=i, header=header, name=names[i], origin="extra"))
        else:
            specs.append(_spec(raw, index=i, header=header, name=names[i], missing=missing))
    absent = [f for i, f in zip(columns, fields, strict=True) if i is None]
    extra_names = unique_names([f["name"] for f in absent], taken=set(names))
    for raw, name in zip(absent, extra_names, strict=True):
        specs.append(_spec(raw, index=None, header=raw["name"], name=name, missing=missing))
    return specs
