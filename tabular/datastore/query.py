"""Turn datastore_search parameters (fields, filters, q, sort) into checked DuckDB SQL.

Column names never reach SQL unchecked: each must be a column of the Parquet file and is
then quoted; every value is a bound parameter, except the full-text patterns, which are
built by ``fulltext.term_pattern`` and inlined as escaped literals because DuckDB compiles
a literal regex once but a bound one per row group (measured ~2× slower).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tabular.datastore.connections import sql_identifier, sql_literal
from tabular.datastore.fulltext import split_terms, term_pattern
from tabular.datastore.types import DatastoreError, TableRef, ckan_type, pair

__all__ = [
    "Column",
    "Query",
    "TableSchema",
    "build_query",
    "read_schema",
    "validation_error",
    "value_expr",
]

ID = "_id"


@dataclass(frozen=True)
class Column:
    """One column of a datastore table: its name, Arrow field and CKAN type."""

    name: str
    field: pa.Field
    ckan: str

    @property
    def sql(self) -> str:
        """The quoted identifier."""
        return sql_identifier(self.name)

    @property
    def is_text(self) -> bool:
        """True for string columns (the ones ``q`` searches)."""
        return pa.types.is_string(self.field.type) or pa.types.is_large_string(self.field.type)


@dataclass(frozen=True)
class TableSchema:
    """The columns (``_id`` first), row count and file size of a Parquet file."""

    columns: tuple[Column, ...]
    rows: int
    size: int
    row_groups: int

    def get(self, name: str) -> Column | None:
        """Return the column called ``name``, or None."""
        for col in self.columns:
            if col.name == name:
                return col
        return None


@lru_cache(maxsize=256)
def _schema_cached(path: str, mtime_ns: int, size: int) -> TableSchema:
    """Read a Parquet footer once per file version (path, mtime and size are the key)."""
    meta = pq.read_metadata(path)
    arrow = meta.schema.to_arrow_schema()
    cols = tuple(Column(name=f.name, field=f, ckan=ckan_type(f)) for f in arrow)
    return TableSchema(columns=cols, rows=meta.num_rows, size=size, row_groups=meta.num_row_groups)


def read_schema(table: TableRef) -> TableSchema:
    """Return the schema of a table's Parquet file (cached while the file is unchanged)."""
    path = Path(table.path).resolve()
    try:
        st = path.stat()
        schema = _schema_cached(str(path), st.st_mtime_ns, st.st_size)
    except (OSError, pa.ArrowInvalid) as exc:
        raise DatastoreError(
            "not-found",
            f"リソース {table.resource_id} のデータ（Parquet）を読めません。",
            f"The data (Parquet) of resource {table.resource_id} cannot be read.",
        ) from exc
    if schema.get(ID) is None:
        raise DatastoreError(
            "not-found",
            f"リソース {table.resource_id} のデータに _id 列がありません。",
            f"The data of resource {table.resource_id} has no _id column.",
        )
    return schema


def validation_error(errors: dict[str, list[str]]) -> DatastoreError:
    """Wrap per-parameter messages in one ``validation`` error (CKAN's ValidationError)."""
    return DatastoreError(
        "validation",
        "検索の条件に誤りがあります。",
        "The search parameters are not valid.",
        fields=errors,
    )


@dataclass
class Query:
    """A checked query: SQL pieces for ``SELECT … FROM t WHERE … ORDER BY …`` and params."""

    columns: list[Column]
    select: str
    where: str
    params: list[Any] = field(default_factory=list)
    order: str = ""
    distinct: bool = False
    id_paging: bool = False  # rows are _id-ordered and unfiltered: page by an _id range
    sorted: bool = False  # a sort other than _id was asked for


def _unknown(name: Any) -> str:
    """The message for a field the table does not have."""
    return pair(f"列「{name}」はこの表にありません。", f'field "{name}" not in table')


# --- typed filter values -------------------------------------------------------------------

_INT = re.compile(r"[+-]?\d+")
_TRUE = {"true", "t", "1", "yes", "y", "on"}
_FALSE = {"false", "f", "0", "no", "n", "off"}


def _typed(col: Column, value: Any) -> Any:
    """Convert a filter value to the column's type ("12" → 12 for int); ValueError if not."""
    out = _convert(col, value)
    if isinstance(out, int) and not isinstance(out, bool) and not -(2**63) <= out < 2**63:
        raise ValueError("integer out of range")
    return out


