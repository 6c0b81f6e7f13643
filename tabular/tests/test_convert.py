"""Outputs of ingestion: Parquet with _id, RFC 4180 CSV (plain and BOM), GeoJSON points."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tabular.engine import convert
from tabular.engine.convert import write_outputs
from tabular.engine.types import TabularError


def field(name: str, arrow_type: pa.DataType, kind: str, role: str | None = None) -> pa.Field:
    """An Arrow field with the metadata the validation stage writes."""
    meta = {b"header": f"元の{name}".encode(), b"type": kind.encode()}
    if role:
        meta[b"role"] = role.encode()
    return pa.field(name, arrow_type, metadata=meta)


def facilities(rows: int = 4) -> pa.Table:
    """A typed table like a standard dataset: names, numbers, dates, coordinates."""
    base = {
        "名称": ["=HYPERLINK(\"http://x\")", 'say "hi"\nthere', None, "－1", "公民館"],
        "定員": [-5, 20, None, 7, 0],
        "開設日": [dt.date(2024, 1, 5), None, dt.date(2020, 2, 29), dt.date(1999, 12, 31), None],
        "緯度": [35.6895, None, 34.7, 91.0, 35.0],
        "経度": [139.6917, 135.5, 135.5, 139.0, 139.0],
        "開館": [True, False, None, True, False],
    }
    schema = pa.schema([
        field("名称", pa.string(), "string"),
        field("定員", pa.int64(), "integer"),
        field("開設日", pa.date32(), "date"),
        field("緯度", pa.float64(), "latitude", "latitude"),
        field("経度", pa.float64(), "longitude", "longitude"),
        field("開館", pa.bool_(), "boolean"),
    ])
    return pa.table({k: v[:rows] for k, v in base.items()}, schema=schema)


def read_csv_rows(path) -> list[list[str]]:
    """Parse a written CSV back with Python's csv module (RFC 4180 reader)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture
def outputs(tmp_path):
    """The outputs of the five-row facilities table."""
    return write_outputs(facilities(5), tmp_path, basename="table0")


def test_parquet_starts_with_id_numbered_from_one(outputs):
    table = pq.read_table(outputs.parquet)
    assert table.column_names[0] == "_id"
    assert table.column("_id").to_pylist() == list(range(1, 6))


def test_parquet_keeps_types_and_field_metadata(outputs):
    schema = pq.read_schema(outputs.parquet)
    assert schema.field("開設日").type == pa.date32()
    assert schema.field("緯度").metadata[b"role"] == b"latitude"
    assert schema.field("名称").metadata[b"header"] == "元の名称".encode()


def test_parquet_is_snappy_compressed(outputs):
    meta = pq.read_metadata(outputs.parquet)
    assert meta.row_group(0).column(1).compression == "SNAPPY"


def test_parquet_has_statistics_on_typed_columns_only(outputs):
    meta = pq.read_metadata(outputs.parquet)
    group = meta.row_group(0)
    by_type = {meta.schema.column(i).physical_type: group.column(i).is_stats_set
               for i in range(meta.num_columns)}  # fmt: skip
    assert by_type["INT64"] is True  # _id: DuckDB skips row groups by it
    assert by_type["BYTE_ARRAY"] is False  # free text


def test_parquet_row_groups_follow_the_row_group_size(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "ROW_GROUP_ROWS", 2)
    out = write_outputs(facilities(5), tmp_path, basename="t")
    meta = pq.read_metadata(out.parquet)
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [2, 2, 1]


def test_ids_continue_across_row_groups(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "ROW_GROUP_ROWS", 2)
    out = write_outputs(facilities(5), tmp_path, basename="t")
    assert pq.read_table(out.parquet).column("_id").to_pylist() == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("options", [
    {},
    {"compression": "snappy", "use_dictionary": ["名称"], "write_statistics": ["定員"],
     "sorting_columns": [pq.SortingColumn(0)], "dictionary_pagesize_limit": 256 << 10},
    {"compression": "zstd", "data_page_size": 1 << 10, "version": "1.0"},
])
def test_parquet_writer_writes_the_bytes_pyarrow_parquet_writes(tmp_path, options):
    """convert.parquet_writer (pyarrow.parquet's writer without pyarrow.parquet) gives the
    same file as pyarrow.parquet.ParquetWriter with the same options, byte for byte."""
    table = pa.concat_tables([facilities(5)] * 300)
    ours, theirs = tmp_path / "ours.parquet", tmp_path / "theirs.parquet"
    writer = convert.parquet_writer(ours, table.schema, **options)
    writer.write_table(table, row_group_size=1000)
    writer.close()
    with pq.ParquetWriter(theirs, table.schema, **options) as reference:
        reference.write_table(table, row_group_size=1000)
    assert ours.read_bytes() == theirs.read_bytes()
    assert pq.read_table(ours).equals(table)


