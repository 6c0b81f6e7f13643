"""Streamed exports of a datastore table (whole or filtered) as CSV, TSV, JSON or XLSX.

``export`` checks its parameters at once (raising ``DatastoreError`` before any byte is
sent) and returns an iterator of byte chunks, read batch by batch from DuckDB:

* csv / tsv: UTF-8 without BOM (the caller may prepend one), CRLF line ends, header row,
  text quoted, formulas neutralised in text cells and headers (``neutralise``; typed numbers
  are left as they are), ISO dates. Vectorised with pyarrow.
* json: CKAN's dump layout ``{"fields": [{"id", "type"}], "records": [[…], …]}``, each row
  serialised by DuckDB's ``json_array`` (no Python per cell), dates ISO, NaN as null.
* xlsx: openpyxl write-only into a temporary file, then streamed and deleted. Cells are
  typed (numbers, dates, booleans); text is always a string cell (never a formula, even
  when it starts with "=") and a text cell that could be read as a formula also gets
  Excel's quote prefix, so that editing it keeps it text. Characters XLSX cannot hold
  (control characters) are dropped.

Rows come in ``_id`` order unless sorted, and include ``_id`` unless ``fields`` says otherwise
(as CKAN's datastore dump does).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pcsv

from tabular.datastore.connections import memory_error, query_error, resolved
from tabular.datastore.neutralise import csv_column, is_dangerous, neutralise, neutralise_array
from tabular.datastore.pool import table_cursor
from tabular.datastore.query import Query, build_query, read_schema, validation_error, value_expr
from tabular.datastore.types import DatastoreError, TableRef, pair

__all__ = ["FORMATS", "XLSX_MAX_ROWS", "export", "neutralise", "neutralise_array"]

FORMATS = ("csv", "tsv", "json", "xlsx")
BATCH_ROWS = 50_000
XLSX_MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows minus the header
_CHUNK = 1 << 20


def _order_where(query: Query) -> str:
    """The WHERE and ORDER BY clauses (names checked and quoted in query.py)."""
    where = f" WHERE {query.where}" if query.where else ""
    if not query.sorted and not query.distinct:
        # The file (and its copy) is in _id order and DuckDB keeps insertion order for a
        # scan without ORDER BY (preserve_insertion_order, on by default): no sort, so the
        # export streams in constant memory instead of sorting every row first.
        return where
    return f"{where} ORDER BY {query.order}"


def _batches(table: TableRef, sql: str, params: list) -> Iterator[pa.RecordBatch]:
    """Stream the result of ``sql`` on the table in Arrow batches."""
    try:
        with table_cursor(table) as cur:
            yield from cur.sql(sql, params=params).to_arrow_reader(BATCH_ROWS)
    except duckdb.OutOfMemoryException as exc:
        raise memory_error() from exc
    except duckdb.Error as exc:
        raise query_error(exc) from exc


def _delimited(table: TableRef, query: Query, delimiter: str) -> Iterator[bytes]:
    """CSV or TSV bytes, header first."""
    names = [neutralise(c.name) for c in query.columns]
    sql = f"SELECT {query.select} FROM t{_order_where(query)}"  # noqa: S608 - checked
    first = True
    for batch in _batches(table, sql, query.params):
        cols = [csv_column(c) for c in batch.columns]
        buf = pa.BufferOutputStream()
        options = pcsv.WriteOptions(include_header=first, delimiter=delimiter, eol="\r\n")
        pcsv.write_csv(pa.Table.from_arrays(cols, names=names), buf, options)
        first = False
        yield buf.getvalue().to_pybytes()
    if first:  # no rows: the header alone
        buf = pa.BufferOutputStream()
        pairs = zip(names, query.columns, strict=True)
        empty = pa.schema([pa.field(n, pa.string()) for n, _ in pairs])
        pcsv.write_csv(empty.empty_table(), buf, pcsv.WriteOptions(delimiter=delimiter, eol="\r\n"))
        yield buf.getvalue().to_pybytes()


def _json(table: TableRef, query: Query) -> Iterator[bytes]:
    """CKAN's dump JSON: fields, then records as arrays."""
    fields = [{"id": c.name, "type": c.ckan} for c in query.columns]
    yield ('{"fields": ' + json.dumps(fields, ensure_ascii=False) + ', "records": [').encode()
    row = ", ".join(value_expr(c, json_ready=True) for c in query.columns)
    sql = f"SELECT CAST(json_array({row}) AS VARCHAR) AS j FROM t{_order_where(query)}"  # noqa: S608
    first = True
    for batch in _batches(table, sql, query.params):
        lines = batch.column(0).to_pylist()
        if not lines:
            continue
        yield (("\n" if first else ",\n") + ",\n".join(lines)).encode()
        first = False
    yield b"\n]}\n"


