"""datastore_search and datastore_info with CKAN's semantics, over one Parquet file in DuckDB.

``search`` answers like CKAN's DataStore (ckanext/datastore, PostgreSQL backend):
``fields`` [{"id", "type"}] including ``_id`` (CKAN types int, numeric, text, date, time,
bool, timestamp), ``records`` as objects, lists or a CSV/TSV string without header,
``total`` (exact: ``total_was_estimated`` is always False), ``limit`` (clamped to 32000 like
``ckan.datastore.search.rows_max``), ``offset``, ``_links`` {start, next} and the query
parameters echoed. Rows come in ``_id`` order unless sorted, with ``_id`` as tiebreaker so
pages never overlap. Dates are ISO strings and timestamps "YYYY-MM-DDTHH:MM:SS", as CKAN's
JSON has them; NaN and infinity become null.

``_links``: pass ``links_base``, the URL of the current request (path and query string), and
the links repeat it with ``offset`` replaced, as CKAN does; without it the links are
``/api/3/action/datastore_search?resource_id=…`` plus the offset.

Speed (1M rows × 25 columns, shared 2-core machine): tables under a configured storage root
are searched in DuckDB's native copy (``pool``): filtered pages ~20–100 ms instead of
~350–750 ms on the Parquet file. An unfiltered page in ``_id`` order reads an ``_id`` range
(``convert`` numbers rows 1..n; row-group statistics skip the rest) instead of an OFFSET
scan; a sorted page first sorts only ``_id`` and the sort keys, then fetches its rows.
Full-text ``q`` scans every text column with a regex (``fulltext``): seconds on a million
rows, a fraction of a second on usual municipal tables.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import duckdb

from tabular.datastore.connections import deadline, query_error
from tabular.datastore.pool import table_cursor
from tabular.datastore.query import ID, Query, build_query, read_schema, validation_error
from tabular.datastore.types import ROWS_DEFAULT, ROWS_MAX, DatastoreError, TableRef, pair

__all__ = ["SEARCH_TIMEOUT_S", "DatastoreError", "TableRef", "info", "search"]

RecordsFormat = Literal["objects", "lists", "csv", "tsv"]
_FORMATS = ("objects", "lists", "csv", "tsv")

#: A search is interrupted after this long (a full-text search of millions of rows).
SEARCH_TIMEOUT_S = 30.0


def _int_param(name: str, value: Any, errors: dict[str, list[str]]) -> int:
    """Read a non-negative integer parameter (CKAN accepts numeric strings too)."""
    try:
        if isinstance(value, bool):
            raise ValueError
        number = int(value)
    except (TypeError, ValueError):
        errors.setdefault(name, []).append(
            pair(f"{name} は整数で指定してください。", f"{name} must be an integer"))
        return 0
    if number < 0:
        errors.setdefault(name, []).append(
            pair(f"{name} は 0 以上にしてください。", f"{name} must be 0 or more"))
    return number


def _links(base: str | None, resource_id: str, offset: int, limit: int) -> dict[str, str]:
    """CKAN's paging links: the same request from the start and at the next offset."""
    if base is None:
        base = f"/api/3/action/datastore_search?resource_id={quote(resource_id, safe='')}"
    parts = urlsplit(base)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "offset"]
    start = urlunsplit(parts._replace(query=urlencode(query)))
    following = urlunsplit(parts._replace(query=urlencode([*query, ("offset", offset + limit)])))
    return {"start": start, "next": following}


def _delimited(rows: list[tuple], delimiter: str) -> str:
    """Records as CSV or TSV text without header (CKAN's records_format csv/tsv)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else ("true" if v is True else "false")
                         if isinstance(v, bool) else v for v in row])
    return buf.getvalue()


def _select_sql(query: Query, *, limit: int, offset: int) -> tuple[str, list[Any]]:
    """The page's SELECT and its parameters."""
    distinct = "DISTINCT " if query.distinct else ""
    params = list(query.params)
    if query.id_paging:
        # _id is 1..n in file order: the page is an _id range, no OFFSET scan needed.
        sql = f'SELECT {query.select} FROM t WHERE "{ID}" > ? AND "{ID}" <= ?'  # noqa: S608
        return sql + f' ORDER BY "{ID}"', [offset, offset + limit]
    where = f" WHERE {query.where}" if query.where else ""
    # Names are checked and quoted, values bound (see query.py).
    if query.sorted and not query.distinct:
        # Sort only _id and the sort keys, then fetch the page's rows: a Top-N over every
        # column of a million rows took ~10× longer (measured).
        inner = f'SELECT "{ID}" FROM t{where} ORDER BY {query.order} LIMIT ? OFFSET ?'  # noqa: S608
        sql = f'SELECT {query.select} FROM t WHERE "{ID}" IN ({inner}) ORDER BY {query.order}'  # noqa: S608
        return sql, [*params, limit, offset]
    sql = f"SELECT {distinct}{query.select} FROM t{where} ORDER BY {query.order}"  # noqa: S608
    sql += " LIMIT ? OFFSET ?"
    return sql, [*params, limit, offset]


