"""Tests for the cell value normalisers, with values taken from real municipal files."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jp.tests.strategies_values import (
    cell_text,
    formatted_integer,
    fullwidth_ascii,
    fullwidth_digits,
    phone_like,
)
from jp.values import (
    ParsedDate,
    is_excel_exponent,
    lat_lon_swapped,
    normalise_code,
    normalise_phone,
    normalise_postal,
    parse_coordinate,
    parse_date,
    parse_integer,
    parse_number,
    parse_time,
    split_lat_lon,
    to_halfwidth,
)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "municipal"


def corpus_column(relative: str, encoding: str, header: str) -> list[str]:
    """Return the non-empty cells of one column of a corpus CSV, or skip when it is absent."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"corpus file {relative} not found: ../shared is absent (a fresh clone)")
    with path.open(encoding=encoding, newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index(header)
    return [row[column] for row in rows[1:] if len(row) > column and row[column].strip()]


# --- to_halfwidth ----------------------------------------------------------------------------


def test_to_halfwidth_folds_ascii_and_the_ideographic_space_and_strips() -> None:
    assert to_halfwidth("\u3000ＡＥＤ　１２３－４ ") == "AED 123-4"


def test_to_halfwidth_keeps_kana_full_width_and_widens_half_width_kana() -> None:
    assert to_halfwidth("ﾐﾈｼﾘﾂﾋﾞｮｳｲﾝ") == "ミネシリツビョウイン"
    assert to_halfwidth("カタカナ ひらがな") == "カタカナ ひらがな"


def test_to_halfwidth_leaves_other_symbols_alone() -> None:
    assert to_halfwidth("273(3㎡あたり1人）") == "273(3㎡あたり1人)"


@given(cell_text)
def test_to_halfwidth_is_idempotent(text: str) -> None:
    once = to_halfwidth(text)
    assert to_halfwidth(once) == once


# --- parse_date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2021-04-01",
        "2021/4/1",
        "2021/04/01",
        "2021.4.1",
        "2021年4月1日",
        "20210401",
        "２０２１／４／１",
        "２０２１年４月１日",
        "2021年4月1日(木)",
        "2021/4/1（木）",
        "2021-04-01 00:00:00",
        " 2021-04-01 ",
    ],
)
def test_parse_date_reads_western_dates(text: str) -> None:
    assert parse_date(text) == ParsedDate("2021-04-01", "day", False)


def test_parse_date_reads_wareki_through_parse_wareki() -> None:
    assert parse_date("令和3年4月1日") == ParsedDate("2021-04-01", "day", True)
    assert parse_date("r6.9.30") == ParsedDate("2024-09-30", "day", True)


def test_parse_date_keeps_month_and_year_precision() -> None:
    assert parse_date("2021-04") == ParsedDate("2021-04", "month", False)
    assert parse_date("2021年4月") == ParsedDate("2021-04", "month", False)
    assert parse_date("2021年") == ParsedDate("2021", "year", False)


def test_parse_date_does_not_take_a_bare_number_or_a_fiscal_year_for_a_year() -> None:
    assert parse_date("2021") is None
    assert parse_date("2024年度") is None


@pytest.mark.parametrize(
    "text",
    [
        "2021-02-30",
        "2021/13/1",
        "1月7日(火)",
        "1月13日(祝)(月)",
        "4/1/2021",
        "21/4/1",
        "202309",
        "",
    ],
)
def test_parse_date_refuses_impossible_or_yearless_dates(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_refuses_a_weekday_that_is_not_the_days_own() -> None:
    assert parse_date("2021年4月1日(金)") is None
    assert parse_date("2021/4/1(Thu)") == ParsedDate("2021-04-01", "day", False)
    assert parse_date("2021年4月1日(祝)") == ParsedDate("2021-04-01", "day", False)


def test_parse_date_refuses_a_date_with_a_time_of_day() -> None:
    assert parse_date("2021-04-01 09:30:00") is None


def test_dates_of_a_real_event_file_all_parse() -> None:
    for cell in corpus_column("yamaguchi_hofu/12_352063_event.csv", "utf-8", "開始日"):
        assert parse_date(cell) is not None, cell


@given(
    st.dates(min_value=date(1000, 1, 1)),
    st.sampled_from(["{:%Y-%m-%d}", "{:%Y/%m/%d}", "{:%Y%m%d}"]),
)
def test_full_width_western_dates_parse_like_half_width(d: date, pattern: str) -> None:
    text = pattern.format(d)
    assert parse_date(fullwidth_digits(text)) == parse_date(text)
    assert parse_date(text) == ParsedDate(d.isoformat(), "day", False)


@given(cell_text)
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or isinstance(result, ParsedDate)


# --- parse_time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:00", "09:00"),
        ("9:00:00", "09:00:00"),
        ("８:30:00", "08:30:00"),
        ("９：３０", "09:30"),
        ("22：00", "22:00"),
        ("9時30分", "09:30"),
        ("9時", "09:00"),
        ("9時半", "09:30"),
        ("午前9時", "09:00"),
        ("午後1時30分", "13:30"),
        ("1:30 PM", "13:30"),
        ("24:00", "24:00"),
        ("0:00", "00:00"),
        ("23:59", "23:59"),
    ],
)
def test_parse_time_reads_the_usual_forms(text: str, expected: str) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    ["24:01", "25:00", "9:60", "午前12時", "午後12時", "00:00-00:00", "入館は16：30まで", "9"],
)
def test_parse_time_refuses_impossible_or_ambiguous_times(text: str) -> None:
    assert parse_time(text) is None


