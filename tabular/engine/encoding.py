"""Character encoding detection for Japanese tabular files (pure Python, no Django).

Detection never falls back to a single-byte code page (cp1252, latin-1): a file is decoded as
UTF-8 (with or without BOM), Shift_JIS, CP932, EUC-JP or UTF-16 (BOM only), or it is refused
with ``TabularError("encoding-error")``.

How a guess is made (``detect_encoding``):

1. A BOM decides (``utf-8-sig``, ``utf-16``).
2. ASCII-only bytes are ``utf-8``.
3. Otherwise every candidate (UTF-8, Shift_JIS, CP932, EUC-JP) is tried with a *strict*
   decoder. Each text that decodes gets a plausibility score: the average weight of its
   non-ASCII characters (kana, common JIS level-1 kanji and Japanese punctuation weigh 1;
   level-2 kanji, half-width katakana and extension characters less; private-use, control
   and unrelated scripts 0). A misread file turns into half-width katakana noise, rare kanji
   or private-use characters, so the right codec scores highest. UTF-8 gets a small bonus
   because valid multi-byte UTF-8 rarely happens by accident.
4. Between the two Shift_JIS flavours, ``shift_jis`` is reported when strict Shift_JIS decodes
   the sample and ``cp932`` only when the NEC/IBM extension characters (①, №, ㈱, 﨑…) need it;
   the reader upgrades to ``cp932`` if such a character appears later in the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tabular.engine.readers.transcode import has_cp932_stray
from tabular.engine.types import TabularError

_STRAY_CP932 = re.compile("[\x80\uf8f0-\uf8f3]")


class _StrictCp932Decoder(codecs.IncrementalDecoder):
    """CP932 that refuses the bytes 0x80, 0xA0 and 0xFD–0xFF.

    Python's cp932 maps them to U+0080 and private-use U+F8F0–U+F8F3 instead of failing, so
    any stray byte would "decode"; no Windows program writes them in text.
    """

    def __init__(self, errors: str = "strict") -> None:
        """Wrap Python's cp932 incremental decoder."""
        super().__init__(errors)
        self._inner = codecs.getincrementaldecoder("cp932")(errors)

    def decode(self, input: bytes, final: bool = False) -> str:
        """Decode like cp932, raising at the first stray byte."""
        pending = self._inner.getstate()[0]
        text = self._inner.decode(input, final)
        # Single-character ``in`` checks run at memory speed; the regex only locates.
        stray = _STRAY_CP932.search(text) if has_cp932_stray(text) else None
        if stray:
            data = pending + bytes(input)
            position = len(text[: stray.start()].encode("cp932"))
            raise UnicodeDecodeError("cp932", data, position, position + 1, "not a CP932 byte")
        return text

    def reset(self) -> None:
        """Forget buffered bytes."""
        self._inner.reset()

    def getstate(self) -> tuple[bytes, int]:
        """Buffered bytes, as the wrapped decoder reports them."""
        return self._inner.getstate()

    def setstate(self, state: tuple[bytes, int]) -> None:
        """Restore buffered bytes."""
        self._inner.setstate(state)


def _strict_cp932_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    """Stateless decode with the strict CP932 rules."""
    return _StrictCp932Decoder(errors).decode(bytes(data), final=True), len(data)


def _search_codec(name: str) -> codecs.CodecInfo | None:
    """Codec search function registering ``kanmin_cp932``."""
    if name.replace("-", "_") != "kanmin_cp932":
        return None
    base = codecs.lookup("cp932")
    return codecs.CodecInfo(
        name="kanmin_cp932",
        encode=base.encode,
        decode=_strict_cp932_decode,
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=_StrictCp932Decoder,
    )


codecs.register(_search_codec)

#: Labels this module reports, mapped to the Python codec that decodes them.
CODECS: dict[str, str] = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "shift_jis": "shift_jis",
    "cp932": "kanmin_cp932",
    "euc-jp": "euc_jp",
    "utf-16": "utf-16",
}
_LABELS = {codecs.lookup(name).name: label for label, name in CODECS.items()}
_LABELS["cp932"] = "cp932"
#: Names Windows and Java use that Python does not know.
_ALIASES = {
    "windows_31j": "cp932",
    "windows31j": "cp932",
    "x_sjis": "shift_jis",
    "x_euc_jp": "euc_jp",
}
_MIN_SCORE = 0.15

#: Strict trials, in order of preference when scores tie.
_CANDIDATES = ("utf-8", "shift_jis", "cp932", "euc-jp")
_UTF8_BONUS = 0.15
_SAMPLE_BYTES = 64 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class EncodingGuess:
    """The encoding chosen for a file, how sure we are (0–1) and why, in both languages.

    ``alternatives`` lists the other candidates that decoded the sample, best first; the reader
    tries them in turn when the chosen one fails further into the file.
    """

    encoding: str
    confidence: float
    reason_ja: str
    reason_en: str
    alternatives: tuple[str, ...] = ()