def _xlsx_value(value: Any) -> Any:
    """A value openpyxl accepts: control characters (illegal in XLSX) removed from text."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _xlsx(table: TableRef, query: Query) -> Iterator[bytes]:
    """An XLSX workbook, built in a temporary file and streamed."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("data")

    def text_cell(value: str) -> WriteOnlyCell:
        """A string cell that is never a formula."""
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # openpyxl would make "=…" a formula
        if is_dangerous(value):
            cell.quotePrefix = True
        return cell

    ws.append([text_cell(_xlsx_value(c.name)) for c in query.columns])
    sql = f"SELECT {query.select} FROM t{_order_where(query)}"  # noqa: S608 - checked
    text = [pa.types.is_string(c.field.type) for c in query.columns]
    for batch in _batches(table, sql, query.params):
        columns = [col.to_pylist() for col in batch.columns]
        for row in zip(*columns, strict=True):
            ws.append([
                text_cell(_xlsx_value(v)) if is_text and v is not None else v
                for v, is_text in zip(row, text, strict=True)
            ])
    fd, name = tempfile.mkstemp(suffix=".xlsx", prefix="kanmin-export-")
    os.close(fd)
    try:
        wb.save(name)
        with open(name, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                yield chunk
    finally:
        os.unlink(name)


def _check_xlsx_size(table: TableRef, query: Query, rows: int) -> None:
    """Refuse an XLSX export with more rows than Excel can hold."""
    if rows <= XLSX_MAX_ROWS:
        return
    if query.where:
        sql = f"SELECT count(*) FROM t WHERE {query.where}"  # noqa: S608 - checked
        with table_cursor(table) as cur:
            found = cur.execute(sql, query.params).fetchone()
        rows = int(found[0]) if found else 0
    if rows > XLSX_MAX_ROWS:
        raise DatastoreError(
            "too-many-rows",
            f"XLSX には {XLSX_MAX_ROWS:,} 行までしか入りません（{rows:,} 行）。"
            "CSV を使うか絞り込んでください。",
            f"XLSX holds at most {XLSX_MAX_ROWS:,} rows ({rows:,}). Use CSV or filter the rows.",
        )


def export(
    *,
    table: TableRef,
    fmt: str,
    filters: dict | None = None,
    q: str | dict | None = None,
    fields: list[str] | None = None,
    sort: str | None = None,
) -> Iterator[bytes]:
    """Check the request and return the export's bytes as an iterator (see module docstring)."""
    if fmt not in FORMATS:
        raise validation_error({"format": [pair(
            "形式は csv, tsv, json, xlsx のいずれかです。",
            "format must be one of csv, tsv, json, xlsx")]})
    resolved(table)
    cols = read_schema(table)
    query = build_query(cols=cols, filters=filters, q=q, fields=fields, sort=sort,
                        json_ready=False)
    if fmt == "json":
        return _json(table, query)
    if fmt == "xlsx":
        _check_xlsx_size(table, query, cols.rows)
        return _xlsx(table, query)
    return _delimited(table, query, "," if fmt == "csv" else "\t")
