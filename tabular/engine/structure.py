"""Find the table inside a sheet of rows: header row(s), title and metadata rows, data start.

Pure Python, used by every reader (CSV/TSV and Excel alike). It looks only at the first rows
of a sheet (``analyse_layout``); the readers then stream the body and ``finish_table`` applies
the column and blank-row rules to the whole table.

Rules (each one leaves a ``Notice``):

* **LinkData metadata rows.** Rows whose first cell is ``#`` followed by a letter (``#LINK``,
  ``#lang``, ``#license``, ``#object_type_xsd``… as written by linkdata.org; Takamatsu and
  Ube publish these) are metadata, skipped when they come before the data. A row whose first
  cell starts with ``#property`` *is* the header row: its other cells are the column names,
  and the first cell, which is only the marker, becomes an empty header (that column holds
  LinkData's row ids). Takamatsu's XLSX files use the same ``#property`` header row.
* **Title and note rows.** The header is the first row whose number of non-empty cells is at
  least half of the widest row among the first 50 (and at least two), preferring a row that
  is not mostly numbers. Rows above it (titles, ``注1)`` notes, units) are skipped.
* **Multi-row headers.** The row below the header is a sub-header when it only has text
  under cells that span several columns (a merged cell in Excel, or a header followed by
  empty cells in CSV) and nothing under single-column headers; in Excel, a header cell merged
  downwards also pulls the rows it covers into the header. At most three header rows. The
  span's text is spread over its columns and each column's name is the non-empty parts from
  top to bottom, consecutive repeats removed, joined with ``_`` (``人口`` over ``男`` →
  ``人口_男``), the separator the 自治体標準オープンデータセット uses itself (``名称_カナ``).
* **Repeated header.** A first data row equal to the header row is dropped.
* **Blank rows** (every cell empty) are dropped; **trailing columns** with an empty header
  and no data are dropped; cells beyond the header become extra columns with an empty
  header only when some row has data there.

Headers are kept exactly as written: no NFKC, no trimming. Matching them against a standard
is done later, on a normalised copy.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from tabular.engine.types import Notice, Table

Cell = str | None
Row = Sequence[Cell]

_META = re.compile(r"#[A-Za-z]")
_PROPERTY = re.compile(r"#property(?![A-Za-z0-9_])")
_NUMERIC = re.compile(r"[+\-−]?[0-9０-９][0-9０-９,，.．:/\-]*%?")
_SCAN_ROWS = 50
_MAX_HEADER_ROWS = 3
_LIST_LIMIT = 20


@dataclass(frozen=True)
class MergedRange:
    """A merged cell area in a sheet, as 0-based indexes into the rows given (inclusive)."""

    first_row: int
    last_row: int
    first_col: int
    last_col: int


@dataclass
class Layout:
    """Where the table sits in a sheet: its headers, where data starts, what was skipped."""

    headers: list[str]
    header_row: int  # 1-based source row of the last header row
    data_start: int  # index (into the rows analysed) of the first row after the header
    notices: list[Notice] = field(default_factory=list)


def is_blank(row: Row) -> bool:
    """True when every cell of a row is empty (``None`` or ``""``)."""
    return not any(row)


def analyse_layout(
    rows: Sequence[Row],
    *,
    row_numbers: Sequence[int] | None = None,
    merges: Sequence[MergedRange] = (),
) -> Layout | None:
    """Find the header of the table in the first rows of a sheet; None when all are blank."""
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(rows) + 1))
    start = 0
    meta: list[int] = []
    while start < len(rows):
        row = rows[start]
        if is_blank(row):
            start += 1
            continue
        first = row[0] or ""
        if _PROPERTY.match(first):
            return _linkdata_layout(rows, numbers, start, meta)
        if not _META.match(first):
            break
        meta.append(start)
        start += 1
    if start >= len(rows):
        return None
    head = _choose_header(rows, start)
    header_rows = _header_rows(rows, head, merges)
    headers = _join_headers(rows, header_rows, merges)
    notices: list[Notice] = []
    if meta:
        notices.append(_metadata_notice([numbers[i] for i in meta], linkdata=False))
    titles = [i for i in range(start, head) if not is_blank(rows[i])]
    if titles:
        notices.append(_titles_notice(rows, numbers, titles))
    if len(header_rows) > 1:
        notices.append(_multi_row_notice([numbers[i] for i in header_rows], headers))
    data_start = header_rows[-1] + 1
    if len(header_rows) == 1 and data_start < len(rows):
        if _trimmed(rows[data_start]) == _trimmed(rows[head]):
            notices.append(
                Notice(
                    "header-repeated",
                    f"{numbers[data_start]} 行目は見出し行の繰り返しなので除きました。",
                    f"Row {numbers[data_start]} repeats the header row and was dropped.",
                    row=numbers[data_start],
                )
            )
            data_start += 1
    return Layout(headers, numbers[header_rows[-1]], data_start, notices)


def _linkdata_layout(rows: Sequence[Row], numbers: list[int], head: int, meta: list[int]) -> Layout:
    """Layout of a LinkData sheet: the ``#property`` row is the header, ``#…`` rows skipped."""
    headers = ["", *[cell or "" for cell in rows[head][1:]]]
    data_start = head + 1
    while data_start < len(rows) and (
        is_blank(rows[data_start]) or _META.match(rows[data_start][0] or "")
    ):
        if not is_blank(rows[data_start]):
            meta.append(data_start)
        data_start += 1
    notices = [_metadata_notice([numbers[i] for i in meta], linkdata=True)] if meta else []
    return Layout(headers, numbers[head], data_start, notices)


