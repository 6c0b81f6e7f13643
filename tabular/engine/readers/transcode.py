"""Decode a byte range of a text file strictly into UTF-8 (stdlib only; also a worker script).

``source`` decodes Shift_JIS, CP932 and EUC-JP files into a UTF-8 temporary file. Python's
codecs hold the GIL (~160 MB/s here), so a big file is cut in two at a line feed — 0x0A is
never part of a multi-byte character in these encodings — and the second half is decoded by
this module run as a script in another process while the first half is decoded in the
reader's own. The script needs only the standard library (and, for ``kanmin_cp932``, the
codec that ``tabular.engine.encoding`` registers), so it starts in a few milliseconds:

  python -I [-S] transcode.py SOURCE TARGET CODEC START END WINDOWS [STRAYS]

It prints ``ok`` or ``failed OFFSET`` (the start of the block in which decoding failed).
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

_CHUNK = 4 << 20

# Shift_JIS files come from Windows, which maps six JIS X 0208 codes differently from
# Python's shift_jis (JIS) codec: decode them as CP932 does, as the WHATWG Encoding Standard
# and every browser do, so that a CP932/Shift_JIS file gives the same text as its UTF-8 copy.
# Only these bytes produce these characters under shift_jis, so replacing them afterwards is
# exactly CP932's decoding, while the strict shift_jis trial still tells the two labels apart.
JIS_TO_WINDOWS = (
    ("\u301c", "\uff5e"),  # 〜 → ～ (0x8160)
    ("\u2016", "\u2225"),  # ‖ → ∥ (0x8161)
    ("\u2212", "\uff0d"),  # − → － (0x817C)
    ("\u00a2", "\uffe0"),  # ¢ → ￠ (0x8191)
    ("\u00a3", "\uffe1"),  # £ → ￡ (0x8192)
    ("\u00ac", "\uffe2"),  # ¬ → ￢ (0x81CA)
)


# Python's cp932 turns the bytes 0x80, 0xA0 and 0xFD–0xFF into these instead of failing; no
# Windows program writes them in text (see encoding._StrictCp932Decoder). Looking for single
# characters with ``in`` runs at memory speed, unlike a regular expression over the text.
CP932_STRAYS = ("\x80", "\uf8f0", "\uf8f1", "\uf8f2", "\uf8f3")


def has_cp932_stray(text: str) -> bool:
    """True when cp932-decoded text holds a character only a stray byte produces."""
    return any(ch in text for ch in CP932_STRAYS)


def as_windows(text: str) -> str:
    """Shift_JIS-decoded text with CP932's mapping of the six differing characters."""
    for jis, windows in JIS_TO_WINDOWS:
        if jis in text:
            text = text.replace(jis, windows)
    return text


def transcode_range(
    source: Path, target: Path, *, codec: str, start: int, end: int | None, windows: bool,
    strays: bool = False,
) -> int | None:
    """Decode ``source[start:end]`` strictly with ``codec`` into UTF-8 at ``target``.

    Returns None, or the offset of the block where decoding failed. A BOM at ``start == 0``
    is dropped (it is never part of the data); ``windows`` applies CP932's mapping;
    ``strays`` refuses what only CP932's stray bytes decode to (with ``codec="cp932"``)."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    offset = start
    first = start == 0
    with source.open("rb") as fin, target.open("wb") as fout:
        fin.seek(start)
        while True:
            size = _CHUNK if end is None else min(_CHUNK, end - offset)
            chunk = fin.read(size) if size > 0 else b""
            if not chunk:
                break
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                return offset
            if strays and has_cp932_stray(text):
                return offset
            if first:
                text = text.removeprefix("\ufeff")
                first = False
            if windows:
                text = as_windows(text)
            fout.write(text.encode("utf-8"))
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def main(argv: list[str]) -> int:
    """Run as a worker: decode the given range and print the outcome."""
    source, target, codec, start, end, windows, *rest = argv
    if codec.replace("-", "_") == "kanmin_cp932":
        # The strict CP932 codec is registered by the engine's encoding module.
        sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
        import tabular.engine.encoding  # noqa: F401
    failed = transcode_range(Path(source), Path(target), codec=codec, start=int(start),
                             end=int(end), windows=windows == "1",
                             strays=rest[:1] == ["1"])  # fmt: skip
    print("ok" if failed is None else f"failed {failed}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
