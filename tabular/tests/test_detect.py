"""Format detection from the bytes, whatever the file is named."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from tabular.engine.detect import classify_zip, detect_format, sniff_delimiter
from tabular.engine.read import read_file
from tabular.engine.types import TabularError


def xlsx_bytes() -> bytes:
    """A small real workbook."""
    book = openpyxl.Workbook()
    book.active.append(["名称", "住所"])
    book.active.append(["市役所", "山口県"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(names: dict[str, bytes]) -> bytes:
    """A ZIP archive holding the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_comma_separated_text_is_csv():
    assert detect_format("名称,住所\n市役所,山口県\n".encode()) == "csv"


def test_tab_separated_text_is_tsv_even_when_named_csv():
    assert detect_format("名称\t住所\n市役所\t山口県\n".encode("shift_jis"), "a.csv") == "tsv"


def test_semicolon_separated_text_is_csv():
    assert detect_format(b"a;b;c\n1;2;3\n") == "csv"


def test_xlsx_content_is_xlsx_whatever_its_name():
    assert detect_format(xlsx_bytes()[:4096], "data.csv") == "xlsx"


def test_ole2_compound_file_is_xls():
    assert detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504) == "xls"


def test_json_array_is_json():
    assert detect_format('[{"名称": "市役所"}]'.encode()) == "json"


def test_feature_collection_is_geojson():
    assert detect_format(b'{"type": "FeatureCollection", "features": []}') == "geojson"


def test_text_starting_with_a_bracket_is_not_json():
    assert detect_format("[No],[名称]\n1,市役所\n".encode()) == "csv"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "HTML"),
        (b"<html xmlns:o='urn:schemas-microsoft-com:office:office'>", "HTML"),
        (b"\x1f\x8b\x08\x00", "gzip"),
    ],
)
def test_non_tabular_files_raise_unknown_format_naming_what_they_look_like(data, named):
    with pytest.raises(TabularError) as excinfo:
        detect_format(data, "data.xls")
    assert excinfo.value.code == "unknown-format"
    assert named in excinfo.value.message_en
    assert excinfo.value.message_ja


def test_binary_bytes_are_not_taken_for_text():
    with pytest.raises(TabularError) as excinfo:
        detect_format(b"abc\x00\x01\x02def")
    assert excinfo.value.code == "unknown-format"


def test_empty_bytes_raise_empty_file():
    with pytest.raises(TabularError) as excinfo:
        detect_format(b"")
    assert excinfo.value.code == "empty-file"


def test_zip_of_csv_files_is_not_a_workbook(tmp_path):
    path = tmp_path / "data.zip"
    path.write_bytes(zip_bytes({"aed.csv": b"a,b\n"}))
    with pytest.raises(TabularError) as excinfo:
        classify_zip(path)
    assert excinfo.value.code == "unknown-format"
    assert "aed.csv" in excinfo.value.message_en


def test_word_document_is_named_as_such(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_bytes(zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}))
    with pytest.raises(TabularError) as excinfo:
        read_file(path)
    assert "Word" in excinfo.value.message_en


def test_real_workbook_zip_is_classified_xlsx(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(xlsx_bytes())
    assert classify_zip(path) == "xlsx"


def test_sniffer_prefers_the_delimiter_that_splits_rows_evenly():
    text = "名称\t備考\n市役所\t1,2,3\n公民館\tあ,い\n"
    assert sniff_delimiter(text) == "\t"


def test_sniffer_ignores_delimiters_inside_quotes():
    text = 'a,b\n"x;y;z",1\n"p;q",2\n'
    assert sniff_delimiter(text) == ","


def test_single_column_text_defaults_to_comma():
    assert sniff_delimiter("名称\n市役所\n") == ","
