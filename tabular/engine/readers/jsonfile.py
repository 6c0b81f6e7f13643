"""Read JSON and GeoJSON files into one table (pure Python).

* JSON: an array of objects, or an object holding one under ``records``, ``data``, ``items``,
  ``rows`` or ``features``. Columns are the keys in order of first appearance; an array of
  arrays is read like a sheet (its header found by ``structure``).
* GeoJSON: a ``FeatureCollection`` (or one ``Feature``). Each feature is a row; its
  ``properties`` are the columns, ``id`` a column when features have one. When every geometry
  is a Point in longitude/latitude (no ``crs``, or CRS84 / EPSG:4326 / 6668 / 4612), columns
  ``緯度`` and ``経度`` are added after the properties (named ``geometry_緯度`` /
  ``geometry_経度`` when the properties already use those names). Points in another declared
  CRS (such as the plane rectangular EPSG:6675, in metres) become ``geometry_x`` /
  ``geometry_y``. Any other geometry is kept whole as GeoJSON text in a ``geometry`` column.

Numbers keep the digits written in the file (``12.50`` stays ``12.50``); ``true``/``false``
become ``TRUE``/``FALSE``; nested objects and arrays are kept as compact JSON text.
Row numbers are the 1-based position of the record (feature) in its array; there is no
header row, so ``header_row`` is 0.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tabular.engine.readers.rows import RowAssembler
from tabular.engine.readers.source import open_utf8_source
from tabular.engine.structure import analyse_layout, finish_table
from tabular.engine.types import Notice, Progress, ReadResult, Table, TabularError

_RECORD_KEYS = ("records", "data", "items", "rows", "features")
_LONLAT_CRS = re.compile(r"(CRS84|EPSG:+(4326|6668|4612))\b", re.I)


def read_json(
    path: Path, *, encoding: str | None, max_rows: int | None, progress: Progress
) -> ReadResult:
    """Read a JSON or GeoJSON file."""
    source = open_utf8_source(path, encoding=encoding)
    try:
        with source.path.open("rb") as fh:
            fh.seek(source.start)
            text = fh.read().decode("utf-8")
    finally:
        source.close()
    try:
        document = json.loads(text, parse_float=_Number, parse_int=_Number)
    except json.JSONDecodeError as exc:
        raise TabularError(
            "invalid-json",
            f"JSON の書式が正しくありません（{exc.lineno} 行目 {exc.colno} 文字目: {exc.msg}）。",
            f"The JSON is not well-formed (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            step="parse",
        ) from exc
    if isinstance(document, dict) and document.get("type") in ("FeatureCollection", "Feature"):
        table, notices = _geojson_table(document, max_rows=max_rows)
        fmt = "geojson"
    else:
        table, notices = _json_table(document, max_rows=max_rows)
        fmt = "json"
    progress("read", table.num_rows, 0)
    return ReadResult(
        format=fmt, encoding=source.encoding, tables=[table], notices=source.notices + notices
    )


class _Number(str):
    """A JSON number kept as the text written in the file."""


def _value_text(value: Any) -> str | None:
    """One JSON value as cell text (numbers arrive as their source text)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return str(value) or None
    return _dump(value)


