"""Readers of the tabular engine, one per file format, registered by format name.

Every reader is called as ``reader(path, *, encoding, max_rows, progress)`` and returns a
``ReadResult``; ``read.read_file`` picks one by the format detected from the file's bytes.
Workbook readers ignore ``encoding`` (their text is Unicode already).

The built-in readers are imported on first use: a CSV ingestion should not pay for loading
openpyxl and xlrd (~0.1 s of every job's start).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from tabular.engine.types import ReadResult

Reader = Callable[..., ReadResult]

_REGISTRY: dict[str, Reader] = {}

# format → (module, function) of the readers shipped with the engine, loaded lazily.
_BUILTIN: dict[str, tuple[str, str]] = {
    "csv": ("tabular.engine.readers.delimited", "read_delimited"),
    "tsv": ("tabular.engine.readers.delimited", "read_delimited"),
    "json": ("tabular.engine.readers.jsonfile", "read_json"),
    "geojson": ("tabular.engine.readers.jsonfile", "read_json"),
    "xlsx": ("tabular.engine.readers.excel", "read_xlsx"),
    "xls": ("tabular.engine.readers.excel", "read_xls"),
}


def register(fmt: str, reader: Reader) -> None:
    """Make ``reader`` the reader of format ``fmt``."""
    _REGISTRY[fmt] = reader


def reader_for(fmt: str) -> Reader:
    """The reader registered for a format (a built-in one is imported on first use)."""
    reader = _REGISTRY.get(fmt)
    if reader is None:
        module, name = _BUILTIN[fmt]  # KeyError for an unknown format, as before
        reader = getattr(import_module(module), name)
        _REGISTRY[fmt] = reader
    return reader
