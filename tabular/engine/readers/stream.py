"""A file in a Japanese legacy encoding read as a stream of UTF-8 bytes, decoded on the fly.

The CSV reader hands this stream to pyarrow, whose I/O thread pulls the next block while its
parser threads work on the previous ones: decoding (Python's codecs, which hold the GIL) and
parsing (C++, which does not) overlap, and the first half of the file is never written to
disk. A big file's second half is decoded at the same time by a worker process
(``transcode``, stdlib only) into a temporary file, which the stream reads on from once the
first half is done: the two halves decode on two cores while pyarrow parses.

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
import shutil
import subprocess
import tempfile
from pathlib import Path

from tabular.engine.readers import source as _source
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

    def __init__(self, path: Path, label: str, *, chunk: int = _CHUNK,
                 parallel: bool = True, separate: bool = False) -> None:  # fmt: skip
        """Open ``path`` and, for a big file, start decoding its second half elsewhere.

        With ``separate`` the stream ends with the first half, and the caller parses the
        worker's file itself (``second_half``): pyarrow then reads it from disk in C++,
        at the same time as the first half, instead of through this Python stream."""
        super().__init__()
        self._separate = separate
        codec, strays = STREAM_CODECS[label]
        self._codec, self._strays, self._chunk = codec, strays, chunk
        self._file = path.open("rb", buffering=0)
        self._decoder = codecs.getincrementaldecoder(codec)("strict")
        self._pending = memoryview(b"")
        self._offset = 0
        self._eof = False
        self._end: int | None = None  # where the first half stops, when a worker decodes on
        self._worker: subprocess.Popen | None = None
        self._second: Path | None = None
        self._tmpdir: str | None = None
        self._decoding = True  # False once reading the worker's already-UTF-8 output
        if parallel:
            self._start_second_half(path)

    def _start_second_half(self, path: Path) -> None:
        """Hand the second half of a big file to a worker process (see ``source``)."""
        size = path.stat().st_size
        if size < _source._PARALLEL_MIN or self._codec not in _source._SPLITTABLE:
            return
        split = _source._split_point(path, size)
        if split is None:
            return
        self._tmpdir = tempfile.mkdtemp(prefix="kanmin-read-")
        started = _source._start_worker(path, Path(self._tmpdir) / "utf8.csv", self._codec,
                                        split, size, False, self._strays)  # fmt: skip
        if started is None:
            self._cleanup()
            return
        self._worker, self._second = started
        self._end = split

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

    def _fill(self) -> None:
        """Decode (or, in the worker's half, just read) the next block."""
        if not self._decoding:
            block = self._file.read(self._chunk)
            self._eof = not block
            self._pending = memoryview(block)
            return
        size = self._chunk if self._end is None else min(self._chunk, self._end - self._offset)
        block = self._file.read(size) if size > 0 else b""
        try:
            text = self._decoder.decode(block, final=not block)
        except UnicodeDecodeError:
            raise DecodeFailed(self._offset) from None
        if self._strays and has_cp932_stray(text):
            raise DecodeFailed(self._offset)
        self._offset += len(block)
        self._pending = memoryview(text.encode("utf-8"))
        if not block:
            if self._worker is None or self._separate:
                self._eof = True
            else:
                self._switch_to_second_half()

    @property
    def has_second_half(self) -> bool:
        """True when a worker decodes the second half into a file of its own."""
        return self._worker is not None

    def second_half(self) -> Path:
        """Wait for the worker and give its UTF-8 file (with ``separate``); raise
        ``DecodeFailed`` when it could not decode its half or did not run to the end (the
        reader then decodes the whole file strictly)."""
        out, _ = self._worker.communicate()
        outcome = out.decode("ascii", "replace").split()
        if outcome[:1] == ["failed"]:
            raise DecodeFailed(int(outcome[1]))
        if outcome != ["ok"] or self._worker.returncode != 0:
            raise DecodeFailed(self._end or 0)
        return self._second

    def _switch_to_second_half(self) -> None:
        """Wait for the worker and go on reading what it decoded."""
        out, _ = self._worker.communicate()
        outcome = out.decode("ascii", "replace").split()
        if outcome[:1] == ["failed"]:
            raise DecodeFailed(int(outcome[1]))
        if outcome != ["ok"] or self._worker.returncode != 0:
            # The worker could not run (killed, no interpreter): decode its half here.
            self._worker, self._end = None, None
            return
        self._file.close()
        self._file = self._second.open("rb", buffering=0)
        self._decoding = False

    def _cleanup(self) -> None:
        """Stop the worker if it still runs and remove its temporary file."""
        if self._worker is not None and self._worker.poll() is None:
            self._worker.kill()
            self._worker.wait()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def close(self) -> None:
        """Close the file and clean up after the worker."""
        if not self.closed:
            self._file.close()
            self._cleanup()
        super().close()


def open_decoded(path: Path, label: str, *, buffer_size: int = 1 << 20,
                 parallel: bool = True) -> io.BufferedReader:  # fmt: skip
    """A buffered reader of the UTF-8 text of ``path`` (``read(n)`` returns n bytes until
    the end); ``parallel=False`` for reads of the head only (decoded in small blocks: the
    head needs about 1 MiB)."""
    chunk = _CHUNK if parallel else _HEAD_CHUNK
    return io.BufferedReader(DecodedStream(path, label, parallel=parallel, chunk=chunk),
                             buffer_size=buffer_size)  # fmt: skip
