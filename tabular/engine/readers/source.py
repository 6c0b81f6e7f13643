"""Turn a text file in any supported encoding into UTF-8 bytes (pure Python).

UTF-8 files are read in place, past their BOM. With ``stream=True`` (the CSV reader) other
encodings are decoded while they are read (``Utf8Source.open_text``, see ``stream``);
otherwise, and when that stream fails, they are decoded incrementally, chunk by chunk, into a
UTF-8 temporary file, so a 100 MB CP932 file never sits in memory as one string. Bytes the
encoding cannot decode are a ``TabularError("encoding-error")`` naming
the byte offset and line: never a replacement character.

With ``trust_utf8=True`` a UTF-8 file is not validated here: the reader validates it as it
parses (pyarrow checks UTF-8 at C speed) and raises ``InvalidUtf8`` if it is not; the caller
then opens the source again with ``trust_utf8=False``, which validates strictly, tries the
other candidate encodings and reports the exact offset and line.
"""

from __future__ import annotations

import codecs
import io
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tabular.engine.encoding import (
    CODECS,
    EncodingGuess,
    detect_encoding,
    encoding_error,
    locate_decode_error,
    read_sample,
    resolve_encoding,
)
from tabular.engine.readers import transcode
from tabular.engine.readers.transcode import transcode_range
from tabular.engine.types import Notice, TabularError

if TYPE_CHECKING:
    import subprocess

_CHUNK = 4 << 20
#: Files from this size on are decoded in two halves at once (a worker process here, threads
#: in the CSV reader: see ``delimited``).
PARALLEL_MIN = 8 << 20
# Codecs in which the byte 0x0A is only ever a line feed (never inside a character), so a
# file can be cut after one; stateful (ISO-2022-JP) and UTF-16 files are decoded whole.
SPLITTABLE = frozenset({"shift_jis", "cp932", "kanmin_cp932", "euc_jp"})
#: Labels read as ``decoded`` sources: the codec each is decoded with, and whether CP932's
#: stray bytes must be refused (see ``stream``). Shift_JIS uses CP932's table (WHATWG).
STREAM_CODECS: dict[str, tuple[str, bool]] = {
    "shift_jis": ("cp932", True),
    "cp932": ("cp932", True),
    "euc-jp": ("euc_jp", False),
    "utf-16": ("utf-16", False),
}


class InvalidUtf8(Exception):
    """Raised by a reader when a source opened with ``trust_utf8=True`` is not valid UTF-8."""


@dataclass
class Utf8Source:
    """UTF-8 bytes of a text file: ``path`` from byte ``start`` on.

    ``validated`` is False for a UTF-8 file taken on trust (see the module docstring).
    """

    path: Path
    start: int
    encoding: str
    validated: bool = True
    notices: list[Notice] = field(default_factory=list)
    _tmpdir: str | None = None
    #: Set when ``path`` is not UTF-8 but decoded while it is read (``stream.DecodedStream``);
    #: ``start`` is then 0 and offsets count the decoded UTF-8 bytes.
    decoded: bool = False

    def open_text(self, *, whole: bool = True) -> io.BufferedReader:
        """The UTF-8 bytes of the text, from its first character (after any BOM).

        ``whole=False`` when only the head will be read (decoded in smaller blocks)."""
        if self.decoded:
            from tabular.engine.readers.stream import open_decoded

            return open_decoded(self.path, self.encoding, whole=whole)
        fh = self.path.open("rb")
        fh.seek(self.start)
        return fh

    def close(self) -> None:
        """Remove the temporary file, if one was made."""
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None


