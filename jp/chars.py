"""Character classes shared by the text, variant and search modules."""

from __future__ import annotations

import re

# CJK ideograph blocks (unified, extensions A–I, compatibility) plus the marks that behave
# like kanji inside words: 々 (iteration), 〆 (shime), 〇 (ideographic zero), 〻 (vertical).
_KANJI = re.compile(
    "[\u3005-\u3007\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
)


def is_kanji(ch: str) -> bool:
    """Return True if the single character `ch` is a CJK ideograph or a kanji-like mark."""
    return len(ch) == 1 and _KANJI.match(ch) is not None


def has_kanji(s: str) -> bool:
    """Return True if `s` contains at least one kanji."""
    return _KANJI.search(s) is not None
