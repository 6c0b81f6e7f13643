"""Reading CSV and TSV files: dialect, line endings, quoted cells, ragged and blank rows."""

from __future__ import annotations

import codecs

import pytest

from tabular.engine.read import read_file
from tabular.engine.types import TabularError


def write(tmp_path, data: bytes, name: str = "data.csv"):
    """Write ``data`` to a file in tmp_path and return its path."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rows_of(table) -> list[list[str | None]]:
    """The data of a table as Python rows."""
    return [list(row.values()) for row in table.data.to_pylist()]


def codes(notices) -> list[str]:
    """The codes of a list of notices."""
    return [n.code for n in notices]


def both_paths(path):
    """Read a file through the fast path and through the csv-module fallback."""
    return read_file(path), read_file(path, max_rows=10**9)


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_crlf_lf_and_cr_line_endings_give_the_same_table(tmp_path, newline):
    text = newline.join(["名称,住所", "市役所,山口県", "公民館,下関市"]) + newline
    table = read_file(write(tmp_path, text.encode())).tables[0]
    assert table.headers == ["名称", "住所"]
    assert rows_of(table) == [["市役所", "山口県"], ["公民館", "下関市"]]


def test_quoted_multiline_cell_with_bare_lf_in_a_crlf_file(tmp_path):
    data = '名称,説明\r\n市役所,"1階\n2階"\r\n公民館,なし\r\n'.encode("cp932")
    for result in both_paths(write(tmp_path, data)):
        table = result.tables[0]
        assert rows_of(table) == [["市役所", "1階\n2階"], ["公民館", "なし"]]
        # Row numbers count records, as a spreadsheet shows them: the quoted line break
        # does not start a new row.
        assert table.row_numbers.to_pylist() == [2, 3]


def test_empty_cells_are_null(tmp_path):
    table = read_file(write(tmp_path, b'a,b,c\n1,,""\n')).tables[0]
    assert rows_of(table) == [["1", None, None]]


def test_blank_rows_are_dropped_with_their_row_numbers(tmp_path):
    data = b"a,b\n1,2\n\n,\n3,4\n,\n"
    for result in both_paths(write(tmp_path, data)):
        table = result.tables[0]
        assert rows_of(table) == [["1", "2"], ["3", "4"]]
        assert table.row_numbers.to_pylist() == [2, 5]
        notice = next(n for n in table.notices if n.code == "blank-row")
        assert "3, 4, 6" in notice.message_en


def test_short_rows_are_padded_with_a_notice(tmp_path):
    table = read_file(write(tmp_path, b"a,b,c\n1,2,3\n4,5\n")).tables[0]
    assert rows_of(table) == [["1", "2", "3"], ["4", "5", None]]
    assert "short-rows-padded" in codes(table.notices)


def test_extra_cells_holding_data_become_a_column_without_header(tmp_path):
    table = read_file(write(tmp_path, b"a,b\n1,2,x\n3,4\n")).tables[0]
    assert table.headers == ["a", "b", ""]
    assert rows_of(table) == [["1", "2", "x"], ["3", "4", None]]
    assert "extra-columns-kept" in codes(table.notices)


def test_empty_extra_cells_are_dropped_with_a_notice(tmp_path):
    table = read_file(write(tmp_path, b"a,b\n1,2,,\n3,4\n")).tables[0]
    assert table.headers == ["a", "b"]
    assert "extra-cells-dropped" in codes(table.notices)


def test_trailing_comma_on_every_row_adds_no_column(tmp_path):
    table = read_file(write(tmp_path, b"a,b,\n1,2,\n3,4,\n")).tables[0]
    assert table.headers == ["a", "b"]
    assert "trailing-columns-dropped" in codes(table.notices)


def test_semicolon_delimiter_is_sniffed(tmp_path):
    result = read_file(write(tmp_path, "名称;面積\n公園;1,5\n".encode()))
    assert rows_of(result.tables[0]) == [["公園", "1,5"]]
    assert "delimiter-detected" in codes(result.notices)


def test_tsv_keeps_a_quoted_cell_that_starts_with_a_tab(tmp_path):
    data = '名称\t種類\n石風呂\t"\t重要有形民俗文化財"\n'.encode("shift_jis")
    result = read_file(write(tmp_path, data, "文化財一覧.csv"))
    assert result.format == "tsv"
    assert rows_of(result.tables[0]) == [["石風呂", "\t重要有形民俗文化財"]]


def test_two_line_shift_jis_csv_of_a_few_kanji(tmp_path):
    result = read_file(write(tmp_path, "名称,住所\n市役所,下関市\n".encode("shift_jis")))
    assert result.encoding == "shift_jis"
    assert result.tables[0].headers == ["名称", "住所"]


def test_bom_is_not_part_of_the_first_header(tmp_path):
    result = read_file(write(tmp_path, codecs.BOM_UTF8 + "名称,住所\n1,2\n".encode()))
    assert result.encoding == "utf-8-sig"
    assert result.tables[0].headers[0] == "名称"


def test_utf16_excel_unicode_text_is_read(tmp_path):
    result = read_file(write(tmp_path, "名称\t住所\r\n市役所\t山口県\r\n".encode("utf-16")))
    assert result.encoding == "utf-16"
    assert rows_of(result.tables[0]) == [["市役所", "山口県"]]


def test_header_only_file_gives_a_table_without_rows(tmp_path):
    table = read_file(write(tmp_path, "名称,住所".encode())).tables[0]
    assert table.headers == ["名称", "住所"]
    assert table.num_rows == 0


def test_file_of_empty_lines_is_an_error(tmp_path):
    with pytest.raises(TabularError) as excinfo:
        read_file(write(tmp_path, b"\n\n,,\n"))
    assert excinfo.value.code == "empty-file"


def test_zero_byte_file_is_an_error(tmp_path):
    with pytest.raises(TabularError) as excinfo:
        read_file(write(tmp_path, b""))
    assert excinfo.value.code == "empty-file"


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(TabularError) as excinfo:
        read_file(tmp_path / "nothing.csv")
    assert excinfo.value.code == "not-found"


def test_max_rows_limits_the_rows_read_with_a_notice(tmp_path):
    data = "n\n" + "".join(f"{i}\n" for i in range(100))
    table = read_file(write(tmp_path, data.encode()), max_rows=5).tables[0]
    assert table.data.column(0).to_pylist() == ["0", "1", "2", "3", "4"]
    assert "rows-limited" in codes(table.notices)


def test_metadata_and_title_rows_shift_row_numbers(tmp_path):
    data = "#LINK,,\n#property,name,address\n#object_type_xsd,string,string\n1,市役所,高松市\n"
    table = read_file(write(tmp_path, codecs.BOM_UTF8 + data.encode())).tables[0]
    assert table.headers == ["", "name", "address"]
    assert table.header_row == 2
    assert table.row_numbers.to_pylist() == [4]


def test_fast_path_and_fallback_agree_on_a_messy_file(tmp_path):
    lines = ["表題,,", "番号,名称,備考"]
    lines += [
        f'{i},"施設{i}","注記\n{i}行目"' if i % 7 == 0 else f"{i},施設{i}," for i in range(500)
    ]
    lines += ["", ",,", "500,最後,"]
    data = ("\r\n".join(lines) + "\r\n").encode("cp932")
    fast, fallback = both_paths(write(tmp_path, data))
    a, b = fast.tables[0], fallback.tables[0]
    assert a.headers == b.headers == ["番号", "名称", "備考"]
    assert a.data.equals(b.data)
    assert a.row_numbers.equals(b.row_numbers)
    assert a.row_numbers[-1].as_py() == len(lines)


def test_ragged_rows_fall_back_to_the_csv_module_without_losing_rows(tmp_path):
    lines = ["a,b,c"] + [f"{i},x,y" for i in range(300)] + ["300,short"] + ["301,x,y,z"]
    table = read_file(write(tmp_path, ("\n".join(lines) + "\n").encode())).tables[0]
    assert table.num_rows == 302
    assert table.headers == ["a", "b", "c", ""]
    assert rows_of(table)[-2:] == [["300", "short", None, None], ["301", "x", "y", "z"]]


def test_well_formed_body_is_read_by_pyarrow_not_the_fallback(tmp_path, monkeypatch):
    from tabular.engine.readers import delimited

    def no_fallback(*args, **kwargs):
        """Stand-in that fails if the fallback is used."""
        raise AssertionError("the csv-module fallback should not be needed")

    monkeypatch.setattr(delimited, "_python_body", no_fallback)
    lines = ["表題,,", "番号,名称,備考"]
    lines += [
        f'{i},"施設{i}","注記\n{i}行目"' if i % 7 == 0 else f"{i},施設{i}," for i in range(500)
    ]
    data = ("\r\n".join([*lines, "", ",,"]) + "\r\n").encode("cp932")
    table = read_file(write(tmp_path, data)).tables[0]
    assert table.num_rows == 500
    assert table.row_numbers[-1].as_py() == len(lines)


def test_quotes_only_above_the_body_leave_the_fast_chunker_on(tmp_path, monkeypatch):
    """The quote search starts at byte 0 while the head is analysed; a quote in the title
    row alone must not switch pyarrow to its slower quoted-line-break chunker, and one in
    the body must."""
    from tabular.engine.readers import delimited

    seen: list[bool] = []
    original = delimited._read_body

    def spy(source, offset, *, parse_options, **kwargs):
        """Note the chunker pyarrow is given."""
        seen.append(parse_options.newlines_in_values)
        return original(source, offset, parse_options=parse_options, **kwargs)

    monkeypatch.setattr(delimited, "_read_body", spy)
    body = "".join(f"{i},施設{i}\n" for i in range(300))
    head_only = write(tmp_path, f'"令和6年度 施設一覧"\n番号,名称\n{body}'.encode(), "head.csv")
    in_body = write(tmp_path, f'番号,名称\n{body}7,"市民\n会館"\n'.encode(), "body.csv")
    first = read_file(head_only).tables[0]
    second = read_file(in_body).tables[0]
    assert seen == [False, True]
    assert first.num_rows == 300 and first.headers == ["番号", "名称"]
    assert second.data.column(1)[-1].as_py() == "市民\n会館"


def test_quote_search_stops_when_cancelled_and_reports_its_error(tmp_path):
    from tabular.engine.readers import delimited

    path = write(tmp_path, b'a,b\n1,"2"\n')
    assert delimited._first_quote(path, 0) == 6
    assert delimited._first_quote(path, 7) == 8
    assert delimited._first_quote(path, 9) is None
    stopped = delimited.threading.Event()
    stopped.set()
    assert delimited._first_quote(path, 0, stopped) is None
    missing = delimited._QuoteScan(tmp_path / "gone.csv")
    with pytest.raises(FileNotFoundError):
        missing.after(0)


def test_cells_larger_than_the_sniffed_head_are_read_whole(tmp_path):
    huge = "長い説明" * 300_000  # 3.6 MB of UTF-8 in one quoted cell
    data = f'名称,説明\n市役所,"{huge}\n続き"\n公民館,短い\n'.encode()
    table = read_file(write(tmp_path, data)).tables[0]
    assert table.headers == ["名称", "説明"]
    assert table.data.column(1).to_pylist() == [f"{huge}\n続き", "短い"]
    assert table.row_numbers.to_pylist() == [2, 3]


def test_euc_jp_file_is_read_in_full(tmp_path):
    data = "名称,住所\n市民会館,山口県下関市\n図書館,宇部市\n".encode("euc_jp")
    result = read_file(write(tmp_path, data))
    assert result.encoding == "euc-jp"
    assert rows_of(result.tables[0]) == [["市民会館", "山口県下関市"], ["図書館", "宇部市"]]


def test_progress_is_reported_for_the_read_step(tmp_path):
    calls = []
    read_file(write(tmp_path, b"a\n1\n2\n"), progress=lambda *args: calls.append(args))
    assert calls[-1] == ("read", 2, 0)


@pytest.fixture
def head_sizes(monkeypatch):
    """Record the head sizes the CSV reader reads (the small first one, then the full)."""
    from tabular.engine.readers import delimited

    sizes: list[int] = []
    original = delimited._head_text

    def spy(source, size):
        """Note the size, then read as usual."""
        sizes.append(size)
        return original(source, size)

    monkeypatch.setattr(delimited, "_head_text", spy)
    return sizes


def test_a_narrow_file_is_analysed_from_the_small_head(tmp_path, head_sizes):
    from tabular.engine.readers import delimited

    body = "".join(f"{i},施設{i},{'備考' * 10}\n" for i in range(20_000))
    table = read_file(write(tmp_path, f"番号,名称,備考\n{body}".encode())).tables[0]
    assert head_sizes == [delimited._FIRST_HEAD_BYTES]
    assert table.num_rows == 20_000 and table.headers == ["番号", "名称", "備考"]


def test_rows_too_wide_for_the_small_head_are_analysed_from_the_full_one(tmp_path, head_sizes):
    """1 KB rows: 200 records do not fit in 128 KiB, so the layout comes from 1 MiB, as it
    did before the small head existed (the same records, the same delimiter)."""
    from tabular.engine.readers import delimited

    wide = ";".join(["列"] * 400)
    body = "".join(f"{i};{wide}\n" for i in range(2_000))
    result = read_file(write(tmp_path, f"番号;{wide}\n{body}".encode()))
    assert head_sizes == [delimited._FIRST_HEAD_BYTES, delimited._HEAD_BYTES]
    table = result.tables[0]
    assert table.num_rows == 2_000 and len(table.headers) == 401
    assert "delimiter-detected" in codes(result.notices)


def test_a_quoted_record_cut_by_the_small_head_sends_it_to_the_full_one(tmp_path, head_sizes):
    """The 200th record's quoted cell runs past 128 KiB: it is not taken from the cut head."""
    from tabular.engine.readers import delimited

    rows = [f'{i},"短い"\n' for i in range(198)]  # with the header, 199 records
    rows.append('198,"' + "改行のある長い説明\n" * 6_000 + '"\n')
    rows += [f'{i},"後"\n' for i in range(199, 400)]
    table = read_file(write(tmp_path, ("番号,説明\n" + "".join(rows)).encode())).tables[0]
    assert head_sizes == [delimited._FIRST_HEAD_BYTES, delimited._HEAD_BYTES]
    assert table.num_rows == 400
    assert table.data.column(1)[198].as_py() == "改行のある長い説明\n" * 6_000
