"""Test helper: the same cells as an array or in small chunks, as the CSV reader hands them on.

The reader keeps a big file's columns in the chunks it parsed them in (one per block of a
megabyte or more), so the later stages must give the same results on chunked columns. Tests
that build their columns with ``column`` run once per layout (the ``layout`` fixture)."""

from __future__ import annotations

import pyarrow as pa
import pytest

LAYOUTS = ["array", "chunks"]
_current = {"layout": "array"}


def column(values: list, type_: pa.DataType | None = None) -> pa.Array | pa.ChunkedArray:
    """The cells as one array, or, in the "chunks" layout, split after an empty chunk into
    chunks of one and two cells in turn (every cell boundary case: first, last, lone cells)."""
    type_ = type_ or pa.string()
    array = pa.array(values, type_)
    if _current["layout"] == "array":
        return array
    chunks, start, size = [array.slice(0, 0)], 0, 1
    while start < len(array):
        chunks.append(array.slice(start, size))
        start += size
        size = 3 - size
    return pa.chunked_array(chunks, type=type_)


@pytest.fixture(params=LAYOUTS)
def layout(request):
    """Run the test with columns as one array and again in chunks (see ``column``)."""
    _current["layout"] = request.param
    yield request.param
    _current["layout"] = "array"