def test_times_of_a_real_hospital_file_all_parse() -> None:
    for cell in corpus_column("yamaguchi_iwakuni/352080_hospital.csv", "cp932", "診療開始時間"):
        assert parse_time(cell) is not None, cell


@given(st.integers(0, 23), st.integers(0, 59))
def test_parse_time_of_its_own_output_is_unchanged(hour: int, minute: int) -> None:
    text = parse_time(f"{hour}:{minute:02d}")
    assert text is not None and parse_time(text) == text
    assert parse_time(fullwidth_ascii(f"{hour}:{minute:02d}")) == text


@given(cell_text)
def test_parse_time_never_raises(text: str) -> None:
    result = parse_time(text)
    assert result is None or isinstance(result, str)


# --- parse_number / parse_integer ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("32,500 ", 32500),
        ("3 ", 3),
        ("１，２３４", 1234),
        ("▲123", -123),
        ("△123", -123),
        ("▲ 1,000", -1000),
        ("−5", -5),
        ("－5", -5),
        ("+7", 7),
    ],
)
def test_parse_number_reads_integers_as_int(text: str, expected: int) -> None:
    value = parse_number(text)
    assert value == expected and isinstance(value, int)


def test_parse_number_returns_a_float_when_the_text_has_a_fraction() -> None:
    value = parse_number("2825.00")
    assert value == 2825 and isinstance(value, float)
    assert parse_number("0.5") == 0.5


@pytest.mark.parametrize(
    "text", ["1,2", "12,34", "12人", "約100", "1,700人／屋外2,250人", "5千円", "", "-"]
)
def test_parse_number_refuses_text_that_is_not_only_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"), [("12人", 12), ("3,118㎡", 3118), ("500 円", 500), ("45%", 45)]
)
def test_allow_unit_drops_one_trailing_unit(text: str, expected: int) -> None:
    assert parse_number(text, allow_unit=True) == expected


def test_allow_unit_never_drops_a_unit_that_scales_the_value() -> None:
    assert parse_number("5千円", allow_unit=True) is None
    assert parse_number("3万人", allow_unit=True) is None


def test_parse_integer_accepts_a_zero_fraction_and_refuses_others() -> None:
    assert parse_integer("12.00") == 12
    assert parse_integer("12.5") is None
    assert parse_integer("1.01321E+12") is None


def test_parse_integer_keeps_every_digit_of_a_large_zero_fraction_number() -> None:
    assert parse_integer("12345678901234567891.00") == 12345678901234567891


def test_parse_number_refuses_an_overflowing_exponent() -> None:
    assert parse_number("9e999") is None


def test_areas_of_a_real_park_file_all_parse_as_integers() -> None:
    for cell in corpus_column("shizuoka_yaizu/222127_park_info.csv", "utf-8-sig", "面積（㎡）"):
        assert isinstance(parse_integer(cell), int), cell


@given(formatted_integer())
def test_parse_number_round_trips_formatted_integers(case: tuple[int, str]) -> None:
    n, text = case
    assert parse_number(text) == n
    assert parse_integer(text) == n


