"""Japanese-aware full-text matching for datastore_search ``q`` without touching the data.

Search folds text the way ``jp.text.fold_characters`` does (NFKC, case fold, katakana →
hiragana), so ＡＢＣ = abc, ｶﾀｶﾅ = カタカナ = かたかな, ｶﾞ = ガ. Folding a million stored cells
per query is what costs: DuckDB has no NFKC and its ``translate`` with a large map took
~10 s per million cells here. So the *needle* is expanded instead: every character of a
folded search term becomes the set of spellings that fold to it, as an RE2 pattern that
DuckDB's ``regexp_matches`` runs on the raw column (``か`` → ``(?:か|カ|ｶ)``, ``a`` →
``[aAａＡ]``). Hyphen and minus variants match each other too.

Limits (documented trade-offs): a half-width ``ｶ`` followed by ``ﾞ`` also matches ``か``;
characters outside ASCII, full-width forms and kana (e.g. ㈱, ①, kanji variants) match only
as written.
"""

from __future__ import annotations

from functools import lru_cache

from jp.text import fold_characters

__all__ = ["MAX_TERMS", "fold_term", "split_terms", "term_pattern"]

MAX_TERMS = 10
MAX_TERM_CHARS = 100

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"


def _candidates() -> list[str]:
    """Spellings whose folded form is looked up: ASCII, full-width forms, kana, dashes."""
    singles = [chr(c) for c in range(0x21, 0x7F)]
    singles += [chr(c) for c in range(0xFF01, 0xFF5F)]  # full-width ASCII
    singles += [chr(c) for c in range(0x3041, 0x3097)]  # hiragana
    singles += [chr(c) for c in range(0x309D, 0x309F)]
    singles += [chr(c) for c in range(0x30A1, 0x30FB)]  # katakana
    singles += [chr(c) for c in range(0x30FC, 0x30FF)]
    singles += [chr(c) for c in range(0xFF61, 0xFFA0)]  # half-width katakana and marks
    pairs = [chr(c) + mark for c in range(0xFF66, 0xFF9E) for mark in ("\uff9e", "\uff9f")]
    return singles + pairs


@lru_cache(maxsize=1)
def _variants() -> dict[str, tuple[str, ...]]:
    """Map each one-character folded form to every spelling that folds to it."""
    groups: dict[str, set[str]] = {}
    for spelling in _candidates():
        key = fold_characters(spelling)
        if len(key) == 1:
            groups.setdefault(key, {key}).add(spelling)
    dashes = set(_DASHES)
    groups["-"] = groups.get("-", {"-"}) | dashes
    # Longest spellings first so that RE2's leftmost alternation prefers ｶﾞ over ｶ.
    return {k: tuple(sorted(v, key=lambda s: (-len(s), s))) for k, v in groups.items()}


def _escape(ch: str) -> str:
    """Escape one character for RE2, inside or outside a character class."""
    if ch.isascii() and not ch.isalnum():
        return "\\" + ch
    return ch


def fold_term(term: str) -> str:
    """Fold a search term like the search index does (NFKC, case fold, hiragana, dashes)."""
    folded = fold_characters(term)
    return "".join("-" if ch in _DASHES else ch for ch in folded)


def term_pattern(term: str) -> str:
    """Return an RE2 pattern matching ``term`` in any width, case or kana spelling."""
    variants = _variants()
    parts: list[str] = []
    for ch in fold_term(term):
        spellings = variants.get(ch, (ch,))
        if len(spellings) == 1:
            parts.append(_escape(spellings[0]))
        elif all(len(s) == 1 for s in spellings):
            parts.append("[" + "".join(_escape(s) for s in spellings) + "]")
        else:
            parts.append("(?:" + "|".join("".join(map(_escape, s)) for s in spellings) + ")")
    return "".join(parts)


def split_terms(text: str) -> list[str]:
    """Split a ``q`` value into its terms (all must match, like CKAN's plain queries)."""
    terms = [t for t in str(text).split() if t and "\x00" not in t]
    return [t[:MAX_TERM_CHARS] for t in terms[:MAX_TERMS]]
