"""CP932 to UTF-8 with Kanmin's own table-driven decoder (``cp932.c``, called through ctypes).

glibc's iconv converts CP932 at 110–290 MB/s here and Python's codec (with the UTF-8
encoding) at 118–131 MB/s; with this decoder a cold ingest of a 100k-row CP932 file takes
17 % less user CPU time (1.085 → 0.901 s), which had kept it behind the same file in UTF-8
(docs/benchmarks.md). The decoder in ``cp932.c``
(760–1,270 MB/s on the benchmark's file once its output pages are mapped) copies ASCII eight
bytes at a time and looks every other character up in tables generated from the strict
``kanmin_cp932`` codec at build time (``build.py``), so it gives exactly that codec's text
and refuses exactly its refusals; a test compares every one- and two-byte sequence and random
byte strings. ctypes releases the GIL during the call.

The library is built by ``make install`` when a C compiler is present. ``available()`` is
False when it was not built (or was built from other sources: its ABI number must match);
the reader then uses glibc's iconv, or Python's codecs.
"""

from __future__ import annotations

import ctypes
from functools import cache
from pathlib import Path

import pyarrow as pa

from tabular.engine.iconv import ConversionFailed

__all__ = ["ABI", "LIBRARY", "ConversionFailed", "available", "convert"]

#: Must equal what the library's ``kanmin_cp932_abi()`` returns (build.py writes it there).
ABI = 1
LIBRARY = Path(__file__).resolve().with_name("libkanmin_cp932.so")
#: A CP932 byte gives at most three UTF-8 bytes (half-width katakana; two-byte characters
#: give two or three).
_GROWTH = 3


@cache
def _function():
    """The library's conversion function, or None when it is missing or from other sources."""
    try:
        lib = ctypes.CDLL(str(LIBRARY))
    except OSError:
        return None
    try:
        lib.kanmin_cp932_abi.restype = ctypes.c_int
        if lib.kanmin_cp932_abi() != ABI:
            return None
        function = lib.kanmin_cp932_to_utf8
    except AttributeError:
        return None
    function.restype = ctypes.c_size_t
    function.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_int,
                         ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_int)]
    return function


def available() -> bool:
    """True when the decoder was built for these sources and loads."""
    return _function() is not None


def convert(data, *, final: bool, memory_pool: pa.MemoryPool | None = None
            ) -> tuple[pa.Buffer, int]:  # fmt: skip
    """Convert CP932 ``data`` (bytes-like or a pyarrow buffer) to UTF-8; return the output
    and how many bytes at the end of ``data`` were left because they begin a character that
    continues in the next block (with ``final`` that is a ``ConversionFailed`` instead).
    ``ConversionFailed`` names the first byte CP932 does not define. Same contract as
    ``tabular.engine.iconv.convert``; needs ``available()``."""
    function = _function()
    if function is None:
        raise RuntimeError("Kanmin's CP932 decoder is not built (make install)")
    source = data if isinstance(data, pa.Buffer) else pa.py_buffer(data)
    size = source.size
    # Pages of the output never written stay unmapped: the spare capacity costs no memory.
    out = pa.allocate_buffer(size * _GROWTH + 4, memory_pool=memory_pool, resizable=True)
    used = ctypes.c_size_t(0)
    status = ctypes.c_int(0)
    written = function(source.address, size, out.address, int(final), ctypes.byref(used),
                       ctypes.byref(status))  # fmt: skip
    if status.value:
        raise ConversionFailed(used.value)
    out.resize(written, shrink_to_fit=False)  # shrinking would copy the text
    return out, size - used.value
