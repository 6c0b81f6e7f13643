"""A file in a Japanese legacy encoding (or UTF-16) read as a stream of UTF-8 bytes.

The CSV reader reads a file's head through this stream to find its layout, and then its body:
pyarrow's I/O thread pulls the next block while its parser threads work on the previous ones,
so decoding and parsing overlap, and no decoded copy of the file is written to disk. CP932 and
Shift_JIS are converted by Kanmin's own decoder (``tabular.engine.native.cp932``, about four
times glibc's iconv) when ``make install`` could build it, else by glibc's iconv
(``tabular.engine.iconv``); both release the GIL. Python's codecs decode the rest (EUC-JP,
UTF-16, and CP932 where neither is available). A big file without double quotes is read as
two halves at once (``delimited._read_decoded_body``).

Shift_JIS is decoded with CP932's table, as the WHATWG Encoding Standard's Shift_JIS decoder
and every browser do: the two differ only in six JIS X 0208 codes that Windows maps to other
characters (～ － ∥ ￠ ￡ ￢, see ``transcode.JIS_TO_WINDOWS``; a test checks that CP932's
table gives exactly Shift_JIS plus that mapping) and in the NEC/IBM extension characters,
which plain Shift_JIS lacks. So the label reported is the one the sample showed: a file
detected as Shift_JIS whose ① appears only later still reads ① correctly.

A byte the codec cannot decode raises ``DecodeFailed`` (a kind of ``InvalidUtf8``): the
reader then reads the file again through the strict path in ``source``, which tries the
other candidate encodings and names the offending line.
"""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pyarrow as pa

from tabular.engine import iconv
from tabular.engine.native import cp932 as native_cp932
from tabular.engine.readers.source import STREAM_CODECS, InvalidUtf8
from tabular.engine.readers.transcode import has_cp932_stray

_CHUNK = 4 << 20
_HEAD_CHUNK = 256 << 10


class DecodeFailed(InvalidUtf8):
    """The stream met bytes its encoding cannot decode, in the block starting at ``offset``."""

    def __init__(self, offset: int) -> None:
        """Remember where the failing block starts."""
        super().__init__(f"undecodable bytes in the block at byte {offset}")
        self.offset = offset


