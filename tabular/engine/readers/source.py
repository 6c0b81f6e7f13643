"""Turn a text file in any supported encoding into UTF-8 bytes (pure Python).

UTF-8 files are read in place, past their BOM; other encodings are decoded incrementally,
chunk by chunk, into a UTF-8 temporary file, so a 100 MB CP932 file never sits in memory as
one string. Bytes the encoding cannot decode are a ``TabularError("encoding-error")`` naming
the byte offset and line: never a replacement character.

With ``trust_utf8=True`` a UTF-8 file is not validated here: the reader validates it as it
parses (pyarrow checks UTF-8 at C speed) and raises ``InvalidUtf8`` if it is not; the caller
then opens the source again with ``trust_utf8=False``, which validates strictly, tries the
other candidate encodings and reports the exact offset and line.
"""

from __future__ import annotations

import codecs
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tabular.engine.encoding import (
    CODECS,
    EncodingGuess,
    detect_encoding,
    encoding_error,
    locate_decode_error,
    read_sample,
    resolve_encoding,
)
from tabular.engine.types import Notice, TabularError

_CHUNK = 4 << 20


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

    def close(self) -> None:
        """Remove the temporary file, if one was made."""
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None


def open_utf8_source(path: Path, *, encoding: str | None, trust_utf8: bool = False) -> Utf8Source:
    """Detect (or take) the encoding of a text file and give its content as UTF-8."""
    has_bom = _has_utf8_bom(path)
    if encoding:
        label, codec = resolve_encoding(encoding)
        if label in ("utf-8", "utf-8-sig"):
            label = "utf-8-sig" if has_bom else "utf-8"
        source = _try(path, label, codec, has_bom=has_bom, trust_utf8=trust_utf8)
        if isinstance(source, Utf8Source):
            source.notices.append(
                Notice(
                    "encoding-chosen",
                    f"指定された文字コード {label} で読みました。",
                    f"Read with the encoding you chose: {label}.",
                )
            )
            return source
        start = 3 if has_bom and label.startswith("utf-8") else 0
        offset, line = locate_decode_error(path, codec, start=start)
        raise encoding_error(label=label, offset=offset, line=line, override=True)
    guess = detect_encoding(read_sample(path))
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


# Shift_JIS files come from Windows, which maps six JIS X 0208 codes differently from
# Python's shift_jis (JIS) codec: decode them as CP932 does, as the WHATWG Encoding Standard
# and every browser do, so that a CP932/Shift_JIS file gives the same text as its UTF-8 copy.
# Only these bytes produce these characters under shift_jis, so replacing them afterwards is
# exactly CP932's decoding, while the strict shift_jis trial still tells the two labels apart.
_JIS_TO_WINDOWS = (
    ("\u301c", "\uff5e"),  # 〜 → ～ (0x8160)
    ("\u2016", "\u2225"),  # ‖ → ∥ (0x8161)
    ("\u2212", "\uff0d"),  # − → － (0x817C)
    ("\u00a2", "\uffe0"),  # ¢ → ￠ (0x8191)
    ("\u00a3", "\uffe1"),  # £ → ￡ (0x8192)
    ("\u00ac", "\uffe2"),  # ¬ → ￢ (0x81CA)
)


def _as_windows(text: str) -> str:
    """Shift_JIS-decoded text with CP932's mapping of the six differing characters."""
    for jis, windows in _JIS_TO_WINDOWS:
        if jis in text:
            text = text.replace(jis, windows)
    return text


def _transcode(path: Path, target: Path, codec: str) -> int | None:
    """Decode ``path`` strictly with ``codec`` into UTF-8 at ``target``; failing offset or None."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    windows = codecs.lookup(codec).name == "shift_jis"
    offset = 0
    first = True
    with path.open("rb") as fin, target.open("wb") as fout:
        while chunk := fin.read(_CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                return offset
            if first:
                text = text.removeprefix("\ufeff")  # a BOM is never part of the data
                first = False
            if windows:
                text = _as_windows(text)
            fout.write(text.encode("utf-8"))
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


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
