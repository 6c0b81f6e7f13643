"""datastore_search and datastore_info with CKAN's semantics over a Parquet file."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from tabular.datastore import pool
from tabular.datastore.engine import DatastoreError, TableRef, info, search
from tabular.engine.convert import write_outputs

ROWS = [
    # 名称, 区分, 定員, 開設日, 評価, 開館, 時刻
    ("ｶﾀｶﾅ公園", "公園", 12, dt.date(2024, 1, 5), 1.5, True, "09:00"),
    ("カタカナ図書館", "図書館", -5, None, float("nan"), False, "17:30"),
    ("ABC保育園", "保育園", 12, dt.date(2020, 2, 29), 2.0, None, None),
    ("ａｂｃ児童館", "児童館", None, dt.date(2021, 1, 1), None, True, "12:00:15"),
    (None, "公園", 7, None, 3.25, False, "08:00"),
    ("axb会館", "会館", 30, dt.date(2021, 1, 1), 0.5, True, "10:00"),
]


def _field(name: str, arrow_type: pa.DataType, kind: str) -> pa.Field:
    """An Arrow field with the validation stage's metadata."""
    return pa.field(name, arrow_type, metadata={b"header": f"{name}（元）".encode(),
                                                b"type": kind.encode()})


def _typed() -> pa.Table:
    """A typed table as the validation stage hands it to convert."""
    schema = pa.schema([
        _field("名称", pa.string(), "string"), _field("区分", pa.string(), "code"),
        _field("定員", pa.int64(), "integer"), _field("開設日", pa.date32(), "date"),
        _field("評価", pa.float64(), "number"), _field("開館", pa.bool_(), "boolean"),
        _field("時刻", pa.string(), "time"),
    ])
    columns = list(zip(*ROWS, strict=True))
    return pa.table([pa.array(c, f.type) for c, f in zip(columns, schema, strict=True)],
                    schema=schema)


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    """The Parquet file of the test table."""
    out = write_outputs(_typed(), tmp_path_factory.mktemp("ds"), basename="t")
    return out.parquet


