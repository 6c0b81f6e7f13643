"""Read workbooks: XLSX with openpyxl (read-only, cached values) and BIFF XLS with xlrd.

Every non-empty sheet becomes one ``Table`` named after the sheet. Formulas give their cached
value, never the formula text (a workbook saved by a program that does not compute formulas
has empty cells there). Cell values become text with ``cells.cell_text``. Merged cells are
read from the sheet so that a header spanning several columns can be spread over them when
the header has several rows (see ``structure``).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import openpyxl
import xlrd
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from xlrd.compdoc import CompDocError

from tabular.engine.readers.cells import cell_text, number_text
from tabular.engine.readers.rows import RowAssembler
from tabular.engine.structure import MergedRange, analyse_layout, finish_table, named_width
from tabular.engine.types import Notice, Progress, ReadResult, Table, TabularError

_SAMPLE_ROWS = 200
_PROGRESS_EVERY = 50_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def read_xlsx(
    path: Path, *, encoding: str | None = None, max_rows: int | None, progress: Progress
) -> ReadResult:
    """Read every non-empty sheet of an XLSX workbook (whatever the file is named)."""
    try:
        with path.open("rb") as fh, warnings.catch_warnings():
            # openpyxl warns about parts it skips (headers/footers, data validation…),
            # none of which hold cell values.
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            try:
                sheets = [
                    (ws.title, _xlsx_rows(ws), _xlsx_merges(path, ws)) for ws in book.worksheets
                ]
                return _read_sheets("xlsx", sheets, max_rows=max_rows, progress=progress)
            finally:
                book.close()
    except TabularError:
        raise
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        OSError,
        SyntaxError,
    ) as exc:
        raise _corrupt(exc) from exc


def _xlsx_rows(ws) -> Iterator[list[str | None]]:
    """Rows of a read-only worksheet as text, ignoring the sheet's declared dimensions."""
    ws.reset_dimensions()  # declared sizes are often wrong; read what is really there
    for row in ws.iter_rows(values_only=True):
        yield [cell_text(value) for value in row]


def _xlsx_merges(path: Path, ws) -> list[MergedRange]:
    """Merged ranges near the top of a sheet, scanned from its XML (read-only mode hides them)."""
    member = getattr(ws, "_worksheet_path", "").lstrip("/")
    merges: list[MergedRange] = []
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
            tail = b""
            while chunk := xml.read(1 << 20):
                data = tail + chunk
                for match in _MERGE.finditer(data):
                    merges.append(_merge(match.group(1).decode("ascii")))
                cut = data.rfind(b"<")
                tail = data[cut:] if cut >= 0 and b">" not in data[cut:] else b""
    except (KeyError, zipfile.BadZipFile, ValueError):
        return []
    return [m for m in merges if m.first_row < _SAMPLE_ROWS]