def open_utf8_source(
    path: Path, *, encoding: str | None, trust_utf8: bool = False, stream: bool = False
) -> Utf8Source:
    """Detect (or take) the encoding of a text file and give its content as UTF-8.

    With ``stream=True`` a file in a legacy Japanese encoding (or UTF-16) is not decoded here:
    the source is marked ``decoded`` and read through ``Utf8Source.open_text``, which decodes
    as it goes and raises ``InvalidUtf8`` at bytes it cannot decode (the caller then opens the
    source again without ``stream``, which tries the other candidates)."""
    has_bom = _has_utf8_bom(path)
    if encoding:
        label, codec = resolve_encoding(encoding)
        if label in ("utf-8", "utf-8-sig"):
            label = "utf-8-sig" if has_bom else "utf-8"
        if stream and label in STREAM_CODECS:
            return Utf8Source(path, 0, label, decoded=True, notices=[_chosen_notice(label)])
        source = _try(path, label, codec, has_bom=has_bom, trust_utf8=trust_utf8)
        if isinstance(source, Utf8Source):
            source.notices.append(_chosen_notice(label))
            return source
        start = 3 if has_bom and label.startswith("utf-8") else 0
        offset, line = locate_decode_error(path, codec, start=start)
        raise encoding_error(label=label, offset=offset, line=line, override=True)
    guess = detect_encoding(read_sample(path))
    if stream and guess.encoding in STREAM_CODECS:
        return Utf8Source(path, 0, guess.encoding, decoded=True,
                          notices=[_detected_notice(guess, guess.encoding, [])])  # fmt: skip
    candidates = [guess.encoding, *guess.alternatives]
    failures: list[tuple[str, int]] = []
    for label in candidates:
        source = _try(path, label, CODECS[label], has_bom=has_bom, trust_utf8=trust_utf8)
        if isinstance(source, Utf8Source):
            source.notices.append(_detected_notice(guess, label, failures))
            return source
        failures.append((label, source))
    first_label = candidates[0]
    start = 3 if has_bom and first_label.startswith("utf-8") else 0
    offset, line = locate_decode_error(path, CODECS[first_label], start=start)
    raise encoding_error(label=first_label, offset=offset, line=line, override=False)


def _chosen_notice(label: str) -> Notice:
    """Notice saying that the staff's choice of encoding was used."""
    return Notice(
        "encoding-chosen",
        f"指定された文字コード {label} で読みました。",
        f"Read with the encoding you chose: {label}.",
    )


def _has_utf8_bom(path: Path) -> bool:
    """True when the file starts with the UTF-8 byte order mark."""
    with path.open("rb") as fh:
        return fh.read(3) == codecs.BOM_UTF8


def _try(
    path: Path, label: str, codec: str, *, has_bom: bool, trust_utf8: bool
) -> Utf8Source | int:
    """Validate or transcode with one codec: the source, or the offset where decoding failed."""
    if codecs.lookup(codec).name in ("utf-8", "utf-8-sig"):
        start = 3 if has_bom else 0
        label = "utf-8-sig" if has_bom else "utf-8"
        if trust_utf8:
            return Utf8Source(path, start, label, validated=False)
        failed = _validate_utf8(path, start)
        if failed is not None:
            return failed
        return Utf8Source(path, start, label)
    import tempfile  # only for files the stream cannot read (not on the fast path)

    tmpdir = tempfile.mkdtemp(prefix="kanmin-read-")
    target = Path(tmpdir) / "utf8.csv"
    failed = _transcode(path, target, codec)
    if failed is not None:
        shutil.rmtree(tmpdir, ignore_errors=True)
        return failed
    return Utf8Source(target, 0, label, _tmpdir=tmpdir)


