"""Streamed exports (CSV, TSV, JSON, XLSX) and spreadsheet-formula neutralisation."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import unicodedata
import zipfile

import openpyxl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tabular.datastore.exports import export, neutralise, neutralise_array
from tabular.datastore.neutralise import DANGEROUS, LEADING_SPACE
from tabular.datastore.types import DatastoreError, TableRef
from tabular.engine.convert import write_outputs

NAMES = ["=SUM(A1)", 'a"b', None, "＠cmd", "-1", "市役所", "\u3000+x", "ok\x01"]


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    """A table with formula-like text, NaN, dates and a formula-like header."""
    data = pa.table({
        "名称": NAMES,
        "数": [-5, 2, None, 4, 5, 6, 7, 8],
        "日": [dt.date(2024, 1, 5), None, None, None, None, None, None, dt.date(2020, 2, 29)],
        "率": [1.5, float("nan"), None, 0.25, 1e20, 2.0, 3.0, 4.0],
        "=式": [True, False, None, True, True, True, False, False],
    })
    out = write_outputs(data, tmp_path_factory.mktemp("exp"), basename="t")
    return TableRef(resource_id="res-x", path=out.parquet)


def body(table, fmt: str, **kwargs) -> bytes:
    """The whole export as bytes."""
    return b"".join(export(table=table, fmt=fmt, **kwargs))


def csv_rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    """Parse CSV or TSV bytes back into rows."""
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter))


# --- neutralise ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1", "＋1",
                                  "－1", "＠x", "﹦x", " =1", "\u3000=1", "\n=1"])
def test_formula_starts_are_prefixed_with_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "abc", "1-2", "a=b", "'=x", "東京", " ", "03-1234-5678"])
def test_harmless_text_is_unchanged(text):
    assert neutralise(text) == text


def test_dangerous_set_is_every_character_whose_nfkc_starts_a_formula():
    found = set()
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        normal = unicodedata.normalize("NFKC", chr(cp))
        if normal and normal[0] in "=+-@\t\r":
            found.add(chr(cp))
    assert found == DANGEROUS


def test_leading_spaces_are_whitespace_after_nfkc():
    assert all(unicodedata.normalize("NFKC", c).isspace() or c in "\u200b\ufeff"
               for c in LEADING_SPACE)


@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from(
    sorted(DANGEROUS | LEADING_SPACE) + list("ab1東'\"")), max_size=6)), max_size=20))
def test_vectorised_neutralise_agrees_with_neutralise(values):
    expected = [None if v is None else neutralise(v) for v in values]
    assert neutralise_array(pa.array(values, pa.string())).to_pylist() == expected


def test_neutralise_array_leaves_numbers_alone():
    numbers = pa.array([-1, -2])
    assert neutralise_array(numbers) is numbers


# --- CSV / TSV ----------------------------------------------------------------------------


def test_csv_has_header_and_id_and_crlf(table):
    data = body(table, "csv")
    assert data.startswith('"_id","名称","数","日","率","\'=式"\r\n'.encode())


def test_csv_neutralises_text_but_not_negative_numbers(table):
    first = csv_rows(body(table, "csv"))[1]
    assert (first[1], first[2]) == ("'=SUM(A1)", "-5")


def test_csv_neutralises_full_width_and_space_led_formulas(table):
    column = [row[1] for row in csv_rows(body(table, "csv"))[1:]]
    assert (column[3], column[6]) == ("'＠cmd", "'\u3000+x")


def test_csv_writes_nan_as_empty_and_dates_iso(table):
    rows = csv_rows(body(table, "csv"))
    assert (rows[2][4], rows[1][3]) == ("", "2024-01-05")


def test_csv_applies_filters_and_sort(table):
    rows = csv_rows(body(table, "csv", filters={"数": [2, 4]}, sort="数 desc", fields=["数"]))
    assert rows == [["数"], ["4"], ["2"]]


def test_csv_applies_q(table):
    rows = csv_rows(body(table, "csv", q="市役所", fields=["_id"]))
    assert rows == [["_id"], ["6"]]


def test_csv_with_no_matching_row_is_the_header(table):
    assert csv_rows(body(table, "csv", filters={"数": 999}, fields=["数", "名称"])) == [["数", "名称"]]


def test_tsv_uses_tabs(table):
    rows = csv_rows(body(table, "tsv", fields=["_id", "数"], filters={"数": -5}), delimiter="\t")
    assert rows == [["_id", "数"], ["1", "-5"]]


def test_export_streams_in_several_chunks(table, monkeypatch):
    from tabular.datastore import exports

    monkeypatch.setattr(exports, "BATCH_ROWS", 3)
    chunks = list(export(table=table, fmt="csv"))
    assert len(chunks) == 3 and len(csv_rows(b"".join(chunks))) == len(NAMES) + 1


def test_export_without_sort_keeps_id_order(table, monkeypatch):
    from tabular.datastore import exports

    monkeypatch.setattr(exports, "BATCH_ROWS", 2)
    rows = csv_rows(body(table, "csv", fields=["_id"]))[1:]
    assert [int(r[0]) for r in rows] == list(range(1, len(NAMES) + 1))


def test_csv_export_writes_timestamps_iso_with_t(tmp_path):
    stamps = pa.array([dt.datetime(2024, 1, 5, 9, 30)], pa.timestamp("s"))
    out = write_outputs(pa.table({"ts": stamps}), tmp_path, basename="t")
    ref = TableRef(resource_id="r", path=out.parquet)
    assert csv_rows(body(ref, "csv", fields=["ts"]))[1] == ["2024-01-05T09:30:00"]


# --- JSON ---------------------------------------------------------------------------------


def test_json_is_ckan_dump_layout(table):
    doc = json.loads(body(table, "json", fields=["_id", "数"]))
    assert doc["fields"] == [{"id": "_id", "type": "int"}, {"id": "数", "type": "int"}]
    assert doc["records"][0] == [1, -5]


def test_json_keeps_text_as_written_and_nan_as_null(table):
    records = json.loads(body(table, "json"))["records"]
    assert (records[0][1], records[1][1], records[1][4]) == ("=SUM(A1)", 'a"b', None)


def test_json_with_no_rows_is_valid(table):
    assert json.loads(body(table, "json", filters={"数": 999}))["records"] == []


# --- XLSX ---------------------------------------------------------------------------------


def test_xlsx_contains_no_formula(table):
    sheet = zipfile.ZipFile(io.BytesIO(body(table, "xlsx"))).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet


def test_xlsx_keeps_formula_like_text_as_text(table):
    ws = openpyxl.load_workbook(io.BytesIO(body(table, "xlsx"))).active
    assert (ws["B2"].value, ws["B2"].data_type) == ("=SUM(A1)", "s")


def test_xlsx_marks_formula_like_text_with_the_quote_prefix(table):
    ws = openpyxl.load_workbook(io.BytesIO(body(table, "xlsx"))).active
    assert (ws["B2"].quotePrefix, ws["B7"].quotePrefix) == (True, False)


def test_xlsx_cells_are_typed(table):
    ws = openpyxl.load_workbook(io.BytesIO(body(table, "xlsx"))).active
    assert (ws["C2"].value, ws["D2"].value.date(), ws["F2"].value) == (-5, dt.date(2024, 1, 5), True)


def test_xlsx_drops_characters_excel_cannot_hold(table):
    ws = openpyxl.load_workbook(io.BytesIO(body(table, "xlsx"))).active
    assert ws["B9"].value == "ok"


def test_xlsx_with_too_many_rows_is_refused(table, monkeypatch):
    from tabular.datastore import exports

    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 3)
    with pytest.raises(DatastoreError) as err:
        export(table=table, fmt="xlsx")
    assert err.value.code == "too-many-rows"


# --- errors -------------------------------------------------------------------------------


def test_unknown_format_is_refused_before_streaming(table):
    with pytest.raises(DatastoreError) as err:
        export(table=table, fmt="pdf")
    assert err.value.code == "validation"


def test_unknown_field_is_refused_before_streaming(table):
    with pytest.raises(DatastoreError) as err:
        export(table=table, fmt="csv", fields=["住所"])
    assert "fields" in err.value.fields


def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(DatastoreError) as err:
        export(table=TableRef(resource_id="x", path=tmp_path / "x.parquet"), fmt="csv")
    assert err.value.code == "not-found"