def _count_sql(query: Query) -> str:
    """The SELECT that counts every matching row (distinct rows with ``distinct``)."""
    where = f" WHERE {query.where}" if query.where else ""
    if query.distinct:
        return f"SELECT count(*) FROM (SELECT DISTINCT {query.select} FROM t{where})"  # noqa: S608
    return f"SELECT count(*) FROM t{where}"  # noqa: S608 - checked (query.py)


def search(
    *,
    table: TableRef,
    filters: dict | None = None,
    q: str | dict | None = None,
    fields: list[str] | None = None,
    sort: str | None = None,
    limit: int = ROWS_DEFAULT,
    offset: int = 0,
    include_total: bool = True,
    distinct: bool = False,
    records_format: RecordsFormat = "objects",
    links_base: str | None = None,
    timeout_s: float = SEARCH_TIMEOUT_S,
) -> dict:
    """Search a datastore table like CKAN's datastore_search; see the module docstring."""
    errors: dict[str, list[str]] = {}
    limit = _int_param("limit", limit, errors)
    offset = _int_param("offset", offset, errors)
    if records_format not in _FORMATS:
        errors.setdefault("records_format", []).append(pair(
            "records_format は objects, lists, csv, tsv のいずれかです。",
            "records_format must be one of objects, lists, csv, tsv"))
    if errors:
        raise validation_error(errors)
    limit = min(limit, ROWS_MAX)
    cols = read_schema(table)
    query = build_query(cols=cols, filters=filters, q=q, fields=fields, sort=sort,
                        distinct=bool(distinct))
    sql, params = _select_sql(query, limit=limit, offset=offset)
    total = None
    try:
        with table_cursor(table) as cur, deadline(cur, timeout_s):
            rows = cur.execute(sql, params).fetchall() if limit else []
            if include_total:
                if not query.where and not query.distinct:
                    total = cols.rows  # from the Parquet footer, no scan
                else:
                    found = cur.execute(_count_sql(query), query.params).fetchone()
                    total = int(found[0]) if found else 0
    except duckdb.Error as exc:
        raise query_error(exc) from exc
    names = [c.name for c in query.columns]
    records: Any
    if records_format == "objects":
        records = [dict(zip(names, row, strict=True)) for row in rows]
    elif records_format == "lists":
        records = [list(row) for row in rows]
    else:
        records = _delimited(rows, "," if records_format == "csv" else "\t")
    result: dict[str, Any] = {
        "include_total": bool(include_total),
        "limit": limit,
        "offset": offset,
        "records_format": records_format,
        "resource_id": table.resource_id,
        "fields": [{"id": c.name, "type": c.ckan} for c in query.columns],
        "records": records,
        "_links": _links(links_base, table.resource_id, offset, limit),
    }
    if include_total:
        result["total"] = total
        result["total_was_estimated"] = False
    if filters:
        result["filters"] = filters
    if q:
        result["q"] = q
    if sort:
        result["sort"] = sort
    if distinct:
        result["distinct"] = True
    return result


def info(*, table: TableRef) -> dict:
    """Describe a datastore table like CKAN's datastore_info: meta and fields with metadata."""
    cols = read_schema(table)
    fields = []
    for col in cols.columns:
        if col.name == ID:
            continue  # CKAN lists only the data columns here
        meta = col.field.metadata or {}
        extra = {k.decode(errors="replace"): meta[k].decode(errors="replace")
                 for k in (b"header", b"type", b"role") if k in meta}
        fields.append({
            "id": col.name,
            "type": col.ckan,
            "info": {"label": extra.get("header", col.name), **extra},
            "schema": {
                "native_type": str(col.field.type),
                "notnull": not col.field.nullable,
                "is_index": False,
                "uniquekey": False,
            },
        })
    return {
        "meta": {
            "id": table.resource_id,
            "count": cols.rows,
            "size": cols.size,
            "row_groups": cols.row_groups,
            "table_type": "BASE TABLE",
            "format": "parquet",
        },
        "fields": fields,
    }
