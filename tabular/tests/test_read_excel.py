"""Reading workbooks: XLSX through openpyxl, legacy XLS cells through xlrd."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlrd
from xlrd.sheet import Cell

from tabular.engine.read import read_file
from tabular.engine.readers.excel import _xls_cell
from tabular.engine.types import TabularError


def save(book: openpyxl.Workbook, path: Path) -> Path:
    """Save a workbook to ``path`` (any name: the content decides the format)."""
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def patch_member(path: Path, member: str, old: bytes, new: bytes) -> None:
    """Replace bytes inside one member of a ZIP file (to write what openpyxl cannot)."""
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    assert old in contents[member]
    contents[member] = contents[member].replace(old, new)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


def first_row(path: Path) -> dict:
    """The first data row of the first table of a file."""
    return read_file(path).tables[0].data.to_pylist()[0]


def typed_book() -> openpyxl.Workbook:
    """A sheet with one cell of each kind."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日付", "日時", "時刻", "整数の小数", "小数", "真偽", "整数", "文字"])
    sheet.append(
        [
            dt.datetime(2024, 4, 1),
            dt.datetime(2024, 4, 1, 9, 30, 15),
            dt.time(17, 15),
            12.0,
            34.08737,
            True,
            352012,
            " 下関市 ",
        ]
    )
    return book


def test_cells_become_text_by_excel_rules(tmp_path):
    row = first_row(save(typed_book(), tmp_path / "t.xlsx"))
    assert list(row.values()) == [
        "2024-04-01",
        "2024-04-01T09:30:15",
        "17:15:00",
        "12",
        "34.08737",
        "TRUE",
        "352012",
        " 下関市 ",
    ]


def test_formula_gives_its_cached_value_never_its_text(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.active.append([1, 42])
    path = save(book, tmp_path / "f.xlsx")
    patch_member(path, "xl/worksheets/sheet1.xml", b"<v>42</v>", b"<f>SUM(40,2)</f><v>42</v>")
    assert first_row(path) == {"c0": "1", "c1": "42"}


def test_formula_without_cached_value_is_empty_not_formula_text(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.active.append([1, "=1+1"])
    assert first_row(save(book, tmp_path / "f.xlsx")) == {"c0": "1", "c1": None}


def test_each_non_empty_sheet_is_a_table_named_after_it(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "病院・診療所"
    book.active.append(["名称", "電話"])
    book.active.append(["A医院", "0837"])
    book.create_sheet("空")
    other = book.create_sheet("薬局")
    other.append(["名称"])
    other.append(["B薬局"])
    result = read_file(save(book, tmp_path / "m.xlsx"))
    assert [t.name for t in result.tables] == ["病院・診療所", "薬局"]
    assert any(n.code == "empty-sheets-skipped" and "空" in n.message_ja for n in result.notices)


def test_workbook_without_data_is_an_error(tmp_path):
    with pytest.raises(TabularError) as excinfo:
        read_file(save(openpyxl.Workbook(), tmp_path / "e.xlsx"))
    assert excinfo.value.code == "empty-file"


def test_merged_two_row_header_is_spread_and_joined(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["行政区別人口"])
    sheet.append([])
    sheet.append(["地域", "人口", None, "計"])
    sheet.append([None, "男", "女", None])
    sheet.append(["A町", 10, 12, 22])
    for ref in ("B3:C3", "A3:A4", "D3:D4"):
        sheet.merge_cells(ref)
    table = read_file(save(book, tmp_path / "h.xlsx")).tables[0]
    assert table.headers == ["地域", "人口_男", "人口_女", "計"]
    assert table.header_row == 4
    assert table.row_numbers.to_pylist() == [5]
    assert [n.code for n in table.notices] == ["title-rows-skipped", "multi-row-header"]


@pytest.mark.parametrize("name", ["一覧.csv", "医療機関一覧.xls"])
def test_xlsx_named_csv_or_xls_is_read_as_xlsx(tmp_path, name):
    result = read_file(save(typed_book(), tmp_path / name))
    assert result.format == "xlsx"
    assert result.encoding is None
    assert result.notices[0].code == "format-mismatch"


def test_max_rows_limits_each_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["n"])
    for i in range(50):
        book.active.append([i])
    table = read_file(save(book, tmp_path / "n.xlsx"), max_rows=3).tables[0]
    assert table.data.column(0).to_pylist() == ["0", "1", "2"]


def test_damaged_workbook_is_a_corrupt_workbook_error(tmp_path):
    path = tmp_path / "bad.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"not xml at all")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(TabularError) as excinfo:
        read_file(path)
    assert excinfo.value.code == "corrupt-workbook"


def test_password_protected_workbook_is_refused_clearly(tmp_path):
    path = tmp_path / "locked.xlsx"
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    path.write_bytes(ole2 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 400)
    with pytest.raises(TabularError) as excinfo:
        read_file(path)
    assert excinfo.value.code == "encrypted-file"


def test_ole2_file_that_xlrd_cannot_read_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    with pytest.raises(TabularError) as excinfo:
        read_file(path)
    assert excinfo.value.code in ("corrupt-workbook", "unknown-format")
    assert excinfo.value.message_ja


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (Cell(xlrd.XL_CELL_DATE, 45383.0), "2024-04-01"),
        (Cell(xlrd.XL_CELL_DATE, 45383.5), "2024-04-01T12:00:00"),
        (Cell(xlrd.XL_CELL_DATE, 0.71875), "17:15:00"),
        (Cell(xlrd.XL_CELL_NUMBER, 12.0), "12"),
        (Cell(xlrd.XL_CELL_NUMBER, 1.5), "1.5"),
        (Cell(xlrd.XL_CELL_BOOLEAN, 1), "TRUE"),
        (Cell(xlrd.XL_CELL_ERROR, 0x07), "#DIV/0!"),
        (Cell(xlrd.XL_CELL_TEXT, "\tAssertion"), "\tAssertion"),
        (Cell(xlrd.XL_CELL_EMPTY, ""), None),
        (Cell(xlrd.XL_CELL_BLANK, ""), None),
    ],
)
def test_xls_cells_follow_the_same_text_rules(cell, text):
    assert _xls_cell(cell, datemode=0) == text