def _filled(row: Row) -> list[bool]:
    """Which cells of a row hold something other than whitespace."""
    return [bool(cell and cell.strip()) for cell in row]


def _width(row: Row) -> int:
    """Number of non-empty cells in a row."""
    return sum(_filled(row))


def _mostly_numeric(row: Row) -> bool:
    """True when at least half the non-empty cells look like numbers, dates or codes."""
    values = [cell.strip() for cell in row if cell and cell.strip()]
    numeric = sum(1 for value in values if _NUMERIC.fullmatch(value))
    return bool(values) and numeric * 2 >= len(values)


def _choose_header(rows: Sequence[Row], start: int) -> int:
    """Index of the header row: the first wide, mostly textual row after the title rows."""
    window = range(start, min(len(rows), start + _SCAN_ROWS))
    widest = max(_width(rows[i]) for i in window)
    threshold = max(2, math.ceil(widest / 2)) if widest >= 2 else 1
    wide = [i for i in window if _width(rows[i]) >= threshold]
    for i in wide:
        if not _mostly_numeric(rows[i]):
            return i
    return wide[0] if wide else start


def _row_merges(merges: Sequence[MergedRange], row: int) -> list[MergedRange]:
    """The merged ranges whose top-left cell is in ``row``."""
    return [m for m in merges if m.first_row == row]


def _gap_spans(parent: Row, child: Row) -> list[tuple[int, int]]:
    """Spans of a CSV header cell over the empty cells after it that have text below them."""
    filled_parent = _filled(parent)
    filled_child = _filled(child)
    spans = []
    for col, has_text in enumerate(filled_parent):
        if not has_text:
            continue
        end = col
        while (
            end + 1 < len(filled_parent)
            and not filled_parent[end + 1]
            and end + 1 < len(filled_child)
            and filled_child[end + 1]
        ):
            end += 1
        if end > col:
            spans.append((col, end))
    return spans


def _header_rows(rows: Sequence[Row], head: int, merges: Sequence[MergedRange]) -> list[int]:
    """The header row and the sub-header rows below it (merged or spanned headers)."""
    result = [head]
    covered_until = max((m.last_row for m in _row_merges(merges, head)), default=head)
    while len(result) < _MAX_HEADER_ROWS:
        above, below = result[-1], result[-1] + 1
        if below >= len(rows):
            break
        if below > covered_until:
            spans = _horizontal_spans(merges, above) or _gap_spans(rows[above], rows[below])
            if not spans or not _is_subheader(rows[below], spans):
                break
        result.append(below)
        covered_until = max([covered_until, *(m.last_row for m in _row_merges(merges, below))])
    return result


def _horizontal_spans(merges: Sequence[MergedRange], row: int) -> list[tuple[int, int]]:
    """Column spans of the cells of ``row`` that are merged across several columns."""
    return [(m.first_col, m.last_col) for m in _row_merges(merges, row) if m.last_col > m.first_col]


def _is_subheader(child: Row, spans: list[tuple[int, int]]) -> bool:
    """True when ``child`` has text only under spanning parent cells, and none is a number."""
    inside = {col for first, last in spans for col in range(first, last + 1)}
    starts = {first for first, _ in spans}
    filled = [col for col, has_text in enumerate(_filled(child)) if has_text]
    if not filled or any(col not in inside for col in filled):
        return False
    if any(_NUMERIC.fullmatch((child[col] or "").strip()) for col in filled):
        return False
    return any(col not in starts for col in filled)


