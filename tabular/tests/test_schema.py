"""Tests of field specs: unique names, inference from headers and values, specs from a match."""

from __future__ import annotations

import pyarrow as pa

from standards.matching import best_match
from standards.registry import get_standard
from tabular.engine.schema import (
    INFER_SHARE,
    infer_schema,
    schema_from_standard,
    unique_names,
)
from tabular.engine.types import Table


def make_table(headers: list[str], rows: list[list[str | None]]) -> Table:
    """Build a Table of text cells (empty string → null) with rows numbered from 2."""
    columns = {
        f"c{i}": pa.array([(r[i] or None) for r in rows], pa.string()) for i in range(len(headers))
    }
    return Table(
        name="",
        headers=headers,
        data=pa.table(columns),
        row_numbers=pa.array(range(2, len(rows) + 2), pa.int64()),
        header_row=1,
    )


def column_table(header: str, values: list[str | None]) -> Table:
    """Build a one-column table."""
    return make_table([header], [[v] for v in values])


def test_unique_names_name_blank_headers_by_position():
    assert unique_names(["名称", "", " "]) == ["名称", "列2", "列3"]


def test_unique_names_number_repeated_headers():
    assert unique_names(["備考", "備考", "備考"]) == ["備考", "備考_2", "備考_3"]


def test_unique_names_avoid_names_already_taken():
    assert unique_names(["緯度"], taken={"緯度"}) == ["緯度_2"]


def test_integer_column_is_inferred_when_every_cell_parses():
    (spec,) = infer_schema(column_table("人数", ["1", "22", "1,234", None]))
    assert spec.type == "integer"


def test_a_few_bad_cells_below_the_threshold_keep_the_column_text():
    n_bad = 3
    good = int(n_bad / (1 - INFER_SHARE)) - n_bad - 1  # just under the share
    values = [str(i) for i in range(1, good + 1)] + ["不明"] * n_bad
    (spec,) = infer_schema(column_table("人数", values))
    assert spec.type == "string"


def test_one_bad_cell_in_a_long_numeric_column_keeps_it_numeric():
    values = [str(i) for i in range(1, 200)] + ["不明"]
    (spec,) = infer_schema(column_table("人数", values))
    assert spec.type == "integer"


def test_leading_zeros_mark_a_code_not_an_integer():
    (spec,) = infer_schema(column_table("番", ["0001", "0002", "0010"]))
    assert spec.type != "integer"


def test_header_hint_is_used_only_when_values_agree():
    (lat,) = infer_schema(column_table("緯度", ["34.1", "34.2"]))
    (bad,) = infer_schema(column_table("緯度", ["北の方", "南の方"]))
    assert lat.type == "latitude"
    assert bad.type == "string"


def test_phone_header_gives_phone_type():
    (spec,) = infer_schema(column_table("電話番号", ["0835-54-0563", "(0835)54-0564"]))
    assert spec.type == "phone"


def test_corporate_number_header_gives_a_checked_code():
    (spec,) = infer_schema(column_table("法人番号", ["1000020352080"]))
    assert (spec.type, spec.check) == ("code", "houjin")


def test_local_government_code_header_gives_a_checked_code():
    (spec,) = infer_schema(column_table("全国地方公共団体コード", ["132195"]))
    assert (spec.type, spec.check) == ("code", "lgcode")


def test_date_header_with_free_text_values_stays_text():
    (spec,) = infer_schema(column_table("開始日", ["8月5日（水）～8月16日（日）", "毎週火曜日"]))
    assert spec.type == "string"


def test_date_values_are_inferred_as_date():
    (spec,) = infer_schema(column_table("指定日", ["2021-04-01", "R3.4.2", "2021/4/3"]))
    assert spec.type == "date"


def test_time_values_are_inferred_as_time():
    (spec,) = infer_schema(column_table("開始時間", ["9:00", "08:30", "17:15"]))
    assert spec.type == "time"


def test_cells_holding_latitude_and_longitude_are_inferred_as_latlon():
    (spec,) = infer_schema(column_table("location", ["34.34,134.04", "34.35,134.05"]))
    assert spec.type == "latlon"


def test_spec_names_are_unique_even_for_repeated_headers():
    specs = infer_schema(make_table(["名称", "名称"], [["a", "b"]]))
    assert [s.name for s in specs] == ["名称", "名称_2"]


def aed_table(drop: str | None = None, extra: str | None = None) -> Table:
    """Return a one-row table with the legacy AED header (minus/plus one column)."""
    headers = [f.name for f in get_standard("aed").layouts["legacy"] if f.name != drop]
    if extra:
        headers.append(extra)
    return make_table(headers, [["x"] * len(headers)])


def test_standard_columns_get_types_from_the_standard_and_its_names():
    table = aed_table()
    specs = {s.header: s for s in schema_from_standard(best_match(table.headers), table)}
    assert specs["緯度"].type == "latitude"
    assert specs["開始時間"].type == "time"
    assert specs["電話番号"].type == "phone"
    assert (specs["都道府県コード又は市区町村コード"].check, specs["法人番号"].check) == (
        "lgcode",
        "houjin",
    )
    assert specs["名称"].required
    assert specs["名称"].standard_field == "名称"


def test_identifier_column_of_a_standard_is_unique():
    table = aed_table()
    specs = {s.header: s for s in schema_from_standard(best_match(table.headers), table)}
    assert specs["NO"].unique


def test_columns_outside_the_standard_are_marked_extra():
    table = aed_table(extra="独自項目")
    specs = schema_from_standard(best_match(table.headers), table)
    extra = [s for s in specs if s.header == "独自項目"]
    assert extra[0].origin == "extra"
    assert extra[0].standard_field is None


def test_absent_standard_fields_come_last_without_a_column():
    table = aed_table(drop="設置位置")
    specs = schema_from_standard(best_match(table.headers), table)
    assert specs[-1].index is None
    assert specs[-1].header == "設置位置"
    assert specs[-1].required
