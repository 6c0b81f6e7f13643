"""Writing demo tables as CSV, JSON and GeoJSON bytes, in the encodings municipalities use."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
CP932 = "cp932"
ENCODING_LABELS = {UTF8: "UTF-8", UTF8_BOM: "UTF-8 (BOM)", CP932: "CP932 (Shift_JIS)"}

Row = dict[str, object]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}"
    return str(value)


def encode_csv(header: Sequence[str], rows: Iterable[Row], encoding: str) -> bytes:
    """A CSV file (header row, CRLF line ends) in the given encoding.

    Every key of every row must be a column of the header, so a typo in a column name fails
    loudly instead of producing an empty column. Encoding is strict: a character that CP932
    cannot represent is a bug in the demo data, not something to replace silently.
    """
    columns = list(header)
    known = set(columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        unknown = set(row) - known
        if unknown:
            raise ValueError(f"unknown column(s) {sorted(unknown)}")
        writer.writerow([_cell(row.get(name)) for name in columns])
    return buf.getvalue().encode(encoding)


def encode_json(data: object) -> bytes:
    """UTF-8 JSON, readable (non-ASCII kept as is), with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode(UTF8)


def feature_collection(
    rows: Iterable[Row], *, name: str, lat: str = "緯度", lon: str = "経度"
) -> dict:
    """A GeoJSON FeatureCollection of point rows; empty properties are left out."""
    features = []
    for row in rows:
        properties = {k: v for k, v in row.items() if k not in (lat, lon) and v not in ("", None)}
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(row[lon]), 6), round(float(row[lat]), 6)],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "name": name, "features": features}