def test_table_of_many_chunks_keeps_row_order(tmp_path, monkeypatch):
    monkeypatch.setattr(convert, "ROW_GROUP_ROWS", 3)
    table = pa.concat_tables([facilities(5)] * 3)  # three chunks
    out = write_outputs(table, tmp_path, basename="t")
    written = pq.read_table(out.parquet)
    assert written.column("定員").to_pylist() == table.column("定員").to_pylist()


def test_csv_header_is_the_column_names(outputs):
    header = read_csv_rows(outputs.csv)[0]
    assert header == ["名称", "定員", "開設日", "緯度", "経度", "開館"]


def test_csv_lines_end_with_crlf(outputs):
    data = outputs.csv.read_bytes()
    first_line = data.split(b"\n", 1)[0]
    assert first_line.endswith(b"\r")


def test_csv_has_no_bom_and_is_utf8(outputs):
    data = outputs.csv.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert "公民館" in data.decode("utf-8")


def test_bom_csv_is_the_same_bytes_after_a_bom(outputs):
    assert outputs.csv_bom.read_bytes() == b"\xef\xbb\xbf" + outputs.csv.read_bytes()


def test_csv_quotes_embedded_quotes_and_line_breaks(outputs):
    rows = read_csv_rows(outputs.csv)
    assert rows[2][0] == 'say "hi"\nthere'


def test_csv_dates_are_iso_and_booleans_lowercase(outputs):
    rows = read_csv_rows(outputs.csv)
    assert (rows[1][2], rows[1][5]) == ("2024-01-05", "true")


def test_csv_null_is_an_empty_field(outputs):
    rows = read_csv_rows(outputs.csv)
    assert rows[3][0] == "" and rows[3][1] == ""


def test_csv_neutralises_formula_text(outputs):
    rows = read_csv_rows(outputs.csv)
    assert rows[1][0] == "'" + facilities(1).column("名称")[0].as_py()


def test_csv_neutralises_full_width_minus_in_text(outputs):
    rows = read_csv_rows(outputs.csv)
    assert rows[4][0] == "'－1"


def test_csv_leaves_negative_numbers_in_numeric_columns(outputs):
    rows = read_csv_rows(outputs.csv)
    assert rows[1][1] == "-5"


def test_csv_neutralises_a_formula_header(tmp_path):
    table = pa.table({"=cmd": ["x"]})
    out = write_outputs(table, tmp_path, basename="t")
    assert read_csv_rows(out.csv)[0] == ["'=cmd"]


def test_csv_writes_nan_as_empty(tmp_path):
    out = write_outputs(pa.table({"x": [float("nan"), 1.5], "y": [1, 2]}), tmp_path, basename="t")
    assert [row[0] for row in read_csv_rows(out.csv)[1:]] == ["", "1.5"]