def detect_encoding(sample: bytes) -> EncodingGuess:
    """Guess the encoding of ``sample`` (the start of a file); raise when nothing fits."""
    if sample.startswith(codecs.BOM_UTF8):
        return EncodingGuess(
            "utf-8-sig", 1.0, "UTF-8 の BOM があります。", "The file starts with a UTF-8 BOM."
        )
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return EncodingGuess(
            "utf-16", 1.0, "UTF-16 の BOM があります。", "The file starts with a UTF-16 BOM."
        )
    if not _NON_ASCII.search(sample):
        return EncodingGuess(
            "utf-8",
            1.0,
            "ASCII 文字だけなので UTF-8 として読みます。",
            "Only ASCII characters: read as UTF-8.",
        )
    scores: dict[str, float] = {}
    furthest = (0, "")
    for label in _CANDIDATES:
        text, error_at = _strict_trial(sample, CODECS[label])
        if text is None:
            if error_at > furthest[0]:
                furthest = (error_at, label)
            continue
        score = plausibility(text)
        if score < _MIN_SCORE:
            continue  # decodes, but into private-use or control characters: not text
        scores[label] = score + (_UTF8_BONUS if label == "utf-8" else 0.0)
    if not scores:
        raise TabularError(
            "encoding-error",
            "文字コードを判定できません。UTF-8、Shift_JIS（CP932）、EUC-JP のいずれでもありません"
            f"（{furthest[0]} バイト目付近で解読できません）。"
            "文字コードを指定して読み直してください。",
            "Cannot tell the character encoding: the file is not UTF-8, Shift_JIS (CP932) or "
            f"EUC-JP (undecodable bytes near byte {furthest[0]}). Choose the encoding and retry.",
            step="decode",
        )
    if "shift_jis" in scores and "cp932" in scores:
        # Same bytes, both decode: the plain codec is the honest label; cp932 stays an
        # alternative in case an extension character appears later in the file.
        scores["cp932"] = scores["shift_jis"] - 1e-6
    ranked = sorted(scores, key=lambda k: (-scores[k], _CANDIDATES.index(k)))
    best = ranked[0]
    best_score = min(1.0, scores[best] - (_UTF8_BONUS if best == "utf-8" else 0.0))
    rivals = [scores[k] - (_UTF8_BONUS if k == "utf-8" else 0.0) for k in ranked[1:]]
    rivals = [r for k, r in zip(ranked[1:], rivals, strict=True) if _family(k) != _family(best)]
    margin = best_score - max(rivals) if rivals else best_score
    confidence = round(max(0.05, min(0.99, 0.5 + 0.5 * margin)), 2)
    others = ", ".join(f"{k} {scores[k]:.2f}" for k in ranked[1:]) or "-"
    return EncodingGuess(
        best,
        confidence,
        f"{_LABEL_JA[best]}として矛盾なく解読でき、日本語として自然な文字の割合が最も高い"
        f"（{best_score:.2f}、他の候補: {others}）。",
        f"Decodes strictly as {best} and reads as the most plausible Japanese text "
        f"(score {best_score:.2f}; other candidates: {others}).",
        tuple(ranked[1:]),
    )


_LABEL_JA = {
    "utf-8": "UTF-8 ",
    "shift_jis": "Shift_JIS ",
    "cp932": "CP932（Windows の Shift_JIS）",
    "euc-jp": "EUC-JP ",
}


def _family(label: str) -> str:
    """Group the two Shift_JIS flavours so they are not counted as rivals of each other."""
    return "sjis" if label in ("shift_jis", "cp932") else label


