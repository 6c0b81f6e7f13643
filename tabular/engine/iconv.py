"""Convert CP932 bytes to UTF-8 with glibc's iconv, outside the GIL (ctypes).

The fallback of Kanmin's own decoder (``tabular.engine.native.cp932``, about four times
faster), used where ``make install`` found no C compiler to build it.

Python's codecs hold the GIL while they decode (~200 MB/s here), so decoding never uses more
than one core. glibc's iconv converts CP932 to UTF-8 at about the same speed in one step, and
a ctypes call releases the GIL: the two halves of a big file convert on both cores at once,
while pyarrow parses what is already converted (see ``readers.stream`` and
``readers.delimited``).

It is used only where its table is exactly the one Kanmin decodes with: glibc's ``CP932``
gives the same text as the strict ``kanmin_cp932`` codec (``tabular.engine.encoding``) for
each of the 24,640 one- and two-byte sequences, and refuses the same ones, stray bytes
included; a test compares them all. Shift_JIS files are decoded with CP932's table anyway (see
``readers.stream``). glibc's EUC-JP is not used: it passes C1 bytes that Python refuses.
Elsewhere than on glibc, ``available()`` is False and the callers use Python's codecs.
"""

from __future__ import annotations

import ctypes
import errno
from functools import cache

import pyarrow as pa

from tabular.engine.clib import glibc

__all__ = ["ConversionFailed", "available", "convert"]

_FAILED = ctypes.c_size_t(-1).value
# A CP932 byte becomes at most three UTF-8 bytes (half-width katakana); text is mostly two
# bytes to three. Start at 1.5× and grow when iconv says the output is full.
_GROWTH = 3 / 2


class ConversionFailed(ValueError):
    """The input holds bytes CP932 does not define; ``offset`` is where the first one is."""

    def __init__(self, offset: int) -> None:
        """Remember the offset of the first byte that could not be converted."""
        super().__init__(f"not CP932 at byte {offset}")
        self.offset = offset


@cache
def _functions():
    """glibc's iconv functions with their C signatures, or None without glibc."""
    lib = glibc()
    if lib is None:
        return None
    size_p = ctypes.POINTER(ctypes.c_size_t)
    void_pp = ctypes.POINTER(ctypes.c_void_p)
    lib.iconv_open.restype = ctypes.c_void_p
    lib.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.iconv.restype = ctypes.c_size_t
    lib.iconv.argtypes = [ctypes.c_void_p, void_pp, size_p, void_pp, size_p]
    lib.iconv_close.restype = ctypes.c_int
    lib.iconv_close.argtypes = [ctypes.c_void_p]
    return lib.iconv_open, lib.iconv, lib.iconv_close


def _open():
    """A new conversion descriptor from CP932 to UTF-8 (one per call: they are not shared
    between threads), or None when glibc cannot convert CP932 (its gconv modules missing)."""
    functions = _functions()
    if functions is None:
        return None
    handle = functions[0](b"UTF-8", b"CP932")
    return None if handle in (None, _FAILED) else handle


@cache
def available() -> bool:
    """True when this process can convert CP932 with glibc."""
    handle = _open()
    if handle is None:
        return False
    _functions()[2](handle)
    return True


def convert(data, *, final: bool, memory_pool: pa.MemoryPool | None = None
            ) -> tuple[pa.Buffer, int]:  # fmt: skip
    """Convert CP932 ``data`` (bytes-like or a pyarrow buffer) to UTF-8; return the output
    and how many bytes at the end of ``data`` were left because they begin a character that
    continues in the next block (with ``final`` that is a ``ConversionFailed`` instead).
    ``ConversionFailed`` names the first byte CP932 does not define. Needs ``available()``;
    the GIL is released while iconv runs."""
    handle = _open()
    if handle is None:
        raise RuntimeError("glibc's CP932 converter is not available")
    _, iconv, close = _functions()
    source = data if isinstance(data, pa.Buffer) else pa.py_buffer(data)
    size = source.size
    out = pa.allocate_buffer(int(size * _GROWTH) + 16, memory_pool=memory_pool, resizable=True)
    used = 0
    in_ptr = ctypes.c_void_p(source.address)
    in_left = ctypes.c_size_t(size)
    try:
        while in_left.value:
            out_ptr = ctypes.c_void_p(out.address + used)
            out_left = ctypes.c_size_t(out.size - used)
            result = iconv(handle, ctypes.byref(in_ptr), ctypes.byref(in_left),
                           ctypes.byref(out_ptr), ctypes.byref(out_left))  # fmt: skip
            used = out.size - out_left.value
            if result != _FAILED:
                break
            code = ctypes.get_errno()
            if code == errno.E2BIG:
                out.resize(out.size + max(in_left.value * 3, 1 << 16))
                continue
            if code == errno.EINVAL and not final:
                break  # the block ends inside a character: the rest comes with the next
            # EILSEQ (undefined sequence) or EINVAL (the input ends inside a character).
            raise ConversionFailed(size - in_left.value)
    finally:
        close(handle)
    out.resize(used, shrink_to_fit=True)
    return out, in_left.value