def test_geojson_points_are_longitude_then_latitude(outputs):
    features = json.loads(outputs.geojson.read_text(encoding="utf-8"))["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [139.6917, 35.6895]}


def test_geojson_leaves_out_rows_without_both_coordinates(outputs):
    features = json.loads(outputs.geojson.read_text(encoding="utf-8"))["features"]
    assert [f["id"] for f in features] == [1, 3, 5]


def test_geojson_counts_rows_left_out_including_out_of_range(outputs):
    # row 2 has no latitude, row 4 has latitude 91
    assert outputs.geojson_skipped == 2


def test_geojson_properties_are_the_other_columns(outputs):
    feature = json.loads(outputs.geojson.read_text(encoding="utf-8"))["features"][0]
    assert feature["properties"] == {
        "名称": facilities(1).column("名称")[0].as_py(), "定員": -5, "開設日": "2024-01-05",
        "開館": True,
    }


def test_geojson_is_a_feature_collection(outputs):
    doc = json.loads(outputs.geojson.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"


def test_geojson_escapes_quotes_backslashes_and_control_characters(tmp_path):
    texts = ['a"b', "c\\d", "e\nf\tg", "h\x01i\x1fj"]
    table = pa.table(
        [pa.array(texts), pa.array([35.0] * 4), pa.array([139.0] * 4)],
        schema=pa.schema([field("t", pa.string(), "string"),
                          field("lat", pa.float64(), "latitude", "latitude"),
                          field("lon", pa.float64(), "longitude", "longitude")]),
    )
    out = write_outputs(table, tmp_path, basename="t")
    features = json.loads(out.geojson.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["t"] for f in features] == texts


def test_geojson_reads_text_coordinates_and_skips_non_numbers(tmp_path):
    table = pa.table(
        [pa.array(["35.5", "北緯35度", None]), pa.array(["139.5", "139", "139"])],
        schema=pa.schema([field("lat", pa.string(), "latitude", "latitude"),
                          field("lon", pa.string(), "longitude", "longitude")]),
    )
    out = write_outputs(table, tmp_path, basename="t")
    features = json.loads(out.geojson.read_text(encoding="utf-8"))["features"]
    assert ([f["geometry"]["coordinates"] for f in features], out.geojson_skipped) == (
        [[139.5, 35.5]], 2)


def test_no_geojson_without_latitude_and_longitude_roles(tmp_path):
    out = write_outputs(facilities(3).drop_columns(["経度"]), tmp_path, basename="t")
    assert out.geojson is None and not (tmp_path / "t.geojson").exists()


def test_geojson_with_no_located_row_is_an_empty_collection(tmp_path):
    out = write_outputs(facilities(5).slice(1, 1), tmp_path, basename="t")
    doc = json.loads(out.geojson.read_text(encoding="utf-8"))
    assert (doc["features"], out.geojson_skipped) == ([], 1)


def test_outputs_report_rows_and_paths(outputs, tmp_path):
    assert (outputs.rows, outputs.csv.name, outputs.csv_bom.name) == (
        5, "table0.csv", "table0_bom.csv")


def test_empty_table_writes_header_only_csv_and_empty_parquet(tmp_path):
    out = write_outputs(facilities(0), tmp_path, basename="t")
    assert len(read_csv_rows(out.csv)) == 1
    assert pq.read_table(out.parquet).num_rows == 0


def test_duplicate_column_names_are_refused(tmp_path):
    table = pa.Table.from_arrays([pa.array([1]), pa.array([2])], names=["a", "a"])
    with pytest.raises(TabularError) as err:
        write_outputs(table, tmp_path, basename="t")
    assert err.value.code == "duplicate-column"


def test_a_column_called_id_is_refused(tmp_path):
    with pytest.raises(TabularError) as err:
        write_outputs(pa.table({"_id": [1]}), tmp_path, basename="t")
    assert err.value.code == "reserved-column"


def test_failed_write_leaves_no_file_behind(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        """A writer that fails like a full disk."""
        raise OSError("disk full")

    monkeypatch.setattr(convert, "_write_geojson", broken)
    with pytest.raises(OSError):
        write_outputs(facilities(3), tmp_path, basename="t")
    assert list(tmp_path.iterdir()) == []


def test_csv_round_trips_arbitrary_text(tmp_path):
    texts = ["", " ", "a,b", '"', "a\r\nb", "東京\u3000都", "x\ty", "😀", "'quoted'"]
    out = write_outputs(pa.table({"t": texts}), tmp_path, basename="t")
    with open(out.csv, encoding="utf-8", newline="") as fh:
        back = [row[0] for row in csv.reader(io.StringIO(fh.read()))][1:]
    assert back == texts


def test_csv_timestamps_are_iso_with_t(tmp_path):
    stamps = pa.array([dt.datetime(2024, 1, 5, 9, 30), None], pa.timestamp("s"))
    out = write_outputs(pa.table({"ts": stamps, "n": [1, 2]}), tmp_path, basename="t")
    assert [row[0] for row in read_csv_rows(out.csv)[1:]] == ["2024-01-05T09:30:00", ""]
