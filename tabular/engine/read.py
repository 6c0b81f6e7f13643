"""Public entry of the reader stage: a file on disk → ``ReadResult`` (pure Python, no Django).

``read_file`` finds the real format from the bytes (``detect``), the encoding of text files
(``encoding``), the table inside each sheet (``structure``) and returns tables whose headers
are kept exactly and whose cells are all text (empty cells null). See the readers' module
docstrings for the rules of each format.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tabular.engine.detect import classify_zip, detect_format
from tabular.engine.encoding import EncodingGuess, detect_encoding
from tabular.engine.readers import reader_for
from tabular.engine.types import Notice, Progress, ReadResult, TabularError, no_progress

_HEAD_BYTES = 64 * 1024
_EXPECTED = {
    ".csv": {"csv", "tsv"},
    ".txt": {"csv", "tsv"},
    ".tsv": {"tsv", "csv"},
    ".xlsx": {"xlsx"},
    ".xlsm": {"xlsx"},
    ".xls": {"xls"},
    ".json": {"json", "geojson"},
    ".geojson": {"geojson", "json"},
}
_NAMES = {
    "csv": "CSV",
    "tsv": "TSV",
    "xlsx": "Excel (XLSX)",
    "xls": "Excel 97-2003 (XLS)",
    "json": "JSON",
    "geojson": "GeoJSON",
}

__all__ = ["EncodingGuess", "detect_encoding", "detect_format", "read_file"]


def read_file(
    path: str | Path,
    *,
    filename: str = "",
    encoding: str | None = None,
    max_rows: int | None = None,
    progress: Progress = no_progress,
) -> ReadResult:
    """Read a tabular file (CSV, TSV, XLSX, XLS, JSON, GeoJSON) into raw text tables.

    ``filename`` is the name the file was uploaded with (only used to point out a misleading
    extension); ``encoding`` overrides detection for text files; ``max_rows`` limits the data
    rows read per table (for previews). Raises ``TabularError`` with a stable code.
    """
    path = Path(path)
    filename = filename or path.name
    if not path.is_file():
        raise TabularError(
            "not-found",
            f"ファイル「{filename}」が見つかりません。",
            f"The file {filename!r} does not exist.",
            step="read",
        )
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    fmt = detect_format(head, filename)
    if fmt == "xlsx":
        fmt = classify_zip(path)
    options = {"encoding": encoding, "max_rows": max_rows, "progress": progress}
    try:
        if fmt in ("json", "geojson"):
            try:
                result = reader_for(fmt)(path, **options)
            except TabularError as exc:
                # Content that merely starts like JSON ("[No],…") is a CSV unless named .json.
                if exc.code not in ("invalid-json", "no-table") or _suffix(filename) in (
                    ".json",
                    ".geojson",
                ):
                    raise
                fmt = "csv"
                result = reader_for(fmt)(path, **options)
        else:
            result = reader_for(fmt)(path, **options)
    except csv.Error as exc:
        raise TabularError(
            "parse-error",
            f"CSV として読めません（{exc}）。",
            f"Cannot parse the file as CSV ({exc}).",
            step="parse",
        ) from exc
    mismatch = _mismatch_notice(filename, result.format)
    if mismatch:
        result.notices.insert(0, mismatch)
    return result


def _suffix(filename: str) -> str:
    """The lower-case extension of a file name, without surrounding spaces."""
    return Path(filename.strip()).suffix.lower()


def _mismatch_notice(filename: str, fmt: str) -> Notice | None:
    """A notice when the file's extension promises another format than its content."""
    suffix = _suffix(filename)
    expected = _EXPECTED.get(suffix)
    if expected is None or fmt in expected:
        return None
    return Notice(
        "format-mismatch",
        f"拡張子は {suffix} ですが、中身は {_NAMES[fmt]} なので {_NAMES[fmt]} として読みました。",
        f"The file is named {suffix} but its content is {_NAMES[fmt]}; it was read as "
        f"{_NAMES[fmt]}.",
    )
