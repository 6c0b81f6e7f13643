"""Reading JSON (arrays of records) and GeoJSON (features → rows, points → 緯度/経度)."""

from __future__ import annotations

import json

import pytest

from tabular.engine.read import read_file
from tabular.engine.types import TabularError


def write_json(tmp_path, document, name: str = "data.json"):
    """Write a JSON document (UTF-8) to a file in tmp_path."""
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def feature(properties: dict, geometry: dict | None, **extra) -> dict:
    """One GeoJSON Feature."""
    return {"type": "Feature", "properties": properties, "geometry": geometry, **extra}


def point(lon: float, lat: float) -> dict:
    """A GeoJSON Point."""
    return {"type": "Point", "coordinates": [lon, lat]}


def test_array_of_objects_gives_columns_in_order_of_first_appearance(tmp_path):
    path = write_json(tmp_path, [{"名称": "市役所", "番号": 1}, {"名称": "駅", "備考": "北口"}])
    result = read_file(path)
    table = result.tables[0]
    assert result.format == "json"
    assert table.headers == ["名称", "番号", "備考"]
    assert table.data.to_pylist() == [
        {"c0": "市役所", "c1": "1", "c2": None},
        {"c0": "駅", "c1": None, "c2": "北口"},
    ]
    assert table.row_numbers.to_pylist() == [1, 2]


def test_numbers_keep_the_digits_written_in_the_file(tmp_path):
    path = tmp_path / "n.json"
    path.write_text('[{"a": 12.50, "b": 1e3, "c": true, "d": {"x": [1, 2.0]}}]')
    assert read_file(path).tables[0].data.to_pylist()[0] == {
        "c0": "12.50",
        "c1": "1e3",
        "c2": "TRUE",
        "c3": '{"x":[1,2.0]}',
    }


@pytest.mark.parametrize("key", ["records", "data"])
def test_records_under_a_known_key_are_found(tmp_path, key):
    path = write_json(tmp_path, {"meta": {"count": 1}, key: [{"名称": "公園"}]})
    assert read_file(path).tables[0].headers == ["名称"]


def test_records_under_a_japanese_key_beside_metadata_are_found(tmp_path):
    document = {"全国地方公共団体コード": "139904", "件数": 1, "データ": [{"名称": "公園"}]}
    assert read_file(write_json(tmp_path, document)).tables[0].headers == ["名称"]


def test_two_candidate_lists_are_not_guessed_between(tmp_path):
    document = {"公園": [{"名称": "A"}], "図書館": [{"名称": "B"}]}
    with pytest.raises(TabularError) as excinfo:
        read_file(write_json(tmp_path, document))
    assert excinfo.value.code == "no-table"


def test_array_of_arrays_is_read_like_a_sheet(tmp_path):
    path = write_json(tmp_path, [["名称", "住所"], ["市役所", "山口県"]])
    table = read_file(path).tables[0]
    assert table.headers == ["名称", "住所"]
    assert table.row_numbers.to_pylist() == [2]


def test_json_without_a_table_is_an_error(tmp_path):
    with pytest.raises(TabularError) as excinfo:
        read_file(write_json(tmp_path, {"名称": "市役所"}))
    assert excinfo.value.code == "no-table"


def test_malformed_json_named_json_is_an_error_with_its_position(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"a": 1},\n {"a": }]')
    with pytest.raises(TabularError) as excinfo:
        read_file(path)
    assert excinfo.value.code == "invalid-json"
    assert "line 2" in excinfo.value.message_en


def test_text_that_merely_looks_like_json_is_read_as_csv(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("[1],名称\n1,市役所\n", encoding="utf-8")
    result = read_file(path)
    assert result.format == "csv"
    assert result.tables[0].headers == ["[1]", "名称"]


def test_point_features_get_latitude_and_longitude_columns(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [feature({"名称": "監視カメラ1"}, point(138.3209, 34.8647))],
    }
    result = read_file(write_json(tmp_path, collection, "camera.geojson"))
    table = result.tables[0]
    assert result.format == "geojson"
    assert table.headers == ["名称", "緯度", "経度"]
    assert table.data.to_pylist()[0] == {"c0": "監視カメラ1", "c1": "34.8647", "c2": "138.3209"}


def test_geometry_columns_do_not_overwrite_latitude_properties(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [feature({"緯度": "37.04", "経度": "136.96"}, point(136.96, 37.04))],
    }
    table = read_file(write_json(tmp_path, collection, "a.geojson")).tables[0]
    assert table.headers == ["緯度", "経度", "geometry_緯度", "geometry_経度"]


def test_projected_crs_points_are_not_called_latitude_and_longitude(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::6675"}},
        "features": [feature({"名称": "避難所"}, point(-2345.6, 45678.9))],
    }
    result = read_file(write_json(tmp_path, collection, "a.geojson"))
    table = result.tables[0]
    assert table.headers == ["名称", "geometry_x", "geometry_y"]
    assert table.data.to_pylist()[0]["c1"] == "-2345.6"
    assert any("6675" in n.message_en for n in result.notices)


def test_non_point_geometries_are_kept_as_geojson_text(tmp_path):
    line = {"type": "LineString", "coordinates": [[130.9, 33.9], [131.0, 34.0]]}
    collection = {"type": "FeatureCollection", "features": [feature({"名称": "道"}, line)]}
    table = read_file(write_json(tmp_path, collection, "a.geojson")).tables[0]
    assert table.headers == ["名称", "geometry"]
    assert json.loads(table.data.to_pylist()[0]["c1"]) == line


def test_feature_ids_become_a_column(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [feature({"名称": "A"}, None, id=7), feature({"名称": "B"}, None, id=8)],
    }
    table = read_file(write_json(tmp_path, collection, "a.geojson")).tables[0]
    assert table.headers == ["id", "名称"]
    assert table.data.column(0).to_pylist() == ["7", "8"]