def _convert(col: Column, value: Any) -> Any:
    """Convert without range checks (see ``_typed``)."""
    t = col.field.type
    text = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else None
    if isinstance(value, dict | list | tuple | set):
        raise ValueError("nested value")
    if pa.types.is_boolean(t):
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if text is not None and text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise ValueError("not a boolean")
    if pa.types.is_integer(t):
        if isinstance(value, bool):
            raise ValueError("boolean for integer")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if text is not None and _INT.fullmatch(text.replace(",", "")):
            return int(text.replace(",", ""))
        raise ValueError("not an integer")
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        if isinstance(value, bool):
            raise ValueError("boolean for number")
        if isinstance(value, int | float):
            return float(value)
        if text is not None:
            return float(text.replace(",", ""))
        raise ValueError("not a number")
    if pa.types.is_date(t):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if text is not None:
            return dt.date.fromisoformat(text.replace("/", "-"))
        raise ValueError("not a date")
    if pa.types.is_timestamp(t):
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        if text is not None:
            return dt.datetime.fromisoformat(text).replace(tzinfo=None)
        raise ValueError("not a timestamp")
    # Text columns compare exactly, as CKAN does; 12 matches "12".
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _filters_sql(cols: TableSchema, filters: dict, errors: dict) -> tuple[list[str], list]:
    """Return the WHERE conditions and parameters of CKAN ``filters`` (exact matches)."""
    conds: list[str] = []
    params: list[Any] = []
    if not isinstance(filters, dict):
        errors.setdefault("filters", []).append(
            pair("filters は辞書で指定してください。", "filters must be a dictionary"))
        return conds, params
    for name, raw in filters.items():
        col = cols.get(name) if isinstance(name, str) else None
        if col is None:
            errors.setdefault("filters", []).append(_unknown(name))
            continue
        values = list(raw) if isinstance(raw, list | tuple) else [raw]
        typed: list[Any] = []
        has_null = False
        for v in values:
            if v is None:
                has_null = True
                continue
            try:
                typed.append(_typed(col, v))
            except (ValueError, TypeError, OverflowError):
                errors.setdefault("filters", []).append(pair(
                    f"列「{name}」（{col.ckan}）に値 {v!r} は使えません。",
                    f'invalid value {v!r} for field "{name}" of type {col.ckan}',
                ))
        parts = []
        if typed:
            if len(typed) == 1:
                parts.append(f"{col.sql} = ?")
            else:
                parts.append(f"{col.sql} IN ({', '.join('?' * len(typed))})")
            params.extend(typed)
        if has_null:
            parts.append(f"{col.sql} IS NULL")
        # An empty list matches nothing.
        conds.append("(" + " OR ".join(parts) + ")" if parts else "FALSE")
    return conds, params


# --- full text -----------------------------------------------------------------------------


def _match_terms(expr: str, text: Any) -> list[str]:
    """Conditions requiring every term of ``text`` in the SQL string expression ``expr``."""
    patterns = [term_pattern(term) for term in split_terms(str(text))]
    return [f"regexp_matches({expr}, {sql_literal(p)})" for p in patterns if p]


def _q_sql(cols: TableSchema, q: Any, errors: dict) -> list[str]:
    """Return the WHERE conditions of ``q`` (a string for all text columns, or a dict)."""
    if q is None or q == "":
        return []
    if isinstance(q, dict):
        conds: list[str] = []
        for name, text in q.items():
            col = cols.get(name) if isinstance(name, str) else None
            if col is None:
                errors.setdefault("q", []).append(_unknown(name))
                continue
            expr = col.sql if col.is_text else f"CAST({col.sql} AS VARCHAR)"
            conds += _match_terms(expr, text)
        return conds
    if not isinstance(q, str):
        errors.setdefault("q", []).append(
            pair("q は文字列か辞書で指定してください。", "q must be a string or a dictionary"))
        return []
    text_cols = [c.sql for c in cols.columns if c.is_text and c.name != ID]
    if not text_cols:
        return ["FALSE"] if split_terms(q) else []
    # One string per row (like CKAN's _full_text), so terms may sit in different columns;
    # the unit separator cannot occur inside a term (terms are split on it as whitespace).
    expr = text_cols[0] if len(text_cols) == 1 else f"concat_ws(chr(31), {', '.join(text_cols)})"
    return _match_terms(expr, q)


# --- fields and sort -----------------------------------------------------------------------

_SORT_ITEM = re.compile(
    r'\s*(?:"((?:[^"]|"")*)"|([^,]+?))'
    r"(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*(?:,|$)",
    re.IGNORECASE,
)