@pytest.fixture(params=["parquet", "copy"])
def table(request, parquet, monkeypatch):
    """The table, read from the Parquet file or from DuckDB's native copy (same answers)."""
    if request.param == "copy":
        monkeypatch.setattr(pool, "ROOTS", (str(parquet.resolve().parent),))
    return TableRef(resource_id="res-1", path=parquet)


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A storage root under which searched tables are copied into DuckDB."""
    monkeypatch.setattr(pool, "ROOTS", (str(tmp_path.resolve()),))
    return tmp_path


def ids(result: dict) -> list[int]:
    """The _id of each returned record."""
    return [r["_id"] for r in result["records"]]


def test_fields_list_id_first_with_ckan_types(table):
    result = search(table=table, limit=1)
    assert result["fields"] == [
        {"id": "_id", "type": "int"}, {"id": "名称", "type": "text"},
        {"id": "区分", "type": "text"}, {"id": "定員", "type": "int"},
        {"id": "開設日", "type": "date"}, {"id": "評価", "type": "numeric"},
        {"id": "開館", "type": "bool"}, {"id": "時刻", "type": "time"},
    ]


def test_records_are_objects_in_id_order_with_iso_dates(table):
    first = search(table=table, limit=1)["records"][0]
    assert first == {"_id": 1, "名称": "ｶﾀｶﾅ公園", "区分": "公園", "定員": 12,
                     "開設日": "2024-01-05", "評価": 1.5, "開館": True, "時刻": "09:00"}


def test_nan_is_returned_as_null(table):
    assert search(table=table, filters={"_id": 2})["records"][0]["評価"] is None


def test_records_as_lists(table):
    records = search(table=table, limit=1, fields=["_id", "定員"], records_format="lists")
    assert records["records"] == [[1, 12]]


def test_records_as_csv_without_header(table):
    result = search(table=table, limit=2, fields=["名称", "開館"], records_format="csv")
    assert result["records"] == "ｶﾀｶﾅ公園,true\nカタカナ図書館,false\n"


def test_records_as_tsv(table):
    result = search(table=table, limit=1, fields=["名称", "定員"], records_format="tsv")
    assert result["records"] == "ｶﾀｶﾅ公園\t12\n"


def test_total_is_exact_and_not_estimated(table):
    result = search(table=table, limit=2)
    assert (result["total"], result["total_was_estimated"]) == (len(ROWS), False)


def test_total_is_left_out_when_not_asked(table):
    assert "total" not in search(table=table, include_total=False)


def test_offset_pages_in_id_order(table):
    assert ids(search(table=table, offset=2, limit=2)) == [3, 4]


def test_offset_past_the_end_returns_no_records(table):
    result = search(table=table, offset=100)
    assert (result["records"], result["total"]) == ([], len(ROWS))


def test_limit_above_the_maximum_is_clamped(table):
    assert search(table=table, limit=1_000_000)["limit"] == 32000


def test_limit_zero_returns_only_the_total(table):
    result = search(table=table, limit=0)
    assert (result["records"], result["total"]) == ([], len(ROWS))


def test_links_give_start_and_next_offset(table):
    links = search(table=table, offset=2, limit=2)["_links"]
    assert links == {"start": "/api/3/action/datastore_search?resource_id=res-1",
                     "next": "/api/3/action/datastore_search?resource_id=res-1&offset=4"}


def test_links_repeat_the_callers_url_with_the_offset_replaced(table):
    base = "/api/3/action/datastore_search?resource_id=res-1&q=x&offset=2"
    links = search(table=table, offset=2, limit=2, links_base=base)["_links"]
    assert links["next"] == "/api/3/action/datastore_search?resource_id=res-1&q=x&offset=4"


def test_filter_value_is_compared_as_the_column_type(table):
    assert ids(search(table=table, filters={"定員": "12"})) == [1, 3]


def test_filter_accepts_full_width_digits_for_numbers(table):
    assert ids(search(table=table, filters={"定員": "１２"})) == [1, 3]


def test_filter_list_matches_any_value(table):
    assert ids(search(table=table, filters={"定員": [7, "-5"]})) == [2, 5]


def test_filters_on_several_fields_must_all_match(table):
    assert ids(search(table=table, filters={"定員": 12, "開館": "true"})) == [1]


def test_filter_on_a_date(table):
    assert ids(search(table=table, filters={"開設日": "2021-01-01"})) == [4, 6]


def test_filter_on_text_is_exact(table):
    assert ids(search(table=table, filters={"区分": "公園"})) == [1, 5]


def test_filter_null_matches_empty_cells(table):
    assert ids(search(table=table, filters={"名称": None})) == [5]


def test_empty_filter_list_matches_nothing(table):
    assert search(table=table, filters={"定員": []})["total"] == 0


def test_filter_total_counts_matching_rows(table):
    assert search(table=table, filters={"区分": "公園"}, limit=1)["total"] == 2


def test_filter_value_of_the_wrong_type_is_a_validation_error(table):
    with pytest.raises(DatastoreError) as err:
        search(table=table, filters={"定員": "たくさん"})
    assert (err.value.code, list(err.value.fields)) == ("validation", ["filters"])


def test_unknown_field_in_fields_is_a_validation_error(table):
    with pytest.raises(DatastoreError) as err:
        search(table=table, fields=["名称", "住所"])
    assert "住所" in err.value.fields["fields"][0]


def test_unknown_field_in_filters_is_a_validation_error(table):
    with pytest.raises(DatastoreError) as err:
        search(table=table, filters={"住所": "x"})
    assert "住所" in err.value.fields["filters"][0]


def test_unknown_sort_field_is_a_validation_error(table):
    with pytest.raises(DatastoreError) as err:
        search(table=table, sort="住所 desc")
    assert "住所" in err.value.fields["sort"][0]


def test_validation_messages_are_in_japanese_and_english(table):
    with pytest.raises(DatastoreError) as err:
        search(table=table, fields=["住所"])
    assert "ありません" in err.value.fields["fields"][0]
    assert "not in table" in err.value.fields["fields"][0]


def test_negative_offset_is_a_validation_error(table):
    with pytest.raises(DatastoreError) as err:
        search(table=table, offset=-1)
    assert "offset" in err.value.fields


def test_unknown_records_format_is_a_validation_error(table):
    with pytest.raises(DatastoreError) as err:
        search(table=table, records_format="xml")
    assert "records_format" in err.value.fields


def test_fields_choose_and_order_the_columns(table):
    result = search(table=table, fields=["定員", "名称"], limit=1)
    assert result["records"] == [{"定員": 12, "名称": "ｶﾀｶﾅ公園"}]


def test_q_matches_half_width_katakana_from_hiragana(table):
    assert ids(search(table=table, q="かたかな")) == [1, 2]


def test_q_matches_full_width_letters_case_insensitively(table):
    assert ids(search(table=table, q="abc")) == [3, 4]


def test_q_from_full_width_query_matches_ascii(table):
    assert ids(search(table=table, q="ＡＢＣ")) == [3, 4]


def test_q_terms_must_all_match_possibly_in_different_columns(table):
    assert ids(search(table=table, q="カタカナ 公園")) == [1]


def test_q_treats_regex_characters_literally(table):
    assert search(table=table, q="a.b")["total"] == 0


def test_q_dict_limits_the_search_to_one_field(table):
    assert ids(search(table=table, q={"区分": "公園"})) == [1, 5]


def test_q_dict_on_unknown_field_is_a_validation_error(table):
    with pytest.raises(DatastoreError) as err:
        search(table=table, q={"住所": "x"})
    assert "q" in err.value.fields


def test_q_and_filters_combine(table):
    assert ids(search(table=table, q="公園", filters={"定員": 7})) == [5]


def test_sort_descending(table):
    result = search(table=table, sort="定員 desc", fields=["定員"])
    assert [r["定員"] for r in result["records"]] == [30, 12, 12, 7, -5, None]


def test_sort_ties_are_broken_by_id(table):
    assert ids(search(table=table, sort="定員 desc", limit=3))[1:] == [1, 3]


def test_sort_on_two_fields(table):
    assert ids(search(table=table, sort="開館 desc, 定員 asc")) == [1, 6, 4, 2, 5, 3]


def test_sort_with_quoted_field_name(table):
    assert ids(search(table=table, sort='"定員" asc', limit=2)) == [2, 5]


def test_sorted_pages_do_not_overlap(table):
    pages = [ids(search(table=table, sort="区分", limit=2, offset=o)) for o in (0, 2, 4)]
    assert sorted(i for page in pages for i in page) == list(range(1, len(ROWS) + 1))


def test_distinct_returns_each_value_once(table):
    result = search(table=table, fields=["区分"], distinct=True, sort="区分")
    assert [r["区分"] for r in result["records"]] == sorted({r[1] for r in ROWS})


def test_distinct_total_counts_distinct_rows(table):
    assert search(table=table, fields=["区分"], distinct=True)["total"] == len({r[1] for r in ROWS})


def test_field_names_with_quotes_and_commas_are_safe(tmp_path):
    odd = 'a", "b"; DROP TABLE t; --'
    out = write_outputs(pa.table({odd: [1, 2], "c,d": ["x", "y"]}), tmp_path, basename="t")
    ref = TableRef(resource_id="r", path=out.parquet)
    result = search(table=ref, fields=[odd], filters={"c,d": "y"}, sort=f'"{odd.replace(chr(34), 2 * chr(34))}" desc')
    assert result["records"] == [{odd: 2}]


def test_missing_parquet_file_is_not_found(tmp_path):
    with pytest.raises(DatastoreError) as err:
        search(table=TableRef(resource_id="gone", path=tmp_path / "gone.parquet"))
    assert err.value.code == "not-found"


def test_info_lists_data_fields_with_their_metadata(table):
    fields = info(table=table)["fields"]
    assert fields[0]["id"] == "名称" and fields[0]["info"]["label"] == "名称（元）"
    assert fields[1]["info"]["type"] == "code"


def test_info_gives_row_count_and_parquet_size(table, parquet):
    meta = info(table=table)["meta"]
    assert (meta["count"], meta["size"]) == (len(ROWS), parquet.stat().st_size)


def test_info_leaves_out_the_id_column(table):
    assert "_id" not in [f["id"] for f in info(table=table)["fields"]]


def test_big_table_is_searched_while_copied_in_background(root, monkeypatch):
    monkeypatch.setattr(pool, "SYNC_LOAD_ROWS", 0)
    out = write_outputs(pa.table({"n": list(range(1000))}), root / "big", basename="t")
    ref = TableRef(resource_id="r", path=out.parquet)
    assert [r["n"] for r in search(table=ref, filters={"n": [5, 999]})["records"]] == [5, 999]


def test_small_table_under_a_root_is_copied_into_duckdb_on_first_search(root):
    out = write_outputs(pa.table({"n": [1, 2]}), root / "ab" / "cd", basename="t")
    search(table=TableRef(resource_id="r", path=out.parquet))
    assert len(pool._pool.database(str(root.resolve())).hot) == 1


def test_table_outside_the_roots_is_not_copied(tmp_path):
    out = write_outputs(pa.table({"n": [1, 2]}), tmp_path, basename="t")
    search(table=TableRef(resource_id="r", path=out.parquet))
    assert len(pool._pool.database(str(out.parquet.resolve().parent)).hot) == 0


def test_copies_beyond_the_budget_are_dropped(root, monkeypatch):
    monkeypatch.setattr(pool, "CACHE_BYTES", 1)  # any copy exceeds it once made
    monkeypatch.setattr(pool, "_SIZE_FACTOR", 0)
    monkeypatch.setattr(pool, "RETIRE_AFTER_S", 0)
    out = write_outputs(pa.table({"n": list(range(100))}), root / "x", basename="t")
    result = search(table=TableRef(resource_id="r", path=out.parquet), filters={"n": 42})
    database = pool._pool.database(str(root.resolve()))
    assert (ids(result), len(database.hot)) == ([43], 0)


def test_evicted_copy_not_yet_dropped_is_taken_back(root, monkeypatch):
    monkeypatch.setattr(pool, "CACHE_BYTES", 1)
    monkeypatch.setattr(pool, "_SIZE_FACTOR", 0)
    out = write_outputs(pa.table({"n": list(range(100))}), root / "y", basename="t")
    ref = TableRef(resource_id="r", path=out.parquet)
    search(table=ref)  # copied, then retired at once (over budget)
    again = search(table=ref, filters={"n": 7})
    database = pool._pool.database(str(root.resolve()))
    assert (ids(again), len(database.hot), database.retired) == ([8], 1, [])