def _strict_trial(sample: bytes, codec: str) -> tuple[str | None, int]:
    """Decode ``sample`` strictly, tolerating a character cut at its end; (text, error offset)."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        return decoder.decode(sample, final=False), 0
    except UnicodeDecodeError as exc:
        return None, exc.start


def plausibility(text: str) -> float:
    """Average weight (0–1) of the non-ASCII characters of ``text`` as Japanese writing."""
    total = 0.0
    count = 0
    # Each distinct character is weighed once (Counter counts in C; a sample of 64 KiB has a
    # few thousand distinct characters among tens of thousands).
    for ch, n in Counter(text).items():
        if ch < "\x80":
            continue
        count += n
        total += _weight(ch) * n
    return total / count if count else 1.0


@lru_cache(maxsize=8192)
def _weight(ch: str) -> float:
    """How typical one non-ASCII character is of Japanese open data (1 typical, 0 noise)."""
    cp = ord(ch)
    if 0x3040 <= cp <= 0x30FF or 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E:
        return 1.0  # kana, Japanese punctuation, full-width ASCII
    if 0x4E00 <= cp <= 0x9FFF:
        return _kanji_weight(ch)
    if 0xFF61 <= cp <= 0xFF9F:
        return 0.3  # half-width katakana: real in 名称_カナ, but also what misreads look like
    if 0xE000 <= cp <= 0xF8FF or 0x80 <= cp <= 0x9F:
        return 0.0  # private use, C1 controls
    if 0xF900 <= cp <= 0xFAFF or 0x3200 <= cp <= 0x33FF:
        return 0.5  # compatibility ideographs (﨑), enclosed CJK (㈱), units (㎡)
    if 0x2010 <= cp <= 0x27BF or 0xFFE0 <= cp <= 0xFFEE:
        return 0.8  # punctuation, №, ①, arrows, ○×△, box drawing, ￥
    if 0x00A0 <= cp <= 0x00FF or 0x0370 <= cp <= 0x04FF:
        return 0.3  # Latin-1 signs, Greek, Cyrillic (present in JIS, rare in data)
    category = unicodedata.category(ch)
    return 0.1 if category.startswith(("L", "N", "P", "S")) else 0.0


def _kanji_weight(ch: str) -> float:
    """Weight a kanji by its JIS X 0208 level: level 1 are the common ones."""
    try:
        lead = ch.encode("euc_jp")[0]
    except UnicodeEncodeError:
        return 0.3  # outside JIS X 0208 (IBM extension kanji…)
    return 1.0 if 0xB0 <= lead <= 0xCF else 0.5


def resolve_encoding(name: str) -> tuple[str, str]:
    """Turn a staff-given encoding name into (label, Python codec); refuse unknown names."""
    key = name.strip().lower().replace("-", "_")
    try:
        info = codecs.lookup(_ALIASES.get(key, key))
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise TabularError(
            "unknown-encoding",
            f"文字コード「{name}」は知られていません。例: utf-8、shift_jis、cp932、euc-jp。",
            f"Unknown character encoding {name!r}. Examples: utf-8, shift_jis, cp932, euc-jp.",
            step="decode",
        )
    label = _LABELS.get(info.name)
    if label is not None:
        return label, CODECS[label]
    return info.name, info.name


def read_sample(path: Path, *, size: int = _SAMPLE_BYTES) -> bytes:
    """The bytes to detect an encoding on: the head, plus the first non-ASCII region if later."""
    with path.open("rb") as fh:
        head = fh.read(size)
        if _NON_ASCII.search(head) or len(head) < size:
            return head
        offset = len(head)
        while chunk := fh.read(1 << 20):
            found = _NON_ASCII.search(chunk)
            if found:
                # Everything before is ASCII, so the first high byte starts a character.
                fh.seek(offset + found.start())
                return head + b"\n" + fh.read(size)
            offset += len(chunk)
    return head


def locate_decode_error(path: Path, codec: str, *, start: int = 0) -> tuple[int, int]:
    """Find the first undecodable byte of a file: (0-based byte offset, 1-based line).

    Returns ``(-1, lines)`` when the whole file decodes. Used on error paths only.
    """
    decoder = codecs.getincrementaldecoder(codec)("strict")
    offset = start
    lines = 1
    after_cr = False
    with path.open("rb") as fh:
        fh.seek(start)
        while True:
            chunk = fh.read(1 << 20)
            pending = _pending_bytes(decoder)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                try:
                    (pending + chunk).decode(codec)
                    bad = len(pending) + len(chunk)
                except UnicodeDecodeError as exc:
                    bad = exc.start
                error_at = offset - len(pending) + bad
                before = chunk[: max(0, error_at - offset)]
                return error_at, lines + _count_lines(before, after_cr)
            if not chunk:
                return -1, lines
            lines += _count_lines(chunk, after_cr)
            after_cr = chunk.endswith(b"\r")
            offset += len(chunk)


def _pending_bytes(decoder: codecs.IncrementalDecoder) -> bytes:
    """Bytes an incremental decoder holds back waiting for the rest of a character."""
    try:
        state = decoder.getstate()
    except (AttributeError, TypeError):
        return b""
    return state[0] if isinstance(state, tuple) and isinstance(state[0], bytes) else b""


def _count_lines(data: bytes, after_cr: bool) -> int:
    """Count line breaks (CRLF, CR or LF) in ``data``; a LF right after a CR is not a new line."""
    count = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    if after_cr and data.startswith(b"\n"):
        count -= 1
    return count


def encoding_error(*, label: str, offset: int, line: int, override: bool) -> TabularError:
    """The error for bytes that the chosen encoding cannot decode, naming where they are."""
    hint_ja = (
        "指定した文字コードが正しいか確認してください。"
        if override
        else "文字コードを指定して読み直すか、ファイルを UTF-8 で保存し直してください。"
    )
    hint_en = (
        "Check that the encoding you chose is right."
        if override
        else "Choose the encoding explicitly, or save the file again as UTF-8."
    )
    return TabularError(
        "encoding-error",
        f"{line} 行目（{offset} バイト目）に {label} として解読できないバイトがあります。{hint_ja}",
        f"Line {line} (byte offset {offset}) contains bytes that are not valid {label}. {hint_en}",
        step="decode",
    )
