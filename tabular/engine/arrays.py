"""Helpers for Arrow columns that may come in chunks (pure).

The CSV reader hands its columns on in the chunks it parsed them in: joining them into one
array per column would copy every column once more (~10 % of a million-row ingest's time and
~60–100 MiB of its peak memory). pyarrow.compute's kernels take chunked arrays and keep their
chunks; the few functions that need a single array go through these helpers.
"""

from __future__ import annotations

import pyarrow as pa

from tabular.engine import compute as pc

__all__ = ["Column", "replace_where", "single"]

#: A column of values: one array, or chunks of one type.
Column = pa.Array | pa.ChunkedArray


def single(values: Column) -> pa.Array:
    """The values as one array: no copy for an array or a single chunk."""
    if isinstance(values, pa.Array):
        return values
    if values.num_chunks == 1:
        return values.chunk(0)
    return values.combine_chunks() if values.num_chunks else pa.array([], values.type)


def replace_where(base: Column, mask: Column, replacements: Column) -> Column:
    """``base`` with the cells where ``mask`` is True replaced, in order, by ``replacements``
    (one per True cell; ``mask`` has no nulls). Like ``pc.replace_with_mask``, which takes
    neither a chunked base nor a chunked mask: a chunked base keeps its chunks (only those
    with a cell to replace are rewritten), so its text is never joined."""
    replacements = pc.cast(single(replacements), base.type)
    if isinstance(base, pa.Array):
        return pc.replace_with_mask(base, single(mask), replacements)
    chunks = []
    start = used = 0
    for chunk in base.chunks:
        where = single(mask.slice(start, len(chunk)))
        count = pc.sum(where).as_py() or 0
        if count:
            chunk = pc.replace_with_mask(chunk, where, replacements.slice(used, count))
        chunks.append(chunk)
        start += len(chunk)
        used += count
    return pa.chunked_array(chunks, type=base.type)
