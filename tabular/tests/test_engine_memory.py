"""The reader's memory pool: jemalloc (where the wheel has it) only for big bodies."""

from __future__ import annotations

import pyarrow as pa

from tabular.engine.memory import POOL_MIN_BYTES, reader_pool


def test_a_small_body_is_read_into_the_default_pool():
    """Below the threshold nothing changes the process's allocator."""
    assert reader_pool(POOL_MIN_BYTES - 1).backend_name == pa.default_memory_pool().backend_name


def test_a_big_body_is_read_into_jemalloc_when_the_wheel_has_it():
    """From the threshold on the pool is jemalloc, or the default pool without jemalloc."""
    try:
        expected = pa.jemalloc_memory_pool().backend_name
    except NotImplementedError:
        expected = pa.default_memory_pool().backend_name
    assert reader_pool(POOL_MIN_BYTES).backend_name == expected


def test_glibc_is_found_for_giving_free_pages_back():
    """On glibc Linux (the supported platform) malloc_trim is reached, not silently skipped."""
    import platform

    from tabular.engine import memory
    from tabular.engine.clib import glibc

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        import pytest

        pytest.skip("malloc_trim exists only in glibc")
    assert glibc() is not None
    assert hasattr(glibc(), "malloc_trim")
    memory.trim_malloc()  # must not raise

