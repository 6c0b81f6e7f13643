"""Readers of the tabular engine, one per file format, registered by format name.

Every reader is called as ``reader(path, *, encoding, max_rows, progress)`` and returns a
``ReadResult``; ``read.read_file`` picks one by the format detected from the file's bytes.
Workbook readers ignore ``encoding`` (their text is Unicode already).
"""

from __future__ import annotations

from collections.abc import Callable

from tabular.engine.types import ReadResult

Reader = Callable[..., ReadResult]

_REGISTRY: dict[str, Reader] = {}


def register(fmt: str, reader: Reader) -> None:
    """Make ``reader`` the reader of format ``fmt``."""
    _REGISTRY[fmt] = reader


def reader_for(fmt: str) -> Reader:
    """The reader registered for a format."""
    return _REGISTRY[fmt]


def _register_builtin() -> None:
    """Register the readers shipped with the engine."""
    from tabular.engine.readers.delimited import read_delimited
    from tabular.engine.readers.excel import read_xls, read_xlsx
    from tabular.engine.readers.jsonfile import read_json

    for fmt in ("csv", "tsv"):
        register(fmt, read_delimited)
    for fmt in ("json", "geojson"):
        register(fmt, read_json)
    register("xlsx", read_xlsx)
    register("xls", read_xls)


_register_builtin()
