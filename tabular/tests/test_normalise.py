"""Tests of column normalisation: fast path, per-unique slow path, typed or text output."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from tabular.engine.normalise import JAPAN_BOUNDS, convert_column
from tabular.engine.schema import FieldSpec
from tabular.tests.chunks import column, layout  # noqa: F401 (the fixture)

pytestmark = pytest.mark.usefixtures("layout")  # every test: one array, then chunks


def convert(kind: str, values: list[str | None], **options):
    """Convert a list of cells as a column of the given type."""
    spec = FieldSpec(index=0, header="列", name="列", type=kind, **options)
    return convert_column(column(values), spec)


def test_clean_integers_are_stored_as_int64():
    out = convert("integer", ["1", "20", None])
    assert out.typed
    assert out.values.type == pa.int64()
    assert out.values.to_pylist() == [1, 20, None]


def test_full_width_digits_convert_and_are_counted():
    out = convert("integer", ["１２", "3"])
    assert out.values.to_pylist() == [12, 3]
    assert out.counts == {"fullwidth": 1}


def test_thousands_separators_are_a_value_normalisation():
    out = convert("integer", ["32,500 ", "7"])
    assert out.values.to_pylist() == [32500, 7]
    assert out.counts.get("value") == 1


def test_one_bad_cell_keeps_the_column_text_and_loses_nothing():
    out = convert("integer", ["１２", "不明", "3"])
    assert not out.typed
    assert out.values.to_pylist() == ["12", "不明", "3"]
    assert out.bad.to_pylist() == [False, True, False]


def test_integer_beyond_int64_is_valid_but_kept_as_text():
    out = convert("integer", ["99999999999999999999", "1"])
    assert not out.typed
    assert out.bad is None


def test_iso_dates_are_stored_as_date32():
    out = convert("date", ["2021-04-01", None])
    assert out.values.type == pa.date32()
    assert out.values.to_pylist() == [dt.date(2021, 4, 1), None]


def test_japanese_era_dates_convert_and_are_counted_as_wareki():
    out = convert("date", ["R3.4.1", "令和3年4月2日", "2021-04-03"])
    assert out.typed
    assert out.values.to_pylist()[:2] == [dt.date(2021, 4, 1), dt.date(2021, 4, 2)]
    assert out.counts == {"wareki": 2}


def test_month_precision_date_is_valid_and_keeps_the_column_text():
    out = convert("date", ["2021年4月", "2021-04-01"])
    assert not out.typed
    assert out.values.to_pylist() == ["2021-04", "2021-04-01"]
    assert out.bad is None


def test_times_are_normalised_to_hh_mm_text():
    out = convert("time", ["9:00", "１７：１５", "08:30"])
    assert out.values.to_pylist() == ["09:00", "17:15", "08:30"]


def test_coordinates_are_floats_and_outside_japan_is_flagged_not_failed():
    out = convert("latitude", ["34.166571", "-33.86", "91.5"])
    assert out.bad.to_pylist() == [False, False, True]
    assert out.masks["coordinate-out-of-range"].to_pylist() == [False, True, False]


def test_japan_bounds_hold_the_corners_of_japan():
    low, high = JAPAN_BOUNDS["latitude"]
    assert low < 20.42 < 45.56 < high  # 沖ノ鳥島, 択捉島
    low, high = JAPAN_BOUNDS["longitude"]
    assert low < 122.93 < 153.99 < high  # 与那国島, 南鳥島


def test_phone_numbers_are_normalised_to_hyphens():
    out = convert("phone", ["(0835)54-0563", "0835-54-0563"])
    assert out.values.to_pylist() == ["0835-54-0563", "0835-54-0563"]


def test_postal_codes_are_normalised():
    out = convert("postal", ["〒747-0522", "7470522"])
    assert out.values.to_pylist() == ["747-0522", "747-0522"]


def test_codes_keep_leading_zeros_and_become_half_width():
    out = convert("code", ["０００１", "0002 "])
    assert out.values.to_pylist() == ["0001", "0002"]
    assert out.counts == {"fullwidth": 1}


def test_excel_exponent_in_a_code_is_flagged_and_left_unchanged():
    out = convert("code", ["1.01321E+12", "1000020352080"])
    assert out.masks["excel-exponent"].to_pylist() == [True, False]
    assert out.values.to_pylist()[0] == "1.01321E+12"


def test_text_is_only_trimmed():
    out = convert("string", ["  狛江市役所　", "ｺﾏｴ"])
    assert out.values.to_pylist() == ["狛江市役所", "ｺﾏｴ"]


def test_spaces_only_cell_is_empty_in_a_lenient_column():
    out = convert("integer", ["　", "1"])
    assert out.missing.to_pylist() == [True, False]
    assert out.bad is None


def test_spaces_only_cell_is_a_bad_value_in_a_table_schema_column():
    out = convert("integer", [" ", "1"], strict=True)
    assert out.bad.to_pylist() == [True, False]


@pytest.mark.parametrize(("cell", "strict_ok"), [("1,000", False), (" 12 ", True), ("+7", True)])
def test_table_schema_integers_follow_python_int(cell, strict_ok):
    out = convert("integer", [cell], strict=True)
    assert (out.bad is None) == strict_ok


def test_table_schema_dates_accept_only_the_declared_format():
    out = convert("date", ["2021/04/01", "2021-4-1"], strict=True)
    assert out.bad.to_pylist() == [True, False]


def test_declared_missing_values_count_as_empty():
    out = convert("integer", ["NA", "1"], missing_values=("NA",))
    assert out.missing.to_pylist() == [True, False]
    assert out.values.to_pylist() == [None, 1]


def test_not_a_number_text_is_refused_in_a_lenient_number_column():
    out = convert("number", ["nan", "1.5"])
    assert out.bad.to_pylist() == [True, False]


def test_latlon_cell_yields_latitude_and_longitude_columns():
    out = convert("latlon", ["34.34092056,134.04522972", None])
    roles = dict(out.derived)
    assert roles["latitude"].to_pylist() == [34.34092056, None]
    assert roles["longitude"].to_pylist() == [134.04522972, None]
    assert out.counts["latlon"] == 1


def test_uri_format_rejects_text_that_is_not_a_url():
    out = convert("string", ["https://example.jp/a", "なし", "mailto:a@example.jp"], format="uri")
    assert out.bad.to_pylist() == [False, True, False]


def test_boolean_uses_the_declared_true_and_false_values():
    out = convert("boolean", ["有", "無"], true_values=("有",), false_values=("無",))
    assert out.values.to_pylist() == [True, False]


def test_many_repeated_values_are_parsed_once_each(monkeypatch):
    import jp.values as jv

    calls = []
    original = jv.parse_integer

    def counting(s, **kw):
        calls.append(s)
        return original(s, **kw)

    monkeypatch.setattr(jv, "parse_integer", counting)
    convert("integer", ["１２"] * 1000 + ["３"] * 1000)
    assert sorted(calls) == sorted(["１２", "３"])
