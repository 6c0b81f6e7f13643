"""The 進捗評価表 as CSV (formula-neutralised, UTF-8 with BOM for Excel) and XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from plan.reports import ProgressTable
from tabular.datastore.neutralise import neutralise


def _safe(value):
    """Text cells cannot start a formula; numbers stay numbers."""
    if isinstance(value, str):
        return neutralise(value)
    return value


def to_csv(table: ProgressTable) -> bytes:
    """CSV bytes (UTF-8 with BOM, CRLF) of the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_safe(h) for h in table.headers])
    for row in table.rows:
        writer.writerow(["" if v is None else _safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: ProgressTable, *, title: str, sheet: str = "進捗評価表") -> bytes:
    """An XLSX workbook with the plan title, a header row and one row per KPI."""
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append([_safe(title)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_safe(h) for h in table.headers])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        ws.append([_safe(v) for v in row])
    widths = {"C": 36, "E": 30, "O": 50}
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