def _join_headers(
    rows: Sequence[Row], header_rows: list[int], merges: Sequence[MergedRange]
) -> list[str]:
    """Column names from one or more header rows (see the module docstring for the rule)."""
    if len(header_rows) == 1:
        return [cell or "" for cell in rows[header_rows[0]]]
    width = max(len(rows[i]) for i in header_rows)
    grid = [[_cell(rows[i], c) for c in range(width)] for i in header_rows]
    first, last = header_rows[0], header_rows[-1]
    for m in merges:
        if not first <= m.first_row <= last or m.first_col >= width:
            continue
        value = grid[m.first_row - first][m.first_col]
        for r in range(m.first_row, min(m.last_row, last) + 1):
            for c in range(m.first_col, min(m.last_col, width - 1) + 1):
                grid[r - first][c] = value
    for level in range(len(header_rows) - 1):
        if _horizontal_spans(merges, header_rows[level]):
            continue
        for col_first, col_last in _gap_spans(grid[level], grid[level + 1]):
            for c in range(col_first + 1, col_last + 1):
                grid[level][c] = grid[level][col_first]
    headers = []
    for c in range(width):
        parts: list[str] = []
        for level in range(len(header_rows)):
            value = grid[level][c]
            if value.strip() and (not parts or parts[-1] != value):
                parts.append(value)
        headers.append("_".join(parts))
    return headers


def _cell(row: Row, col: int) -> str:
    """The text of a cell, "" when empty or beyond the row's end."""
    return (row[col] if col < len(row) else None) or ""


