"""The Arrow memory pool of the reader stage (pure Python).

pyarrow's default pool (mimalloc in the Linux wheels) keeps the pages that one thread frees
while another allocated them: the CSV reader's worker threads allocate the blocks, the main
thread frees them while joining the blocks into one array per column, and the freed blocks
stayed resident — ~450 MiB more peak memory on a 380 MiB file (1,063 MiB instead of ~700).
jemalloc with a decay time of 0 gives freed pages back to the system at once. Only the reader
uses this pool (the decay setting concerns jemalloc alone, which nothing else in the process
uses unless an operator selects it with ARROW_DEFAULT_MEMORY_POOL); where the wheel has no
jemalloc (Windows), the default pool is used.
"""

from __future__ import annotations

from functools import cache

import pyarrow as pa

__all__ = ["reader_pool"]


@cache
def reader_pool() -> pa.MemoryPool:
    """The pool the CSV reader allocates from: jemalloc returning freed pages at once."""
    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(0)
    except (NotImplementedError, pa.ArrowNotImplementedError):
        return pa.default_memory_pool()
    return pool