@given(st.integers(-(10**12), 10**12), st.integers(1, 4))
def test_parse_number_reads_a_fixed_decimal_as_the_float(n: int, places: int) -> None:
    text = f"{n / 10**places:.{places}f}"
    assert parse_number(text) == float(text)


@given(cell_text, st.booleans())
def test_parse_number_and_parse_integer_never_raise(text: str, allow_unit: bool) -> None:
    number = parse_number(text, allow_unit=allow_unit)
    integer = parse_integer(text, allow_unit=allow_unit)
    assert number is None or isinstance(number, int | float)
    assert integer is None or isinstance(integer, int)


# --- is_excel_exponent and normalise_code ----------------------------------------------------


@pytest.mark.parametrize(
    "text", ["1.01321E+12", "4.5E+05", "1.2e12", " 7.25001E+12 ", "１．２Ｅ＋１２"]
)
def test_is_excel_exponent_spots_numbers_excel_damaged(text: str) -> None:
    assert is_excel_exponent(text)


@pytest.mark.parametrize("text", ["1013210000000", "1.5", "12", "E+12", "1.2E-05", "abc", ""])
def test_is_excel_exponent_is_false_for_ordinary_values(text: str) -> None:
    assert not is_excel_exponent(text)


def test_corporate_numbers_of_a_real_hospital_file_are_flagged_as_excel_damage() -> None:
    cells = corpus_column("yamaguchi_iwakuni/352080_hospital.csv", "cp932", "法人番号")
    assert cells and all(is_excel_exponent(cell) for cell in cells)


def test_normalise_code_keeps_leading_zeros_and_folds_width() -> None:
    assert normalise_code(" ００１２ ") == "0012"
    assert normalise_code("0001") == "0001"


@given(cell_text)
def test_normalise_code_and_is_excel_exponent_never_raise(text: str) -> None:
    assert isinstance(normalise_code(text), str)
    assert isinstance(is_excel_exponent(text), bool)


# --- coordinates -----------------------------------------------------------------------------


def test_parse_coordinate_rounds_float_noise_to_eight_places() -> None:
    assert parse_coordinate("34.123456789000004") == 34.12345679
    assert parse_coordinate("34.08737279999999") == 34.0873728


def test_parse_coordinate_strips_trailing_spaces_and_full_width() -> None:
    assert parse_coordinate("33.850005 ") == 33.850005
    assert parse_coordinate("３４．５", axis="lat") == 34.5


@pytest.mark.parametrize(
    "text", ["34°20'15.5\"", "34度20分15.5秒", "北緯34度20分15.5秒", "34°20′15.5″N"]
)
def test_parse_coordinate_reads_degrees_minutes_seconds(text: str) -> None:
    assert parse_coordinate(text) == round(34 + 20 / 60 + 15.5 / 3600, 8)


def test_parse_coordinate_gives_southern_and_western_hemispheres_a_minus_sign() -> None:
    assert parse_coordinate("南緯33度30分") == -33.5
    assert parse_coordinate("西経70度30分", axis="lon") == -70.5


@pytest.mark.parametrize(
    ("text", "axis"),
    [
        ("134.5", "lat"),
        ("-91", "lat"),
        ("181", "lon"),
        ("34°61'", "lat"),
        ("東経134度", "lat"),
        ("北緯34度", "lon"),
    ],
)
def test_parse_coordinate_refuses_values_out_of_range_or_for_the_other_axis(
    text: str, axis: str
) -> None:
    assert parse_coordinate(text, axis=axis) is None  # type: ignore[arg-type]


def test_parse_coordinate_rejects_an_unknown_axis() -> None:
    with pytest.raises(ValueError, match="axis"):
        parse_coordinate("1", axis="x")  # type: ignore[arg-type]


def test_latitudes_of_a_real_tourism_file_all_parse() -> None:
    for cell in corpus_column("yamaguchi_kudamatsu/352071_tourism.csv", "utf-8", "緯度"):
        value = parse_coordinate(cell)
        assert value is not None and value == round(float(cell), 8), cell


@given(st.floats(min_value=-90, max_value=90))
def test_parse_coordinate_of_a_printed_latitude_is_the_rounded_float(x: float) -> None:
    assert parse_coordinate(str(x)) == round(x, 8)


@given(st.floats(min_value=-180, max_value=180))
def test_parse_coordinate_of_a_printed_longitude_is_the_rounded_float(x: float) -> None:
    assert parse_coordinate(str(x), axis="lon") == round(x, 8)


