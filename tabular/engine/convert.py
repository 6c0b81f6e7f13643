"""Write the outputs of an ingested table: Parquet, normalised CSV, CSV for Excel, GeoJSON.

Input: the typed ``pyarrow.Table`` of the validation stage (unique column names; string,
int64, float64, date32, bool or timestamp columns; Arrow field metadata ``header``, ``type``
and, on coordinate columns, ``role`` = latitude / longitude).

* Parquet (Snappy, row groups of 100,000 rows): an ``_id`` int64 column 1..n comes first, as
  CKAN's DataStore exposes it; the Arrow schema with every field's metadata is stored, so
  the datastore reads headers and types back. Dictionary encoding only for text columns (on
  numbers it costs time and saves nothing).
* CSV: UTF-8, RFC 4180 — CRLF line ends (the RFC's and Excel's), every text value quoted,
  quotes doubled, null as an empty unquoted field, header = column names, ISO dates and
  timestamps (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS), booleans true/false, NaN as empty.
  ``<basename>_bom.csv`` is the same bytes after a UTF-8 BOM, for Excel users. No ``_id``
  column (it belongs to the datastore).
* Spreadsheet formulas are neutralised in text cells and headers
  (``tabular.datastore.neutralise``); typed numbers are not text and stay as they are.
* GeoJSON (RFC 7946) FeatureCollection of Points when the table has a latitude and a
  longitude column: ``id`` is the row's ``_id``, properties are the other columns. Rows
  without both coordinates, or with a coordinate that is not a number in range, are left
  out and counted in ``Outputs.geojson_skipped``.

Everything is vectorised (pyarrow.compute, no Python loop per cell) and written slice by
slice, Parquet in a worker thread while the CSVs are written (pyarrow releases the GIL).
Files are written under temporary names and renamed when all are complete.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
from pyarrow import _parquet

from tabular.datastore.neutralise import csv_column, neutralise
from tabular.engine import compute as pc
from tabular.engine.types import TabularError

__all__ = ["ROW_GROUP_ROWS", "Outputs", "parquet_writer", "write_outputs"]

ROW_GROUP_ROWS = 100_000
ID = "_id"
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Outputs:
    """Paths of the written files and what they hold."""

    parquet: Path
    csv: Path | None
    csv_bom: Path | None
    geojson: Path | None
    rows: int
    geojson_skipped: int = 0


def _check_columns(typed: pa.Table) -> None:
    """Refuse tables the outputs cannot represent faithfully."""
    names = typed.column_names
    if len(set(names)) != len(names):
        raise TabularError(
            "duplicate-column",
            "列名が重複しているため出力できません。",
            "Column names are not unique, so the table cannot be written.",
            step="convert",
        )
    if ID in names:
        raise TabularError(
            "reserved-column",
            "列名「_id」は予約されています（データストアの行番号）。",
            'The column name "_id" is reserved (the datastore row number).',
            step="convert",
        )


def _slices(typed: pa.Table):
    """Yield (first row number, slice) over the table, ROW_GROUP_ROWS rows at a time."""
    for start in range(0, typed.num_rows, ROW_GROUP_ROWS):
        yield start, typed.slice(start, ROW_GROUP_ROWS)


def _ids(start: int, count: int) -> pa.Array:
    """The _id values start+1 .. start+count."""
    return pa.array(range(start + 1, start + count + 1), pa.int64())


# --- Parquet -------------------------------------------------------------------------------


def _parquet_schema(typed: pa.Table) -> pa.Schema:
    """The stored schema: ``_id`` then the table's fields with their metadata."""
    meta = {b"header": b"_id", b"type": b"integer", b"role": b"id"}
    id_field = pa.field(ID, pa.int64(), nullable=False, metadata=meta)
    return pa.schema([id_field, *typed.schema], metadata=typed.schema.metadata)


def _write_parquet(typed: pa.Table, path: Path) -> None:
    """Write the Parquet file, one row group per slice."""
    schema = _parquet_schema(typed)
    text = [f.name for f in typed.schema if pa.types.is_string(f.type)]
    typed_columns = [f.name for f in schema if not pa.types.is_string(f.type)]
    # Snappy, not zstd: a third less CPU to write, faster scans for the datastore and read by
    # every Parquet tool. Min/max statistics only for typed columns (ids, numbers, dates):
    # they let DuckDB skip row groups there, while on free text they cost a fifth of the
    # write and prune nothing.
    writer = parquet_writer(
        path, schema, compression="snappy", use_dictionary=text or False,
        write_statistics=typed_columns, sorting_columns=[_parquet.SortingColumn(0)],
        # A free-text column's dictionary gives up at this size instead of 1 MiB: less
        # hashing for nothing; columns with few distinct values stay well below it.
        dictionary_pagesize_limit=256 << 10,
    )
    try:
        if typed.num_rows == 0:
            writer.write_table(schema.empty_table())
        for start, part in _slices(typed):
            columns = [_ids(start, part.num_rows), *part.columns]
            writer.write_table(pa.Table.from_arrays(columns, schema=schema),
                               row_group_size=ROW_GROUP_ROWS)
    finally:
        writer.close()