def _trimmed(row: Row) -> list[str]:
    """A row's cells as text with trailing empty cells removed (for comparisons)."""
    cells = [cell or "" for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def format_rows(numbers: Sequence[int]) -> str:
    """A short list of row numbers for messages: the first twenty, then how many more."""
    shown = ", ".join(str(n) for n in numbers[:_LIST_LIMIT])
    more = len(numbers) - _LIST_LIMIT
    return f"{shown} (+{more})" if more > 0 else shown


def _metadata_notice(numbers: list[int], *, linkdata: bool) -> Notice:
    """Notice for skipped ``#`` metadata rows."""
    extra_ja = (
        "（LinkData 形式: #property 行を見出しとし、その先頭セルは空の見出しにしました）"
        if linkdata
        else ""
    )
    extra_en = (
        " (LinkData layout: the #property row is the header; its marker cell became an "
        "empty header)"
        if linkdata
        else ""
    )
    return Notice(
        "metadata-rows-skipped",
        f"「#」で始まるメタデータ行を {len(numbers)} 行除きました: "
        f"{format_rows(numbers)}{extra_ja}。",
        f"Skipped {len(numbers)} metadata rows starting with '#': "
        f"{format_rows(numbers)}{extra_en}.",
        row=numbers[0],
    )


def _titles_notice(rows: Sequence[Row], numbers: list[int], titles: list[int]) -> Notice:
    """Notice for title and note rows above the header."""
    first = next((cell for cell in rows[titles[0]] if cell and cell.strip()), "")
    preview = first.strip()[:40]
    listed = format_rows([numbers[i] for i in titles])
    return Notice(
        "title-rows-skipped",
        f"見出しより上のタイトル・注記の行を {len(titles)} 行除きました: "
        f"{listed}（「{preview}」など）。",
        f"Skipped {len(titles)} title or note rows above the header: {listed} ('{preview}'…).",
        row=numbers[titles[0]],
    )


def _multi_row_notice(numbers: list[int], headers: list[str]) -> Notice:
    """Notice for headers joined from several rows."""
    example = next((h for h in headers if "_" in h), headers[0] if headers else "")
    listed = format_rows(numbers)
    return Notice(
        "multi-row-header",
        f"{listed} 行目を見出しとし、上下の見出しを「_」でつなぎました（例: {example}）。",
        f"Rows {listed} form the header; their parts were joined with '_' (e.g. {example}).",
        row=numbers[0],
    )


def finish_table(
    *,
    name: str,
    headers: list[str],
    data: pa.Table,
    row_numbers: pa.Array,
    header_row: int,
    notices: list[Notice],
    ragged_notices: bool,
    short_rows: int = 0,
) -> Table:
    """Apply the whole-table rules (blank rows, trailing and extra columns) and build a Table.

    ``data`` holds string columns named ``c0…`` (any count); ``short_rows`` is how many data
    rows had fewer cells than the header when the reader already padded them.
    ``ragged_notices`` is for text formats, where a row with too few or too many cells is a
    fault of the file; in a workbook, rows simply end at their last filled cell.
    """
    notices = list(notices)
    data, row_numbers = _drop_blank_rows(data, row_numbers, notices)
    headers = list(headers)
    width = data.num_columns
    if width < len(headers):
        if ragged_notices and data.num_rows and width < named_width(headers):
            short_rows = data.num_rows
        data = _pad(data, len(headers))
    if ragged_notices and short_rows:
        notices.append(
            Notice(
                "short-rows-padded",
                f"見出しよりセルが少ない行が {short_rows} 行あり、足りないセルを空欄としました。",
                f"{short_rows} rows have fewer cells than the header; the missing cells are empty.",
            )
        )
    columns = [data.column(i) for i in range(data.num_columns)]
    has_data = [col.null_count < len(col) for col in columns]
    keep = len(columns)
    while keep > 0 and not has_data[keep - 1] and not _header_at(headers, keep - 1).strip():
        keep -= 1
    dropped_extra = max(0, len(columns) - max(keep, len(headers)))
    dropped_trailing = len(columns) - keep - dropped_extra
    if dropped_trailing > 0:
        notices.append(
            Notice(
                "trailing-columns-dropped",
                f"見出しもデータもない右端の列を {dropped_trailing} 列除きました。",
                f"Dropped {dropped_trailing} trailing columns with neither a header nor data.",
            )
        )
    if dropped_extra > 0 and ragged_notices:
        notices.append(
            Notice(
                "extra-cells-dropped",
                f"見出しより右にある空のセル（{dropped_extra} 列分）を除きました。",
                f"Dropped empty cells beyond the header ({dropped_extra} columns).",
            )
        )
    if keep > len(headers):
        notices.append(
            Notice(
                "extra-columns-kept",
                "見出しより右のセルにデータがあるため、見出しが空の列を "
                f"{keep - len(headers)} 列加えました。",
                f"Cells beyond the header hold data: added {keep - len(headers)} columns with an "
                "empty header.",
            )
        )
    final_headers = [_header_at(headers, i) for i in range(keep)]
    table = pa.table(columns[:keep], names=[f"c{i}" for i in range(keep)])
    return Table(name, final_headers, table, row_numbers, header_row, notices)


def named_width(headers: Sequence[str]) -> int:
    """Number of header cells up to the last one that is not empty."""
    width = len(headers)
    while width and not headers[width - 1].strip():
        width -= 1
    return width


def _header_at(headers: list[str], index: int) -> str:
    """The header of a column, or "" for a column beyond the header row."""
    return headers[index] if index < len(headers) else ""


def _pad(data: pa.Table, width: int) -> pa.Table:
    """Add all-null string columns on the right up to ``width``."""
    columns = [data.column(i) for i in range(data.num_columns)]
    columns += [pa.nulls(data.num_rows, pa.string())] * (width - len(columns))
    return pa.table(columns, names=[f"c{i}" for i in range(width)])


def _drop_blank_rows(
    data: pa.Table, row_numbers: pa.Array, notices: list[Notice]
) -> tuple[pa.Table, pa.Array]:
    """Remove rows whose cells are all empty, noting their source row numbers."""
    from tabular.engine import compute as pc  # loaded while the body is read (pipeline.ingest)
    from tabular.engine.arrays import single

    if data.num_columns == 0 or data.num_rows == 0:
        return data, row_numbers
    blank = pc.is_null(data.column(0))
    for i in range(1, data.num_columns):
        blank = pc.and_(blank, pc.is_null(data.column(i)))
    count = pc.sum(blank).as_py() or 0
    if not count:
        return data, row_numbers
    blank = single(blank)  # the columns may be chunked; the row numbers stay one array
    numbers = pc.filter(row_numbers, blank).to_pylist()
    keep = pc.invert(blank)
    notices.append(
        Notice(
            "blank-row",
            f"空の行を {count} 行除きました: {format_rows(numbers)}。",
            f"Dropped {count} blank rows: {format_rows(numbers)}.",
            row=numbers[0],
        )
    )
    return data.filter(keep), pc.filter(row_numbers, keep)