def _validate_utf8(path: Path, start: int) -> int | None:
    """Check that a file is valid UTF-8 from ``start``; the approximate failing offset if not."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    offset = start
    with path.open("rb") as fh:
        fh.seek(start)
        while chunk := fh.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return offset
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def _transcode(path: Path, target: Path, codec: str) -> int | None:
    """Decode ``path`` strictly with ``codec`` into UTF-8 at ``target``; failing offset or None.

    A big file in a codec where a line feed is always a line feed is decoded in two halves at
    once: the second by a worker process (see ``transcode``), the first here."""
    windows = codecs.lookup(codec).name == "shift_jis"
    size = path.stat().st_size
    name = codecs.lookup(codec).name
    split = split_point(path, size) if size >= PARALLEL_MIN and name in SPLITTABLE else None
    worker = _start_worker(path, target, codec, split, size, windows) if split else None
    if worker is None:
        return transcode_range(path, target, codec=codec, start=0, end=None, windows=windows)
    process, second = worker
    try:
        failed = transcode_range(path, target, codec=codec, start=0, end=split, windows=windows)
        out, _ = process.communicate()
        if failed is not None:
            return failed
        outcome = out.decode("ascii", "replace").split()
        if outcome[:1] == ["failed"]:
            return int(outcome[1])
        if outcome != ["ok"] or process.returncode != 0:
            # The worker could not run (no interpreter, killed): decode its half here.
            failed = transcode_range(path, second, codec=codec, start=split, end=None,
                                     windows=windows)  # fmt: skip
            if failed is not None:
                return failed
        _append(target, second)
        return None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        second.unlink(missing_ok=True)


def split_point(path: Path, size: int) -> int | None:
    """The offset just after the first line feed past the middle of the file, if any."""
    with path.open("rb") as fh:
        fh.seek(size // 2)
        block = fh.read(1 << 20)
    cut = block.find(b"\n")
    return None if cut < 0 else size // 2 + cut + 1


def _start_worker(
    path: Path, target: Path, codec: str, split: int, size: int, windows: bool,
    strays: bool = False,
) -> tuple[subprocess.Popen, Path] | None:
    """Start the worker decoding ``path[split:]``; None when no interpreter can be started."""
    import subprocess

    # In an embedded interpreter (uWSGI, mod_wsgi) sys.executable is not Python: decode here.
    if not Path(sys.executable or "").name.startswith("python") or split >= size:
        return None
    second = target.with_name(target.name + ".2")
    # -S: the stdlib codecs need no site-packages (the interpreter starts in ~10 ms).
    flags = ["-I"] if codecs.lookup(codec).name == "kanmin_cp932" else ["-I", "-S"]
    args = [sys.executable, *flags, transcode.__file__, str(path), str(second), codec,
            str(split), str(size), "1" if windows else "0", "1" if strays else "0"]  # fmt: skip
    try:
        # Fixed argv: this interpreter, the engine's own script and paths the reader chose.
        process = subprocess.Popen(  # noqa: S603
            args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
    except OSError:
        return None
    return process, second


def _append(target: Path, part: Path) -> None:
    """Append the bytes of ``part`` to ``target`` (in the kernel where it can)."""
    with part.open("rb") as src, target.open("ab") as dst:
        try:
            copied = os.copy_file_range(src.fileno(), dst.fileno(), 1 << 30)
        except (AttributeError, OSError):  # not Linux, or not between these file systems
            shutil.copyfileobj(src, dst, 16 << 20)
            return
        while copied:
            copied = os.copy_file_range(src.fileno(), dst.fileno(), 1 << 30)


def _detected_notice(guess: EncodingGuess, used: str, failures: list[tuple[str, int]]) -> Notice:
    """Notice saying which encoding was detected and why (and what failed before it)."""
    if not failures:
        return Notice(
            "encoding-detected",
            f"文字コードを {used} と判定しました（確からしさ {guess.confidence:.2f}）。"
            f"{guess.reason_ja}",
            f"Detected the encoding as {used} (confidence {guess.confidence:.2f}). "
            f"{guess.reason_en}",
        )
    tried = ", ".join(label for label, _ in failures)
    return Notice(
        "encoding-detected",
        f"文字コードを {used} と判定しました。先頭部分からは {tried} と推定しましたが、"
        "ファイルの後ろの方にその文字コードでは解読できないバイトがありました"
        "（Shift_JIS では NEC・IBM 拡張文字 ①・№・﨑 などが該当します）。",
        f"Detected the encoding as {used}. The start of the file suggested {tried}, but later "
        "bytes are not valid in it (for Shift_JIS: NEC/IBM extension characters such as "
        "①, № or 﨑).",
    )


def raise_if_empty(path: Path) -> None:
    """Refuse a zero-byte file with a clear error."""
    if path.stat().st_size == 0:
        raise TabularError("empty-file", "ファイルが空です。", "The file is empty.", step="read")
