"""Text normalisation: NFKC, kana folding, dash folding and the search normal form."""

from __future__ import annotations

import re
import unicodedata

from jp.variants import normalize_variants

__all__ = [
    "fold_characters",
    "fold_dashes",
    "hira_to_kata",
    "kata_to_hira",
    "nfkc",
    "normalize_for_search",
    "normalize_spaces",
]

# Katakana ァ..ヶ sit 0x60 above hiragana ぁ..ゖ. ヵ and ヶ go to the full-size か and け
# rather than the rarely typed small ゕ / ゖ, so that 3ヵ月 = 3カ月 = 3か月 and
# 霞ヶ関 = 霞ケ関 after folding. ヴ → ゔ, ヽヾ → ゝゞ; ー, ・ and ヷ–ヺ (no hiragana) stay.
_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F5)}
_KATA_TO_HIRA.update({0x30F5: ord("か"), 0x30F6: ord("け"), 0x30FD: 0x309D, 0x30FE: 0x309E})
_HIRA_TO_KATA = {cp: cp + 0x60 for cp in range(0x3041, 0x3097)}
_HIRA_TO_KATA.update({0x309D: 0x30FD, 0x309E: 0x30FE})

# Characters that are always a hyphen, dash or minus. NFKC already maps －, ﹣ to "-".
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2796\ufe58\ufe63\uff0d\u02d7"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))
# ー / ｰ is a long vowel inside kana words (スーパー) but a dash in 1ー2 or Aー1: fold a run
# of them only when it sits between two digits / Latin letters (ASCII or full-width).
_ALNUM_CLASS = "0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_CHOON_BETWEEN = re.compile(f"(?<=[{_ALNUM_CLASS}])[\u30fc\uff70]+(?=[{_ALNUM_CLASS}])")

# Invisible characters that would split words: soft hyphen, zero-width space / joiners
# used as separators, word joiner, BOM. Removed before NFKC so that no composition is missed.
_INVISIBLE_TABLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u2060\ufeff"))
_WHITESPACE = re.compile(r"\s+")
_MAX_ROUNDS = 4  # bound for the fixpoint loops below; real text settles in 1–2 rounds


def nfkc(s: str) -> str:
    """Return the NFKC normal form (full-width ASCII → ASCII, half-width kana → full-width)."""
    return unicodedata.normalize("NFKC", s)


def kata_to_hira(s: str) -> str:
    """Convert katakana to hiragana (ヴ→ゔ, ヵ→か, ヶ→け), keeping ー and other characters."""
    return s.translate(_KATA_TO_HIRA)


def hira_to_kata(s: str) -> str:
    """Convert hiragana to katakana (ゔ→ヴ, ゕ→ヵ, ゖ→ヶ), keeping ー and other characters."""
    return s.translate(_HIRA_TO_KATA)


def fold_dashes(s: str) -> str:
    """Map hyphen/dash/minus variants to "-"; ー/ｰ only when between digits or Latin letters."""
    s = s.translate(_DASH_TABLE)
    return _CHOON_BETWEEN.sub(lambda m: "-" * len(m.group()), s)


def normalize_spaces(s: str) -> str:
    """Collapse every run of whitespace (including the ideographic space) to one space and strip."""
    return _WHITESPACE.sub(" ", s).strip()


def fold_characters(s: str) -> str:
    """Apply the character folds of search: drop invisibles, NFKC, casefold, katakana → hiragana."""
    s = s.translate(_INVISIBLE_TABLE)
    for _ in range(_MAX_ROUNDS):
        # Casefold can produce characters NFKC changes again (e.g. ſ), and ヵ → か can meet a
        # combining voiced mark; repeat until nothing changes.
        folded = nfkc(kata_to_hira(nfkc(nfkc(s).casefold())))
        if folded == s:
            break
        s = folded
    return s


def _base_form(s: str) -> str:
    """Return the search form without kanji-variant normalisation."""
    return fold_dashes(normalize_spaces(fold_characters(s)))


def normalize_for_search(s: str, *, variants: bool = True) -> str:
    """Return the search normal form: NFKC, casefold, hiragana, spaces, dashes and kanji variants.

    With variants=False the Sudachi kanji-variant step is skipped (the "base" form that the
    search index also keeps). The result is idempotent: normalising it again changes nothing.
    """
    text = _base_form(s)
    if not variants:
        return text
    # Sudachi runs on the folded text (hiragana, lower case) so that a second pass sees the
    # same context as the first; the loop reaches the fixpoint that makes this idempotent.
    for _ in range(_MAX_ROUNDS):
        nxt = _base_form(normalize_variants(text))
        if nxt == text:
            break
        text = nxt
    return text