def _dump(value: Any) -> str:
    """Compact JSON text of a nested value, numbers written as in the source."""
    if isinstance(value, _Number):
        return str(value)
    if isinstance(value, dict):
        items = (json.dumps(str(k), ensure_ascii=False) + ":" + _dump(v) for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _records(document: Any) -> list[Any]:
    """The list of records in a JSON document, or an error saying what was expected."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _RECORD_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
        # Japanese publishers name the list themselves (データ, 一覧…) beside metadata keys:
        # take the one key whose value is a non-empty list of objects, if there is exactly one.
        candidates = [
            value for value in document.values()
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ]
        if len(candidates) == 1:
            return candidates[0]
    raise TabularError(
        "no-table",
        "JSON の中に表が見つかりません。オブジェクトの配列、または records・data に配列を"
        "持つオブジェクトにしてください。",
        "No table found in the JSON: expected an array of objects, or an object with an "
        "array under 'records' or 'data'.",
        step="parse",
    )


def _json_table(document: Any, *, max_rows: int | None) -> tuple[Table, list[Notice]]:
    """A table from a JSON array of objects (or of arrays)."""
    records = _records(document)
    limited = max_rows is not None and len(records) > max_rows
    if records and all(isinstance(r, list) for r in records):
        return _rows_table([[_value_text(v) for v in r] for r in records], max_rows=max_rows)
    if not all(isinstance(r, dict) for r in records):
        raise TabularError(
            "no-table",
            "JSON の配列の要素がオブジェクトではありません。",
            "The JSON array's items are not objects.",
            step="parse",
        )
    records = records[:max_rows] if limited else records
    headers = _keys(records)
    rows = [[_value_text(r.get(key)) for key in headers] for r in records]
    return _assemble(headers, rows, limited=limited, max_rows=max_rows), []


def _keys(records: list[dict[str, Any]]) -> list[str]:
    """All keys of a list of objects, in order of first appearance."""
    seen: dict[str, None] = {}
    for record in records:
        for key in record:
            seen.setdefault(key, None)
    return list(seen)


def _rows_table(rows: list[list[str | None]], *, max_rows: int | None) -> tuple[Table, list]:
    """A table from a JSON array of arrays, laid out like a sheet."""
    layout = analyse_layout(rows)
    if layout is None:
        raise TabularError("empty-file", "JSON の表が空です。", "The JSON table is empty.")
    body = rows[layout.data_start :]
    limited = max_rows is not None and len(body) > max_rows
    body = body[:max_rows] if limited else body
    assembler = RowAssembler(header_width=len(layout.headers))
    for offset, row in enumerate(body):
        assembler.add(row, layout.data_start + offset + 1)
    data, numbers = assembler.finish()
    table = finish_table(
        name="",
        headers=layout.headers,
        data=data,
        row_numbers=numbers,
        header_row=layout.header_row,
        notices=layout.notices + _limit_notices(limited, max_rows),
        ragged_notices=True,
        short_rows=assembler.short_rows,
    )
    return table, []


def _assemble(
    headers: list[str], rows: list[list[str | None]], *, limited: bool, max_rows: int | None
) -> Table:
    """A table from rows that already line up with ``headers`` (records numbered from 1)."""
    assembler = RowAssembler(header_width=len(headers))
    for number, row in enumerate(rows, start=1):
        assembler.add(row, number)
    data, numbers = assembler.finish()
    return finish_table(
        name="",
        headers=headers,
        data=data,
        row_numbers=numbers,
        header_row=0,
        notices=_limit_notices(limited, max_rows),
        ragged_notices=False,
    )


def _limit_notices(limited: bool, max_rows: int | None) -> list[Notice]:
    """The notice for a read cut short by ``max_rows``."""
    if not limited:
        return []
    return [
        Notice(
            "rows-limited",
            f"先頭の {max_rows} 行だけを読みました。",
            f"Only the first {max_rows} data rows were read.",
        )
    ]


def _geojson_table(document: dict[str, Any], *, max_rows: int | None) -> tuple[Table, list[Notice]]:
    """A table from a GeoJSON FeatureCollection or Feature."""
    features = (
        document.get("features") if document.get("type") == "FeatureCollection" else [document]
    )
    if not isinstance(features, list) or not all(isinstance(f, dict) for f in features):
        raise TabularError(
            "invalid-json",
            "GeoJSON の features が Feature の配列になっていません。",
            "The GeoJSON 'features' member is not an array of Features.",
            step="parse",
        )
    limited = max_rows is not None and len(features) > max_rows
    features = features[:max_rows] if limited else features
    properties = [
        f.get("properties") if isinstance(f.get("properties"), dict) else {} for f in features
    ]
    headers = _keys(properties)
    with_id = any("id" in f for f in features) and "id" not in headers
    geometries = [
        f.get("geometry") if isinstance(f.get("geometry"), dict) else None for f in features
    ]
    points = all(g is None or g.get("type") == "Point" for g in geometries) and any(geometries)
    crs = json.dumps(document.get("crs")) if document.get("crs") is not None else ""
    lonlat = not crs or bool(_LONLAT_CRS.search(crs))
    notices: list[Notice] = []
    if points and lonlat:
        geo_headers = ["緯度", "経度"]
        if set(geo_headers) & set(headers):
            geo_headers = ["geometry_緯度", "geometry_経度"]
        notices.append(
            Notice(
                "geometry-columns",
                f"Point のジオメトリを {geo_headers[0]}・{geo_headers[1]} の列にしました。",
                f"Point geometries became the columns {geo_headers[0]} and {geo_headers[1]}.",
            )
        )
    elif points:
        geo_headers = ["geometry_x", "geometry_y"]
        notices.append(
            Notice(
                "geometry-columns",
                "ジオメトリの座標参照系が経緯度ではないため（" + crs[:80] + "）、座標を "
                "geometry_x・geometry_y の列にしました（緯度・経度ではありません）。",
                f"The geometry's coordinate reference system is not longitude/latitude "
                f"({crs[:80]}): coordinates became the columns geometry_x and geometry_y "
                "(not latitude/longitude).",
            )
        )
    elif any(geometries):
        geo_headers = ["geometry"]
        notices.append(
            Notice(
                "geometry-columns",
                "Point 以外のジオメトリがあるため、ジオメトリを GeoJSON の文字列として "
                "geometry 列に入れました。",
                "Some geometries are not Points: each geometry is kept as GeoJSON text in the "
                "geometry column.",
            )
        )
    else:
        geo_headers = []
    rows = []
    for feature, props, geometry in zip(features, properties, geometries, strict=True):
        row = [_value_text(feature.get("id"))] if with_id else []
        row += [_value_text(props.get(key)) for key in headers]
        if geo_headers == ["geometry"]:
            row.append(_value_text(geometry))
        elif geo_headers:
            coords = geometry.get("coordinates") if geometry else None
            if isinstance(coords, list) and len(coords) >= 2:
                first, second = _value_text(coords[0]), _value_text(coords[1])
                row += [second, first] if lonlat else [first, second]
            else:
                row += [None, None]
        rows.append(row)
    all_headers = (["id"] if with_id else []) + headers + geo_headers
    return _assemble(all_headers, rows, limited=limited, max_rows=max_rows), notices