def _fields(cols: TableSchema, fields: Any, errors: dict) -> list[Column]:
    """Return the requested columns (all, ``_id`` first, when None); note unknown names."""
    if fields is None or fields == "" or fields == []:
        return list(cols.columns)
    names = [f.strip() for f in fields.split(",")] if isinstance(fields, str) else fields
    out: list[Column] = []
    for name in names:
        col = cols.get(name) if isinstance(name, str) else None
        if col is None:
            errors.setdefault("fields", []).append(_unknown(name))
        elif col not in out:
            out.append(col)
    return out


def parse_sort(cols: TableSchema, sort: str, errors: dict) -> list[tuple[Column, str]]:
    """Parse CKAN's sort syntax ("a, b desc", quoted names allowed) into (column, SQL)."""
    items: list[tuple[Column, str]] = []
    pos, text = 0, sort.strip()
    while pos < len(text):
        m = _SORT_ITEM.match(text, pos)
        if m is None or m.end() == pos:
            errors.setdefault("sort", []).append(
                pair(f"並べ替えの指定「{sort}」を読めません。", f'cannot parse sort "{sort}"'))
            return []
        pos = m.end()
        name = m.group(1).replace('""', '"') if m.group(1) is not None else m.group(2).strip()
        col = cols.get(name)
        if col is None:
            errors.setdefault("sort", []).append(_unknown(name))
            continue
        direction = (m.group(3) or "asc").upper()
        nulls = f" NULLS {m.group(4).upper()}" if m.group(4) else " NULLS LAST"
        items.append((col, f"{col.sql} {direction}{nulls}"))
    return items


def value_expr(col: Column, *, json_ready: bool) -> str:
    """A column's value as SQL: NaN and infinity as NULL; JSON-ready: ISO date strings."""
    t = col.field.type
    if pa.types.is_floating(t):
        # No output format has NaN or infinity (JSON, CSV readers, XLSX): they become null.
        return f"CASE WHEN isfinite({col.sql}) THEN {col.sql} END"
    if not json_ready:
        return col.sql
    if pa.types.is_date(t):
        return f"strftime({col.sql}, '%Y-%m-%d')"
    if pa.types.is_timestamp(t):
        return f"strftime({col.sql}, '%Y-%m-%dT%H:%M:%S')"
    return col.sql


def _projection(col: Column, *, json_ready: bool) -> str:
    """The SELECT item of a column (formatted in SQL, which is faster than in Python)."""
    expr = value_expr(col, json_ready=json_ready)
    return expr if expr == col.sql else f"{expr} AS {col.sql}"


def build_query(
    *,
    cols: TableSchema,
    filters: Any = None,
    q: Any = None,
    fields: Any = None,
    sort: Any = None,
    distinct: bool = False,
    json_ready: bool = True,
) -> Query:
    """Check the parameters against the table and return the query, or raise validation."""
    errors: dict[str, list[str]] = {}
    selected = _fields(cols, fields, errors)
    conds, params = _filters_sql(cols, filters, errors) if filters else ([], [])
    conds += _q_sql(cols, q, errors)
    order = parse_sort(cols, sort, errors) if isinstance(sort, str) and sort.strip() else []
    if sort is not None and not isinstance(sort, str):
        errors.setdefault("sort", []).append(
            pair("sort は文字列で指定してください。", "sort must be a string"))
    if distinct:
        for col, _ in order:
            if col not in selected:
                errors.setdefault("sort", []).append(pair(
                    f"distinct のときは取得する列「{col.name}」でしか並べ替えできません。",
                    f'with distinct, sort only by returned fields ("{col.name}")'))
    if errors:
        raise validation_error(errors)
    keys = [sql for _, sql in order]
    sorted_cols = {col.name for col, _ in order}
    # A total order makes paging stable: _id last, or every returned column with distinct.
    tiebreak = selected if distinct else [cols.get(ID)]
    keys += [f"{c.sql} ASC NULLS LAST" for c in tiebreak if c and c.name not in sorted_cols]
    by_id = not order or (len(order) == 1 and order[0][1].startswith('"_id" ASC'))
    id_paging = not conds and not distinct and by_id
    return Query(
        columns=selected,
        select=", ".join(_projection(c, json_ready=json_ready) for c in selected),
        where=" AND ".join(conds),
        params=params,
        order=", ".join(keys),
        distinct=distinct,
        id_paging=id_paging,
        sorted=not by_id,
    )