class DecodedStream(io.RawIOBase):
    """UTF-8 bytes of a text file in ``label``'s encoding (see ``source.STREAM_CODECS``)."""

    def __init__(self, path: Path, label: str, *, chunk: int = _CHUNK, start: int = 0,
                 end: int | None = None) -> None:  # fmt: skip
        """Open ``path`` (its bytes from ``start`` to ``end``, which must fall between
        characters); it is decoded ``chunk`` bytes at a time as it is read."""
        super().__init__()
        self._left = end - start if end is not None else None
        codec, strays = STREAM_CODECS[label]
        self._strays, self._chunk = strays, chunk
        self._file = path.open("rb", buffering=0)
        self._file.seek(start)
        # CP932 (and Shift_JIS, read with its table) through Kanmin's decoder or glibc's
        # iconv, which give the same text and release the GIL; otherwise Python's decoder.
        self._convert = _cp932_converter() if codec == "cp932" else None
        self._carry = b""
        self._input = bytearray()  # the converters' input, reused from block to block
        self._decoder = codecs.getincrementaldecoder(codec)("strict")
        self._pending = memoryview(b"")
        self._offset = start
        self._eof = False

    def readable(self) -> bool:
        """A stream to read from."""
        return True

    def readinto(self, buffer) -> int:
        """Copy the next decoded bytes into ``buffer``; 0 at the end of the file."""
        while not self._pending and not self._eof:
            self._fill()
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def read(self, size: int = -1) -> memoryview | bytes:
        """Up to ``size`` decoded bytes (all that is left with ``size < 0``); fewer than asked
        at the end of a decoded block, empty only at the end of the file.

        The bytes are a view of the decoder's output, not a copy: pyarrow's CSV reader pulls
        its blocks through this, unbuffered: ``io.BufferedReader`` copied each block once more
        into fresh memory (without that copy a cold 100k-row CP932 ingest took 5 % less wall
        and CPU time, docs/benchmarks.md)."""
        if size is None or size < 0:
            return self.readall()
        while not self._pending and not self._eof:
            self._fill()
        view = self._pending[:size]
        self._pending = self._pending[len(view):]
        return view

    def readall(self) -> bytes:
        """All the decoded bytes that are left."""
        parts = []
        while True:
            while not self._pending and not self._eof:
                self._fill()
            if not self._pending:
                return b"".join(parts)
            parts.append(bytes(self._pending))
            self._pending = memoryview(b"")

    def decode_rest(self, limit: int) -> pa.Buffer | None:
        """All the UTF-8 text left, decoded at once into one Arrow buffer, when at most
        ``limit`` bytes of the file are left and a converter that releases the GIL decodes
        this encoding; otherwise None, and nothing is read. Only before the first read.

        pyarrow's CSV reader then parses from memory without the GIL, while a stream has to
        be read block by block through a Python file object, under the GIL: the imports that
        run beside the read of a small file (``pipeline._import_later_stages``) held it:
        reading a 100k-row CP932 file took 0.18–0.33 s beside them, 0.13–0.16 s without
        (docs/benchmarks.md). (Not named ``read_buffer``: pyarrow's
        ``PythonFile`` calls a method of that name, if there is one, for every block.)"""
        if self._convert is None or self._pending or self._carry or self._eof:
            return None
        left = self._left
        if left is None:
            left = max(0, os.fstat(self._file.fileno()).st_size - self._file.tell())
        if left > limit:
            return None
        self._eof = True
        if left == 0:
            return pa.py_buffer(b"")
        # The file's pages are decoded where the page cache holds them (a memory map, let go
        # at once): reading them into a buffer first took twice the page faults.
        with pa.memory_map(self._file.name, "r") as mapped:
            mapped.seek(self._file.tell())
            data = mapped.read_buffer(left)
            count = data.size
            try:
                out, _ = self._convert(data, final=True)
            except iconv.ConversionFailed:
                raise DecodeFailed(self._offset) from None
            finally:
                del data
        self._offset += count
        return out

    def _fill(self) -> None:
        """Decode the next block."""
        size = self._chunk if self._left is None else min(self._chunk, self._left)
        if self._convert is not None:
            self._fill_converted(size)
            return
        block = self._file.read(size) if size else b""
        if self._left is not None:
            self._left -= len(block)
        try:
            text = self._decoder.decode(block, final=not block)
        except UnicodeDecodeError:
            raise DecodeFailed(self._offset) from None
        if self._strays and has_cp932_stray(text):
            raise DecodeFailed(self._offset)
        self._offset += len(block)
        self._pending = memoryview(text.encode("utf-8"))
        self._eof = not block

    def _fill_converted(self, size: int) -> None:
        """Read up to ``size`` more bytes after those carried over from the last block (into
        one buffer, reused: no block is allocated or joined) and convert them outside the
        GIL. At the end of the file nothing is read and whatever was carried over fails."""
        carry = len(self._carry)
        if len(self._input) < carry + size:
            self._input = bytearray(carry + size)
        view = memoryview(self._input)
        view[:carry] = self._carry
        count = self._file.readinto(view[carry : carry + size]) if size else 0
        if self._left is not None:
            self._left -= count
        data = view[: carry + count]
        try:
            out, rest = self._convert(data, final=not count)
        except iconv.ConversionFailed:
            raise DecodeFailed(self._offset) from None
        self._carry = bytes(data[len(data) - rest :]) if rest else b""
        self._offset += count
        self._pending = memoryview(out).cast("B")
        self._eof = not count

    def close(self) -> None:
        """Close the file."""
        if not self.closed:
            self._file.close()
        super().close()


def _cp932_converter():
    """The fastest CP932 → UTF-8 converter there is here (``convert(data, final=…)``), or
    None when only Python's codec is."""
    if native_cp932.available():
        return native_cp932.convert
    if iconv.available():
        return iconv.convert
    return None


def open_decoded(path: Path, label: str, *, buffer_size: int = 1 << 20,
                 whole: bool = True) -> io.BufferedReader:  # fmt: skip
    """A buffered reader of the UTF-8 text of ``path`` (``read(n)`` returns n bytes until
    the end); ``whole=False`` for reads of the head only (decoded in small blocks: the head
    needs about 1 MiB)."""
    chunk = _CHUNK if whole else _HEAD_CHUNK
    return io.BufferedReader(DecodedStream(path, label, chunk=chunk), buffer_size=buffer_size)
