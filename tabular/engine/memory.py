"""The Arrow memory pool of the reader stage (pure Python).

pyarrow's default pool (mimalloc in the Linux wheels) keeps the pages that one thread frees
while another allocated them: the CSV reader's worker threads allocate the blocks, other
threads free them (when the columns were joined into one array each, the freed blocks stayed
resident — ~280 MiB more peak memory on a 380 MiB file, ~1,060 MiB instead of ~780; the
columns now stay in their blocks, which validation lets go column by column).
jemalloc with a decay time of 0 gives freed pages back to the system at once, for ~0.3 s more
system time (page faults) at a million rows. Only the reader
uses this pool (the decay setting concerns jemalloc alone, which nothing else in the process
uses unless an operator selects it with ARROW_DEFAULT_MEMORY_POOL); where the wheel has no
jemalloc (Windows), the default pool is used.
"""

from __future__ import annotations

from functools import cache

import pyarrow as pa

from tabular.engine.clib import glibc

__all__ = ["POOL_MIN_BYTES", "reader_pool", "trim_malloc"]


#: Bodies from this size on are read into the jemalloc pool; below it the default pool's
#: reuse of freed pages is cheaper (~10 % of a 100,000-row ingest's CPU time in page faults)
#: and what it keeps resident is small.
POOL_MIN_BYTES = 64 << 20


def reader_pool(size: int) -> pa.MemoryPool:
    """The pool the CSV reader allocates a body of ``size`` bytes from (see module)."""
    return _jemalloc_pool() if size >= POOL_MIN_BYTES else pa.default_memory_pool()


@cache
def _jemalloc_pool() -> pa.MemoryPool:
    """jemalloc returning freed pages at once, or the default pool where there is none."""
    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(0)
    except (NotImplementedError, pa.ArrowNotImplementedError):
        return pa.default_memory_pool()
    return pool


def trim_malloc() -> None:
    """Give the C heap's free pages back to the system (glibc only; elsewhere nothing).

    Decoding a legacy-encoded file makes Python allocate a few MiB of text per block in
    pyarrow's I/O thread; glibc keeps what that thread's arena freed (~100 MiB at a million
    rows), which would otherwise stay resident through validation and writing."""
    libc = glibc()
    if libc is not None:
        libc.malloc_trim(0)
