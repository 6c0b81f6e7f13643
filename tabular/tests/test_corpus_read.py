"""The reader over every real municipal file of ../shared/corpus/municipal (66 files).

Each file must either read into tables with intact Japanese text and the encoding that
SOURCES.csv records, or fail with a TabularError that says why. Several tricky files are then
checked for specific facts. Skipped, with the reason, where ../shared is absent (a fresh
clone); CI always has it.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest

from tabular.engine.read import read_file
from tabular.engine.types import ReadResult, TabularError

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
MUNICIPAL = CORPUS / "municipal"
ABSENT = (
    f"real municipal files not available: {MUNICIPAL} is absent (fresh clone without ../shared)"
)
FILES = sorted(p for p in MUNICIPAL.rglob("*") if p.is_file()) if MUNICIPAL.is_dir() else []
CSV_FILES = [p for p in FILES if p.suffix == ".csv" and p.read_bytes()[:2] != b"PK"]

# Typical mojibake: UTF-8 read as Latin-1/CP1252 ("ã", "â€", "Ã"), or Shift_JIS read as
# UTF-8-ish junk ("ç¸"), replacement characters, private-use characters.
MOJIBAKE = re.compile("[\ufffd\ue000-\uf8ff]|ã|â€|Ã|ç¸")


def needs_corpus():
    """Skip the calling test when the corpus is absent."""
    if not FILES:
        pytest.skip(ABSENT)


@cache
def sources() -> dict[str, dict[str, str]]:
    """SOURCES.csv by file path relative to the corpus."""
    with (CORPUS / "SOURCES.csv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


@cache
def read(relative: str) -> ReadResult:
    """Read a corpus file once per test session."""
    return read_file(MUNICIPAL / relative)


def strings(result: ReadResult):
    """Every header and non-empty cell of a result."""
    for table in result.tables:
        yield from table.headers
        for column in table.data.columns:
            yield from (value for value in column.to_pylist() if value)


def test_sources_csv_describes_every_municipal_file():
    needs_corpus()
    listed = {name for name in sources() if name.startswith("municipal/")}
    on_disk = {p.relative_to(CORPUS).as_posix() for p in FILES}
    assert on_disk == listed
    assert len(on_disk) == 66


@pytest.mark.parametrize("path", FILES or [None], ids=lambda p: p.name if p else "corpus-absent")
def test_every_municipal_file_reads_cleanly_or_says_why_not(path):
    needs_corpus()
    try:
        result = read_file(path)
    except TabularError as exc:
        assert exc.code
        assert exc.message_ja
        assert exc.message_en
        return
    assert result.tables
    for table in result.tables:
        assert any(header.strip() for header in table.headers)
        assert table.data.num_columns == len(table.headers)
        assert len(table.row_numbers) == table.num_rows
    bad = [text for text in strings(result) if MOJIBAKE.search(text)]
    assert bad == []


@pytest.mark.parametrize("path", FILES or [None], ids=lambda p: p.name if p else "corpus-absent")
def test_encoding_matches_the_one_recorded_in_sources(path):
    needs_corpus()
    expected = sources()[path.relative_to(CORPUS).as_posix()]["encoding"]
    result = read_file(path)
    if expected.startswith("n/a"):
        assert result.encoding is None
    elif expected == "shift_jis":
        # Strict Shift_JIS decodes the whole file, so CP932 would be acceptable too.
        assert result.encoding in ("shift_jis", "cp932")
    elif expected in ("utf-8", "utf-8-sig", "cp932"):
        assert result.encoding == expected
    else:  # one GeoJSON row of SOURCES.csv has no encoding column of its own
        assert result.encoding in ("utf-8", "utf-8-sig")


@pytest.mark.parametrize("path", CSV_FILES or [None], ids=lambda p: p.name if p else "absent")
def test_csv_headers_are_exactly_the_text_of_the_file(path):
    needs_corpus()
    expected = sources()[path.relative_to(CORPUS).as_posix()]["encoding"]
    text = path.read_bytes().decode(expected)
    for header in read_file(path).tables[0].headers:
        assert header in text


@pytest.mark.parametrize("path", CSV_FILES or [None], ids=lambda p: p.name if p else "absent")
def test_fast_path_and_csv_module_fallback_agree(path):
    needs_corpus()
    fast = read_file(path).tables[0]
    fallback = read_file(path, max_rows=10**9).tables[0]
    assert fast.headers == fallback.headers
    assert fast.data.equals(fallback.data)
    assert fast.row_numbers.equals(fallback.row_numbers)


def test_takamatsu_linkdata_header_comes_after_the_hash_rows():
    needs_corpus()
    result = read("kagawa_takamatsu/old_data_0002_aed.csv")
    table = result.tables[0]
    assert result.encoding == "utf-8-sig"
    assert table.header_row == 7
    assert table.headers[:5] == ["", "name", "address", "installationPosition", "location"]
    assert table.row_numbers[0].as_py() == 10
    assert table.data.column(4)[0].as_py() == "34.34092056,134.04522972"
    assert any(n.code == "metadata-rows-skipped" for n in table.notices)


def test_iwakuni_aed_trailing_empty_headers_are_dropped():
    needs_corpus()
    result = read("yamaguchi_iwakuni/352080_aed.csv")
    table = result.tables[0]
    assert result.encoding == "cp932"
    assert len(table.headers) == 22
    assert table.headers[-1] == "備考"
    assert any(n.code == "trailing-columns-dropped" for n in table.notices)


def test_yaizu_care_facilities_are_cp932_with_numero_header_and_multiline_cells():
    needs_corpus()
    result = read("shizuoka_yaizu/yohairyosya.csv")
    table = result.tables[0]
    assert result.encoding == "cp932"
    assert table.headers[0] == "№"
    multiline = [v for v in table.data.column(6).to_pylist() if v and "\n" in v]
    assert multiline
    assert table.row_numbers[-1].as_py() == table.num_rows + 1


def test_shimonoseki_population_drops_blank_rows_and_keeps_the_last_header():
    needs_corpus()
    table = read("yamaguchi_shimonoseki/352012_population_20210331.csv").tables[0]
    assert table.num_rows == 592
    assert len(table.headers) == 47
    assert table.headers[-1] == "備考"
    blank = next(n for n in table.notices if n.code == "blank-row")
    assert "594, 595, 596, 597, 598, 599, 600" in blank.message_en


def test_kudamatsu_workbook_named_csv_is_read_as_xlsx():
    needs_corpus()
    result = read("yamaguchi_kudamatsu/【下松市】指定緊急避難場所・避難所一覧.csv")
    assert result.format == "xlsx"
    assert result.tables[0].name == "352071_evacuation_space"
    assert result.tables[0].headers[:3] == ["全国地方公共団体コード", "ID", "名称"]
    assert result.notices[0].code == "format-mismatch"


def test_nagato_workbook_named_xls_has_three_sheets_below_title_rows():
    needs_corpus()
    result = read("yamaguchi_nagato/【長門市】医療機関一覧.xls")
    assert result.format == "xlsx"
    assert [t.name for t in result.tables] == ["病院・診療所", "歯科医院", "薬局"]
    assert result.tables[0].header_row == 4
    assert result.tables[0].headers[1] == "医療機関名"


def test_ube_biff_workbook_is_read_with_xlrd_and_its_linkdata_header():
    needs_corpus()
    result = read("yamaguchi_ube/ube_cultural_property.xls")
    table = result.tables[0]
    assert result.format == "xls"
    assert table.headers[1] == "http://www.w3.org/2000/01/rdf-schema#label"
    assert table.num_rows > 0


def test_prefecture_population_workbook_skips_title_and_note_rows():
    needs_corpus()
    table = read("yamaguchi_pref/jinnkousuikei_yamaguchi.pref_5nennreibetsu_1970_2000.xlsx").tables[
        0
    ]
    assert table.header_row == 4
    assert table.headers[:2] == ["年次（西暦）", "年次（和暦）"]
    assert table.data.column(1)[0].as_py() == "昭和45年"


def test_geojson_points_become_latitude_and_longitude():
    needs_corpus()
    table = read("shizuoka_yaizu/CameraInfo.geojson").tables[0]
    assert table.headers[-2:] == ["緯度", "経度"]
    latitude = float(table.data.column(len(table.headers) - 2)[0].as_py())
    assert 34 < latitude < 35


def test_nanao_geojson_in_plane_coordinates_is_not_called_latitude():
    needs_corpus()
    table = read("ishikawa_nanao/open_shelter_Nanao-shi.geojson").tables[0]
    assert table.headers[-2:] == ["geometry_x", "geometry_y"]
    assert "緯度" in table.headers  # the publisher's own property stays as it is


def test_suo_oshima_tab_separated_file_keeps_a_cell_starting_with_a_tab():
    needs_corpus()
    result = read("yamaguchi_suo-oshima/文化財一覧.csv")
    assert result.format == "tsv"
    cells = [v for column in result.tables[0].data.columns for v in column.to_pylist() if v]
    assert "\t重要有形民俗文化財" in cells


def test_iwakuni_hospitals_need_cp932_for_an_ibm_extension_kanji():
    needs_corpus()
    result = read("yamaguchi_iwakuni/352080_hospital.csv")
    cells = [v for column in result.tables[0].data.columns for v in column.to_pylist() if v]
    assert result.encoding == "cp932"
    assert any("﨑" in cell for cell in cells)


def test_takamatsu_welfare_file_keeps_bare_lf_breaks_inside_crlf_records():
    needs_corpus()
    table = read("kagawa_takamatsu/elderly_welfare_facility_data.csv").tables[0]
    cells = [v for column in table.data.columns for v in column.to_pylist() if v]
    assert any("\n" in cell for cell in cells)
    assert table.row_numbers.to_pylist() == list(range(2, table.num_rows + 2))


def test_shimonoseki_csv_and_xlsx_twins_read_alike():
    needs_corpus()
    from_csv = read("yamaguchi_shimonoseki/【下関市】指定緊急避難場所一覧（csv）.csv").tables[0]
    from_xlsx = read("yamaguchi_shimonoseki/【下関市】指定緊急避難場所一覧（xlsx）.xlsx").tables[0]
    assert from_csv.headers == from_xlsx.headers
    assert from_csv.num_rows == from_xlsx.num_rows
