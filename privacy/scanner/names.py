"""Person-name columns found by SudachiPy's tags (名詞,固有名詞,人名), on a small sample."""

from __future__ import annotations

import re

from jp.variants import sudachi_tokenizer

_SAMPLE = 40  # values per column: enough to judge a column, cheap on a million rows
_MIN_SAMPLE = 5
_SHARE = 0.6
_CANDIDATE = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff々〆ヶ・ 　]{2,15}$")
_PERSON = ("名詞", "固有名詞", "人名")


def is_person_name(value: str) -> bool:
    """Tell whether every word of `value` is a person name, with a given name (名) among them."""
    # Many surnames are also place names (長門, 高松), so a surname alone is not enough.
    words = [m.part_of_speech() for m in sudachi_tokenizer("C").tokenize(value)]
    words = [pos for pos in words if pos[0] != "空白"]
    return (
        bool(words)
        and all(pos[:3] == _PERSON for pos in words)
        and any(pos[3] == "名" for pos in words)
    )


def looks_like_name_column(values: list[str]) -> bool:
    """Tell whether most short kanji/kana values of a column sample are person names."""
    sample = [v.strip() for v in values if isinstance(v, str) and _CANDIDATE.match(v.strip())]
    sample = sample[:_SAMPLE]
    if len(sample) < _MIN_SAMPLE:
        return False
    hits = sum(1 for v in sample if is_person_name(v))
    return hits >= _SHARE * len(sample)
