"""Kanji variant normalisation with SudachiPy (sudachidict_core, split mode A).

Each morpheme that contains a kanji and whose Sudachi normalized_form() differs from its
surface is replaced by that form (附属 → 付属, 學校 → 学校, 會議 → 会議, 申込 → 申し込み,
檢査 → 検査); everything else is copied unchanged. Mode A (short units) is used because the
same word then normalises the same way inside a compound and alone, which search needs.

Sudachi's normalized form is also a lemma, and it rewrites numbers; so a replacement is
kept only if it is a spelling variant of the same word form:

- inflection is kept: 申し込ん stays, 受入れ → 受け入れ (not 受け入れる), 燃やさ stays;
- no digits on either side (一 → 1, 1人 → 一人, 百万 → 1000000 are left alone: numbers
  inside names such as 十日町 must survive);
- surface and replacement are letters/digits only (525,十 → 5250 would merge CSV fields);
- one-character morphemes are left alone: a lone kanji is ambiguous and Sudachi maps it by
  reading (以 → 持(つ), 郷 → 里, 眼 → 目, 之 → の), often as a fragment of a name or of a
  word cut by a query. Old forms are still normalised inside words (學校 → 学校).

Throughput, measured here (CPU time, one thread, shared 2-core machine) on 1 M characters
of municipal CSV text from ../shared/corpus (17 % kanji): normalize_variants handles about
0.3–0.4 million characters per second; text without kanji is skipped almost for free.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from jp.chars import has_kanji

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["normalize_variants", "sudachi_tokenizer"]

# Sudachi refuses input over 49,149 UTF-8 bytes; 1,024 code points are at most 4 KiB, and
# short inputs tokenise faster (measured: 4,096-char chunks ran at ~70% of this speed).
_MAX_CHUNK_CHARS = 1024
_BREAK_PREFERENCE = ("\n", "。．.!?！？", " \t\u3000、，,;；")

_dictionary: Any = None
_dictionary_lock = threading.Lock()
_local = threading.local()


def _load_dictionary() -> Any:
    """Load the Sudachi core dictionary once per process (it is read-only and shareable)."""
    # One Dictionary per thread would cost ~75 MB RSS each (measured); only the tokenizer
    # holds mutable state, so that is what _tokenizer keeps per thread.
    global _dictionary
    if _dictionary is None:
        with _dictionary_lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
    return _dictionary


def sudachi_tokenizer(mode: str = "A") -> Any:
    """This thread's Sudachi tokenizer in split mode A, B or C, created once per thread
    (tokenizers are not thread-safe); every tokenizer of the process shares one dictionary.

    Other modules (item readings, the person-name check) use this instead of loading their
    own dictionary: each loaded copy costs ~75 MB of memory."""
    tokenizers = getattr(_local, "tokenizers", None)
    if tokenizers is None:
        tokenizers = _local.tokenizers = {}
    tok = tokenizers.get(mode)
    if tok is None:
        from sudachipy import SplitMode

        tok = tokenizers[mode] = _load_dictionary().tokenizer(mode=getattr(SplitMode, mode))
    return tok


def _tokenizer() -> Any:
    """This thread's split-mode-A tokenizer (what normalize_variants reads with)."""
    return sudachi_tokenizer("A")


def _chunks(s: str) -> Iterator[str]:
    """Split `s` into pieces below Sudachi's size limit, preferring line and sentence ends."""
    start = 0
    while len(s) - start > _MAX_CHUNK_CHARS:
        end = start + _MAX_CHUNK_CHARS
        cut = -1
        for breakers in _BREAK_PREFERENCE:
            cut = max(s.rfind(ch, start + 1, end) for ch in breakers)
            if cut != -1:
                break
        if cut == -1:  # no preferred break: any non-alphanumeric character, else a hard cut
            cut = next((i for i in range(end - 1, start, -1) if not s[i].isalnum()), end - 1)
        yield s[start : cut + 1]
        start = cut + 1
    yield s[start:]


def _spelling_variant(surface: str, dictionary_form: str, normalized: str) -> str | None:
    """Return the normalized spelling of `surface` keeping its inflection, or None to keep it."""
    if normalized == surface or dictionary_form == normalized or not has_kanji(surface):
        # Same spelling and only the word form differs (燃やさ → 燃やす): not a variant.
        return None
    # surface = stem + ending, dictionary_form = stem + lemma ending: graft the surface's own
    # ending onto the normalized lemma (受入れ, 受入れる, 受け入れる → 受け入れ).
    stem = 0
    limit = min(len(surface), len(dictionary_form))
    while stem < limit and surface[stem] == dictionary_form[stem]:
        stem += 1
    lemma_ending = dictionary_form[stem:]
    if not normalized.endswith(lemma_ending):
        return None
    replacement = normalized[: len(normalized) - len(lemma_ending)] + surface[stem:]
    if replacement == surface or not replacement.isalnum() or not surface.isalnum():
        return None
    if any(ch.isdecimal() for ch in surface + replacement):
        return None
    if len(surface) == 1:
        return None
    return replacement


def _normalize_chunk(tok: Any, chunk: str) -> str:
    """Normalise one chunk; on any Sudachi error or surprise return it unchanged."""
    if not has_kanji(chunk):
        return chunk
    try:
        surfaces: list[str] = []
        parts: list[str] = []
        for m in tok.tokenize(chunk):
            surface = m.surface()
            surfaces.append(surface)
            new = None
            if len(surface) > 1 and has_kanji(surface):
                new = _spelling_variant(surface, m.dictionary_form(), m.normalized_form())
            parts.append(surface if new is None else new)
    except Exception:  # junk input (lone surrogates, …) must never raise
        return chunk
    if "".join(surfaces) != chunk:
        return chunk  # surfaces must tile the input, or text would be lost
    return "".join(parts)


def normalize_variants(s: str) -> str:
    """Replace kanji spelling variants by Sudachi's normalized form, keeping all other text."""
    if not has_kanji(s):
        return s
    tok = _tokenizer()
    return "".join(_normalize_chunk(tok, chunk) for chunk in _chunks(s))
