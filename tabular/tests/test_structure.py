"""Finding the table in a sheet: header rows, title and metadata rows, columns, blank rows."""

from __future__ import annotations

import pyarrow as pa

from tabular.engine.structure import MergedRange, analyse_layout, finish_table


def table_of(rows: list[list[str | None]]) -> pa.Table:
    """Rows as the reader gives them to finish_table: string columns c0…, empty → null."""
    width = max(len(r) for r in rows)
    return pa.table(
        [
            pa.array([(r[i] if i < len(r) else None) or None for r in rows], pa.string())
            for i in range(width)
        ],
        names=[f"c{i}" for i in range(width)],
    )


def finish(headers, rows, *, ragged=True):
    """finish_table over literal rows numbered from 2."""
    return finish_table(
        name="",
        headers=headers,
        data=table_of(rows),
        row_numbers=pa.array(range(2, 2 + len(rows)), pa.int64()),
        header_row=1,
        notices=[],
        ragged_notices=ragged,
    )


def test_header_is_found_below_title_and_note_rows():
    rows = [
        ["〇 山口県年齢別人口", None, None, None],
        ["\u3000注1）1970年は国勢調査", None, None, None],
        [None, None, None, "（単位：千人）"],
        ["年次（西暦）", "年次（和暦）", "総数", "0～4歳"],
        ["1970年", "昭和45年", "1511", "115"],
    ]
    layout = analyse_layout(rows)
    assert layout.headers == ["年次（西暦）", "年次（和暦）", "総数", "0～4歳"]
    assert layout.header_row == 4
    assert layout.data_start == 4
    notice = next(n for n in layout.notices if n.code == "title-rows-skipped")
    assert notice.row == 1
    assert "1, 2, 3" in notice.message_en


def test_linkdata_property_row_is_the_header_and_hash_rows_are_skipped():
    rows = [
        ["#LINK", None, None],
        ["#lang", "ja", None],
        ["#property", "name", "address"],
        ["#object_type_xsd", "string", "string"],
        ["1", "市役所", "高松市番町"],
    ]
    layout = analyse_layout(rows)
    assert layout.headers == ["", "name", "address"]
    assert layout.header_row == 3
    assert layout.data_start == 4
    notice = next(n for n in layout.notices if n.code == "metadata-rows-skipped")
    assert "1, 2, 4" in notice.message_en


def test_linkdata_marker_with_a_comment_is_still_the_header():
    rows = [["#property<-- プロパティの名前", "title", "url"], ["1", "石炭包", "http://x"]]
    assert analyse_layout(rows).headers == ["", "title", "url"]


def test_a_lone_hash_header_cell_is_a_column_name_not_metadata():
    layout = analyse_layout([["#", "名称"], ["1", "市役所"]])
    assert layout.headers == ["#", "名称"]


def test_two_row_csv_header_with_a_spanning_parent_is_joined_with_underscore():
    rows = [
        ["地域", "人口", "", "世帯数"],
        ["", "男", "女", ""],
        ["A町", "10", "12", "8"],
    ]
    layout = analyse_layout(rows)
    assert layout.headers == ["地域", "人口_男", "人口_女", "世帯数"]
    assert layout.header_row == 2
    assert any(n.code == "multi-row-header" for n in layout.notices)


def test_merged_excel_header_is_spread_over_its_columns():
    rows = [
        ["地域", "人口", None, "計"],
        [None, "男", "女", None],
        ["A町", "10", "12", "22"],
    ]
    merges = [MergedRange(0, 0, 1, 2), MergedRange(0, 1, 0, 0), MergedRange(0, 1, 3, 3)]
    layout = analyse_layout(rows, merges=merges)
    assert layout.headers == ["地域", "人口_男", "人口_女", "計"]
    assert layout.data_start == 2


def test_header_merged_downwards_pulls_the_covered_row_into_the_header():
    rows = [["名称", "時間"], [None, None], ["市役所", "9:00"]]
    layout = analyse_layout(rows, merges=[MergedRange(0, 1, 0, 0), MergedRange(0, 1, 1, 1)])
    assert layout.headers == ["名称", "時間"]
    assert layout.data_start == 2


def test_data_row_under_an_empty_header_cell_is_not_a_sub_header():
    rows = [["名称", "", "住所"], ["市役所", "本庁", "山口県"]]
    layout = analyse_layout(rows)
    assert layout.headers == ["名称", "", "住所"]
    assert layout.data_start == 1


def test_header_repeated_as_first_data_row_is_dropped():
    rows = [["label", "type"], ["label", "type"], ["びん", "資源"]]
    layout = analyse_layout(rows)
    assert layout.data_start == 2
    assert any(n.code == "header-repeated" and n.row == 2 for n in layout.notices)


def test_headers_are_kept_exactly_as_written():
    headers = [" 名 称 ", "備　考", "ＮＯ", "コ―ド"]
    assert analyse_layout([headers, ["1", "2", "3", "4"]]).headers == headers


def test_sheet_of_blank_rows_has_no_layout():
    assert analyse_layout([[None, None], ["", ""]]) is None


def test_row_numbers_given_by_the_reader_are_used_in_notices():
    layout = analyse_layout([["表題"], ["a", "b"], ["1", "2"]], row_numbers=[5, 6, 7])
    assert layout.header_row == 6


def test_blank_rows_are_dropped_and_reported_with_their_row_numbers():
    table = finish(["a", "b"], [["1", "2"], [None, None], ["3", "4"], ["", ""]])
    assert table.row_numbers.to_pylist() == [2, 4]
    notice = next(n for n in table.notices if n.code == "blank-row")
    assert notice.row == 3
    assert "3, 5" in notice.message_en


def test_trailing_columns_without_header_or_data_are_dropped():
    table = finish(["a", "b", "", ""], [["1", "2", None, None]])
    assert table.headers == ["a", "b"]
    assert table.data.num_columns == 2
    assert any(n.code == "trailing-columns-dropped" for n in table.notices)


def test_column_without_header_but_with_data_is_kept():
    table = finish(["a", "", "c"], [["1", "x", None]])
    assert table.headers == ["a", "", "c"]


def test_cells_beyond_the_header_holding_data_become_extra_columns():
    table = finish(["a", "b"], [["1", "2", "extra"], ["3", "4"]])
    assert table.headers == ["a", "b", ""]
    assert table.data.column(2).to_pylist() == ["extra", None]
    assert any(n.code == "extra-columns-kept" for n in table.notices)


def test_empty_cells_beyond_the_header_are_dropped_with_a_notice():
    table = finish(["a", "b"], [["1", "2", None], ["3", "4", None]])
    assert table.headers == ["a", "b"]
    assert any(n.code == "extra-cells-dropped" for n in table.notices)


def test_rows_shorter_than_the_header_are_padded():
    table = finish(["a", "b", "c"], [["1", "2"]])
    assert table.data.column(2).to_pylist() == [None]
    assert any(n.code == "short-rows-padded" for n in table.notices)