def parquet_writer(path: Path, schema: pa.Schema, **options) -> _parquet.ParquetWriter:
    """A Parquet writer on a local file: the one ``pyarrow.parquet.ParquetWriter`` wraps, with
    the defaults that wrapper passes it (format 2.6, data pages v1, engine V2, Snappy,
    dictionaries and statistics on).

    Importing ``pyarrow.parquet`` also loads ``pyarrow.fs`` with its cloud filesystems and
    ``ssl`` (20–30 ms here), which a local path does not need; while the body of a legacy-
    encoded file is read those imports hold the GIL that the decoding stream needs
    (``pipeline._import_later_stages``). pyarrow is pinned; a test checks that both writers
    write identical bytes."""
    defaults = dict(version="2.6", writer_engine_version="V2", data_page_version="1.0",
                    compression="snappy", use_dictionary=True, write_statistics=True)
    return _parquet.ParquetWriter(str(path), schema, **(defaults | options))


# --- CSV -----------------------------------------------------------------------------------


def _csv_schema(typed: pa.Table) -> pa.Schema:
    """The CSV header: column names, neutralised too (a header is a cell as well)."""
    return pa.schema([pa.field(neutralise(f.name), pa.string() if pa.types.is_timestamp(f.type)
                               else f.type) for f in typed.schema])


def _write_csvs(typed: pa.Table, path: Path, bom_path: Path) -> None:
    """Write the CSV and the BOM-prefixed CSV from the same bytes, slice by slice."""
    schema = _csv_schema(typed)
    with open(path, "wb") as plain, open(bom_path, "wb") as bom:
        bom.write(BOM)
        for start, part in (_slices(typed) if typed.num_rows else [(0, typed)]):
            cols = [csv_column(c) for c in part.columns]
            buf = pa.BufferOutputStream()
            options = pcsv.WriteOptions(include_header=start == 0, eol="\r\n")
            pcsv.write_csv(pa.Table.from_arrays(cols, schema=schema), buf, options)
            data = buf.getvalue()
            plain.write(data)
            bom.write(data)


# --- GeoJSON -------------------------------------------------------------------------------

_NUMBER = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"
_JSON_ESCAPES = [("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")]


def _role_columns(typed: pa.Table) -> tuple[str, str] | None:
    """The first latitude and longitude columns by their ``role`` metadata, if both exist."""
    found: dict[bytes, str] = {}
    for f in typed.schema:
        role = (f.metadata or {}).get(b"role")
        if role in (b"latitude", b"longitude") and role not in found:
            found[role] = f.name
    if b"latitude" in found and b"longitude" in found:
        return found[b"latitude"], found[b"longitude"]
    return None