@pytest.mark.parametrize(
    "text",
    [
        "34.34,134.04",
        "34.34 134.04",
        "(34.34, 134.04)",
        "３４．３４，１３４．０４",
        "34.34、134.04",
    ],
)
def test_split_lat_lon_reads_both_coordinates_from_one_cell(text: str) -> None:
    assert split_lat_lon(text) == (34.34, 134.04)
    assert not lat_lon_swapped(text)


def test_split_lat_lon_swaps_a_lon_lat_pair_and_says_so() -> None:
    assert split_lat_lon("134.04,34.34") == (34.34, 134.04)
    assert lat_lon_swapped("134.04,34.34")


@pytest.mark.parametrize("text", ["34.34", "34.34,134.04,5", "134.04,200", "a,b", ""])
def test_split_lat_lon_returns_none_when_it_cannot_read_a_pair(text: str) -> None:
    assert split_lat_lon(text) is None
    assert not lat_lon_swapped(text)


@given(cell_text)
def test_coordinate_functions_never_raise(text: str) -> None:
    for axis in ("lat", "lon"):
        value = parse_coordinate(text, axis=axis)
        assert value is None or isinstance(value, float)
    pair = split_lat_lon(text)
    assert pair is None or len(pair) == 2
    assert isinstance(lat_lon_swapped(text), bool)


# --- phone numbers and postal codes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(0835)54ｰ0563", "0835-54-0563"),
        ("0835(54)0563", "0835-54-0563"),
        ("０８３５－５４－０５６３", "0835-54-0563"),
        ("0835−54−0563", "0835-54-0563"),
        ("0835‐54―0563", "0835-54-0563"),
        ("0827-34-1000", "0827-34-1000"),
        ("0835540563", "0835540563"),
        ("090-1234-5678", "090-1234-5678"),
        ("0120-123-456", "0120-123-456"),
        ("0570-000-123", "0570-000-123"),
        ("0800-123-4567", "0800-123-4567"),
        ("TEL:0835-22-1111", "0835-22-1111"),
        ("119", "119"),
        ("#7119", "#7119"),
        ("＃７１１９", "#7119"),
    ],
)
def test_normalise_phone_folds_width_and_dashes_and_keeps_hyphen_positions(
    text: str, expected: str
) -> None:
    assert normalise_phone(text) == expected


@pytest.mark.parametrize(
    "text",
    ["41-1345", "0835-54-056", "03-1234-56789", "00835540563", "0835-54-0563 内線12", "abc", ""],
)
def test_normalise_phone_refuses_partial_or_malformed_numbers(text: str) -> None:
    assert normalise_phone(text) is None


def test_phone_numbers_of_a_real_hospital_file_all_normalise_unchanged() -> None:
    for cell in corpus_column("yamaguchi_iwakuni/352080_hospital.csv", "cp932", "電話番号"):
        assert normalise_phone(cell) == cell.strip(), cell


@given(phone_like)
def test_normalise_phone_is_idempotent(text: str) -> None:
    once = normalise_phone(text)
    assert once is None or normalise_phone(once) == once


@given(cell_text)
def test_normalise_phone_never_raises(text: str) -> None:
    result = normalise_phone(text)
    assert result is None or isinstance(result, str)


@pytest.mark.parametrize(
    "text", ["〒123-4567", "１２３－４５６７", "1234567", "〒 123ー4567", "123−4567"]
)
def test_normalise_postal_returns_three_hyphen_four(text: str) -> None:
    assert normalise_postal(text) == "123-4567"


@pytest.mark.parametrize("text", ["123-456", "12345678", "123-45678", "〒", "abc"])
def test_normalise_postal_refuses_other_lengths(text: str) -> None:
    assert normalise_postal(text) is None


def test_postal_codes_of_a_real_tourism_file_all_normalise() -> None:
    for cell in corpus_column("yamaguchi_kudamatsu/352071_tourism.csv", "utf-8", "郵便番号"):
        assert normalise_postal(cell) == f"{cell[:3]}-{cell[3:]}", cell


@given(cell_text)
def test_normalise_postal_never_raises(text: str) -> None:
    result = normalise_postal(text)
    assert result is None or isinstance(result, str)


@given(st.from_regex(r"\A[0-9]{3}-?[0-9]{4}\Z"))
def test_normalise_postal_is_idempotent(text: str) -> None:
    once = normalise_postal(text)
    assert once is not None and normalise_postal(once) == once
