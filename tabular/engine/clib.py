"""The C library this process runs on, when it is glibc (ctypes, stdlib only).

Two stages call into it: the reader gives freed heap pages back (``malloc_trim``) and converts
CP932 text columns outside the GIL (``iconv``, see ``tabular.engine.iconv``). Both rely on
glibc's behaviour, so on any other C library (musl, macOS, Windows) this gives None and the
callers keep to Python.

The library is taken from the process's own symbol table (``dlopen(NULL)``), not looked up
with ``ctypes.util.find_library``, which starts ``ldconfig`` in a subprocess.
"""

from __future__ import annotations

import ctypes
from functools import cache

__all__ = ["glibc"]


@cache
def glibc() -> ctypes.CDLL | None:
    """The process's glibc, or None on another C library."""
    try:
        lib = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    return lib if hasattr(lib, "gnu_get_libc_version") else None