def _as_float(arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """A coordinate column as float64; text that is not a number becomes null."""
    if pa.types.is_floating(arr.type) or pa.types.is_integer(arr.type):
        return pc.cast(arr, pa.float64())
    text = pc.cast(arr, pa.string())
    ok = pc.match_substring_regex(text, _NUMBER)
    return pc.cast(pc.if_else(ok, pc.utf8_trim_whitespace(text), None), pa.float64())


def _json_escape(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """Escape backslash, quote and control characters for JSON (strings needing none: 1 pass)."""
    if not pc.any(pc.match_substring_regex(text, r'[\\"\x00-\x1f]')).as_py():
        return text
    for old, new in _JSON_ESCAPES:
        # A replace costs about what a check would: no check first.
        text = pc.replace_substring(text, old, new)
    if pc.any(pc.match_substring_regex(text, r"[\x00-\x08\x0b\x0c\x0e-\x1f]")).as_py():
        for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]:
            if pc.any(pc.match_substring(text, chr(code))).as_py():
                text = pc.replace_substring(text, chr(code), f"\\u{code:04x}")
    return text


def _json_strings(arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Each value as a JSON literal (strings escaped and quoted, null as null), vectorised."""
    t = arr.type
    if pa.types.is_boolean(t) or pa.types.is_integer(t):
        out = pc.cast(arr, pa.string())
    elif pa.types.is_floating(t):
        finite = pc.is_finite(arr)
        out = pc.if_else(finite, pc.cast(arr, pa.string()), None)
    else:
        if pa.types.is_timestamp(t):
            text = pc.strftime(arr, format="%Y-%m-%dT%H:%M:%S")
        else:
            text = pc.cast(arr, pa.string())
        text = _json_escape(text)
        out = pc.binary_join_element_wise('"', text, '"', "")
    return pc.fill_null(out, "null")


def _feature_strings(part: pa.Table, start: int, lat: str, lon: str) -> tuple[pa.Array, int]:
    """One GeoJSON Feature string per located row of a slice, and the count left out."""
    lat_v, lon_v = _as_float(part[lat]), _as_float(part[lon])
    ok = pc.and_kleene(
        pc.and_kleene(pc.greater_equal(lat_v, -90.0), pc.less_equal(lat_v, 90.0)),
        pc.and_kleene(pc.greater_equal(lon_v, -180.0), pc.less_equal(lon_v, 180.0)),
    )
    ok = pc.fill_null(ok, False)
    kept = pc.filter(part, ok)
    skipped = part.num_rows - kept.num_rows
    if kept.num_rows == 0:
        return pa.array([], pa.string()), skipped
    ids = pc.filter(_ids(start, part.num_rows), ok)
    pieces: list = ['{"type":"Feature","id":', pc.cast(ids, pa.string()),
                    ',"geometry":{"type":"Point","coordinates":[',
                    pc.cast(pc.filter(lon_v, ok), pa.string()), ",",
                    pc.cast(pc.filter(lat_v, ok), pa.string()), ']},"properties":{']
    props = [n for n in kept.column_names if n not in (lat, lon)]
    for i, name in enumerate(props):
        key = ("," if i else "") + json.dumps(name, ensure_ascii=False) + ":"
        pieces += [key, _json_strings(kept[name])]
    pieces.append("}}")
    features = pc.binary_join_element_wise(*pieces, "")
    if isinstance(features, pa.ChunkedArray):
        features = features.combine_chunks()
    return features, skipped


def _string_bytes(arr: pa.Array, sep: bytes) -> bytes:
    """The values of a string array joined by ``sep``, built in C (no Python loop per row)."""
    joined = pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(arr)], pa.int32()), arr),
                            sep.decode())
    return joined[0].as_buffer().to_pybytes()


def _write_geojson(typed: pa.Table, path: Path, lat: str, lon: str) -> int:
    """Write the FeatureCollection; return the number of rows left out."""
    skipped = 0
    written = 0
    with open(path, "wb") as out:
        out.write(b'{"type":"FeatureCollection","features":[\n')
        for start, part in _slices(typed):
            features, missed = _feature_strings(part, start, lat, lon)
            skipped += missed
            if len(features) == 0:
                continue
            if written:
                out.write(b",\n")
            out.write(_string_bytes(features, b",\n"))
            written += len(features)
        out.write(b"\n]}\n")
    return skipped


def write_geojson_from_parquet(parquet: Path, out: Path) -> tuple[Path | None, int]:
    """Write the GeoJSON of an already converted table (None when it has no coordinates).

    The ingestion job does this after the table is ready: at a million rows GeoJSON costs
    more than everything else, and nobody should wait for it to query the table."""
    import pyarrow.parquet as pq  # not on the ingest's path (see parquet_writer)

    with pq.ParquetFile(parquet) as stored_file:  # not read_table: pyarrow.dataset imports
        stored = stored_file.read()  # pyarrow.compute (see tabular.engine.compute)
    typed = stored.drop_columns([ID]) if ID in stored.column_names else stored
    coords = _role_columns(typed)
    if not coords:
        return None, 0
    try:
        skipped = _write_geojson(typed, _part(out), *coords)
        os.replace(_part(out), out)
    except BaseException:
        _part(out).unlink(missing_ok=True)
        raise
    return out, skipped


# --- entry point ---------------------------------------------------------------------------


def _part(path: Path) -> Path:
    """The temporary name a file is written under."""
    return path.with_name(f".{path.name}.part")


def write_outputs(typed: pa.Table, out_dir: Path, *, basename: str,
                  csv: bool = True, geojson: bool = True) -> Outputs:
    """Write ``<basename>.parquet``, maybe ``.geojson`` and, with ``csv``, ``.csv`` and
    ``_bom.csv`` in out_dir. The ingestion job passes ``csv=False``: its CSV downloads are
    streamed from the Parquet file (the same bytes, see datastore.exports), so writing them
    at ingestion would only cost time."""
    _check_columns(typed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    parquet = out_dir / f"{basename}.parquet"
    csv_path = out_dir / f"{basename}.csv" if csv else None
    bom_path = out_dir / f"{basename}_bom.csv" if csv else None
    coords = _role_columns(typed)
    geojson = out_dir / f"{basename}.geojson" if coords and geojson else None
    finals = [p for p in (parquet, csv_path, bom_path, geojson) if p is not None]
    skipped = 0
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet") as pool:
            parquet_done = pool.submit(_write_parquet, typed, _part(parquet))
            if csv_path is not None and bom_path is not None:
                _write_csvs(typed, _part(csv_path), _part(bom_path))
            if coords and geojson is not None:
                skipped = _write_geojson(typed, _part(geojson), *coords)
            parquet_done.result()
        for final in finals:
            os.replace(_part(final), final)
    except BaseException:
        for final in finals:
            _part(final).unlink(missing_ok=True)
        raise
    return Outputs(parquet=parquet, csv=csv_path, csv_bom=bom_path, geojson=geojson,
                   rows=typed.num_rows, geojson_skipped=skipped)