def _merge(ref: str) -> MergedRange:
    """An A1-style range as 0-based row and column indexes."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return MergedRange(min_row - 1, max_row - 1, min_col - 1, max_col - 1)


def read_xls(
    path: Path, *, encoding: str | None = None, max_rows: int | None, progress: Progress
) -> ReadResult:
    """Read every non-empty sheet of a legacy BIFF (Excel 97–2003) workbook with xlrd."""
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise TabularError(
            "encrypted-file",
            "パスワードで保護されたブックは読めません。保護を解除して保存し直してください。",
            "Cannot read a password-protected workbook. Remove the protection and save again.",
            step="read",
        )
    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except (xlrd.XLRDError, CompDocError) as exc:
        if "workbook" in str(exc).lower() and "find" in str(exc).lower():
            raise TabularError(
                "unknown-format",
                "Excel のブックではない OLE2 形式のファイル（古い Word 文書など）です。",
                "The file is an OLE2 document that is not an Excel workbook (an old Word "
                "document, perhaps).",
                step="detect",
            ) from exc
        raise _corrupt(exc) from exc
    except (ValueError, AssertionError, IndexError, KeyError) as exc:
        raise _corrupt(exc) from exc
    try:
        sheets = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            merges = [
                MergedRange(rlo, rhi - 1, clo, chi - 1)
                for rlo, rhi, clo, chi in sheet.merged_cells
                if rlo < _SAMPLE_ROWS
            ]
            sheets.append((sheet.name, _xls_rows(sheet, book.datemode), merges))
        return _read_sheets("xls", sheets, max_rows=max_rows, progress=progress)
    finally:
        book.release_resources()


def _xls_rows(sheet, datemode: int) -> Iterator[list[str | None]]:
    """Rows of an xlrd sheet as text (dates through xldate, numbers as Excel shows them)."""
    for r in range(sheet.nrows):
        yield [_xls_cell(cell, datemode) for cell in sheet.row(r)]


def _xls_cell(cell, datemode: int) -> str | None:
    """One xlrd cell as text."""
    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_TEXT:
        return value or None
    if kind == xlrd.XL_CELL_NUMBER:
        return number_text(float(value))
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return number_text(float(value))
        if value < 1:
            return cell_text(moment.time())
        return cell_text(moment)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")
    return cell_text(value)


def _read_sheets(
    fmt: str,
    sheets: Iterable[tuple[str, Iterator[list[str | None]], Sequence[MergedRange]]],
    *,
    max_rows: int | None,
    progress: Progress,
) -> ReadResult:
    """Turn each sheet's rows into a table; skip empty sheets; refuse an empty workbook."""
    tables: list[Table] = []
    empty: list[str] = []
    for name, rows, merges in sheets:
        table = _read_sheet(name, rows, merges, max_rows=max_rows, progress=progress)
        if table is None:
            empty.append(name)
        else:
            tables.append(table)
    notices = []
    if empty and tables:
        listed = "、".join(empty)
        notices.append(
            Notice(
                "empty-sheets-skipped",
                f"空のシートを読み飛ばしました: {listed}。",
                f"Skipped empty sheets: {', '.join(empty)}.",
            )
        )
    if not tables:
        raise TabularError(
            "empty-file",
            "ブックのどのシートにもデータがありません。",
            "No sheet of the workbook contains data.",
            step="parse",
        )
    return ReadResult(format=fmt, encoding=None, tables=tables, notices=notices)


def _read_sheet(
    name: str,
    rows: Iterator[list[str | None]],
    merges: Sequence[MergedRange],
    *,
    max_rows: int | None,
    progress: Progress,
) -> Table | None:
    """One sheet as a table, or None when it has no non-empty cell."""
    sample: list[list[str | None]] = []
    for row in rows:
        sample.append(row)
        if len(sample) >= _SAMPLE_ROWS:
            break
    layout = analyse_layout(sample, merges=merges)
    if layout is None:
        return None
    assembler = RowAssembler(header_width=named_width(layout.headers))
    limited = False
    data_rows = 0
    number = layout.data_start
    for row in _chain(sample[layout.data_start :], rows):
        number += 1
        if max_rows is not None and data_rows >= max_rows:
            limited = True
            break
        assembler.add(row, number)
        if any(row):
            data_rows += 1
        if assembler.rows % _PROGRESS_EVERY == 0:
            progress("read", assembler.rows, 0)
    data, numbers = assembler.finish()
    notices = list(layout.notices)
    if limited:
        notices.append(
            Notice(
                "rows-limited",
                f"先頭の {max_rows} 行だけを読みました。",
                f"Only the first {max_rows} data rows were read.",
            )
        )
    return finish_table(
        name=name,
        headers=layout.headers,
        data=data,
        row_numbers=numbers,
        header_row=layout.header_row,
        notices=notices,
        ragged_notices=False,
    )


def _chain(first: list[list[str | None]], rest: Iterator[list[str | None]]):
    """The sampled rows, then the rest of the sheet."""
    yield from first
    yield from rest


def _corrupt(exc: Exception) -> TabularError:
    """The error for a workbook that its library cannot open."""
    return TabularError(
        "corrupt-workbook",
        "Excel のブックが壊れているか、対応していない形式のため開けません。",
        f"The Excel workbook is damaged or in an unsupported variant and cannot be opened "
        f"({type(exc).__name__}: {exc}).",
        step="read",
    )
