"""Match a table's header row to a standard dataset layout (pure Python, no Django).

Headers are compared through ``normalise_label`` only here; everywhere else they stay exact.

Score of one layout (0..1) = √(coverage × precision):

- coverage: the share of the layout's columns found in the header, each column weighted by
  how distinctive it is — 1 / (number of standards whose layouts contain that name). 名称,
  緯度 or 備考 occur in almost every standard and weigh little; 災害種別_洪水, 医療機関の種類
  or 0-4歳の男性 identify one standard and weigh 1.
- precision: the share of the header's non-blank columns that the layout explains.

A file that follows a layout has both high; a generic facility list (名称, 住所, 緯度, 経度,
電話番号 …) scores low on coverage because those names are shared by every standard, and a
file with a few extra columns keeps a high score. ``AUTO_THRESHOLD`` was chosen on the corpus
of real municipal files (tabular/tests/data/corpus_standards.json): see its comment.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from standards.registry import Standard, StandardField, get_standard, load_standards

__all__ = [
    "AUTO_THRESHOLD",
    "Match",
    "best_match",
    "match_standard",
    "normalise_label",
]

#: Lowest score accepted without a claim. On the corpus of 66 real municipal files (43 that
#: follow a standard, 23 that do not) the standard files scored 0.78 to 1.0 against their
#: standard and the others at most 0.42 against any standard (a 避難所 list with NO, 名称,
#: 住所, 緯度 … against AED). 0.55 sits in that gap, nearer the low side: a file that really
#: follows a layout loses precision only through extra columns (焼津市 観光: 19 extra, 0.78).
AUTO_THRESHOLD = 0.55

# Dash-like characters that publishers type for ー or -; all become "-" (コ―ド = コード).
_DASHES = "\u30fc\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\u2043\ufe63\uff0d\uff70-"
_DASH_RE = re.compile("[" + re.escape(_DASHES) + "]")
# Brackets and separators are dropped: 料金（基本）= 料金(基本), 名称_カナ = 名称カナ,
# 災害種別_崖崩れ、土石流及び地滑り = 災害種別_崖崩れ_土石流及び地滑り (all seen in the corpus).
_DROP_RE = re.compile(r"[\s()\[\]{}「」『』【】〔〕〈〉《》_、,，・･]")
_NUMBER_RE = re.compile(r"NO\.?")

# Variants seen in the corpus (compared after normalise_label). Applied only when the
# layout does not itself have a column with the variant's name (the evacuation-site sheet
# has its own 市区町村コード column).
_VARIANTS = {
    # 防府市 events, 柳井市/防府市 population: the legacy publisher-code column, shortened.
    "市区町村コード": "都道府県コード又は市区町村コード",
    # 山口県 evacuation sites: typo 収用 for 収容, and the phone column's own name.
    "想定収用人数": "想定収容人数",
    "管理先電話番号": "電話番号",
    # 柳井市 population: word order of the last age band.
    "85歳の男性以上": "85歳以上の男性",
    "85歳の女性以上": "85歳以上の女性",
    # 周南市 public toilets: an earlier sheet's name of the barrier-free toilet count.
    "バリアフリー（多目的）トイレ数": "バリアフリートイレ数",
}

# A prefix shared by most columns marks the "データモデル型" naming (赤ちゃんの駅_名称,
# ごみの分別方法_品目): the part after the prefix is compared as well.
_PREFIX_SHARE = 0.6
_PREFIX_MIN_COLUMNS = 3


@dataclass
class Match:
    """How a header row matches one layout of one standard."""

    standard: str  # slug, e.g. "aed"
    layout: str  # "current" | "legacy"
    score: float  # 0..1, see the module docstring
    matched_fields: dict[int, str]  # 0-based column index → standard field name
    missing_required: list[str]  # required fields of the layout not in the header
    missing_fields: list[str] = field(default_factory=list)  # every absent field, in order
    partial: bool = False  # only the first columns of this layout are known


def normalise_label(s: str) -> str:
    """Return the form of a header label used for matching (NFKC, no spaces, one dash …)."""
    t = unicodedata.normalize("NFKC", s or "").upper()
    t = _DASH_RE.sub("-", t)
    t = _DROP_RE.sub("", t)
    if _NUMBER_RE.fullmatch(t):  # ＮＯ, No., №, NO.
        return "NO"
    return t


_SYNONYMS = {normalise_label(k): normalise_label(v) for k, v in _VARIANTS.items()}


def _prefix_of(label: str) -> str | None:
    """Return the text before the first "_" of an NFKC label, if something follows it."""
    t = unicodedata.normalize("NFKC", label or "").strip()
    head, sep, tail = t.partition("_")
    return head if sep and head and tail else None


def _keys(headers: list[str]) -> list[list[str]]:
    """Return, per column, the normalised labels to try (own, then prefix-stripped)."""
    prefixes = [_prefix_of(h) for h in headers]
    counts = Counter(p for p in prefixes if p)
    non_blank = sum(1 for h in headers if (h or "").strip())
    common = None
    if counts and non_blank:
        top, n = counts.most_common(1)[0]
        if n >= _PREFIX_MIN_COLUMNS and n / non_blank >= _PREFIX_SHARE:
            common = top
    keys: list[list[str]] = []
    for h, p in zip(headers, prefixes, strict=True):
        own = normalise_label(h)
        options = [own] if own else []
        if common and p == common:
            stripped = normalise_label(unicodedata.normalize("NFKC", h).strip()[len(p) + 1 :])
            if stripped and stripped != own:
                options.append(stripped)
        keys.append(options)
    return keys


@cache
def _weights() -> dict[str, float]:
    """Weight of each normalised field name: 1 / number of standards that use it."""
    df: Counter[str] = Counter()
    for std in load_standards().values():
        names = {normalise_label(f.name) for fields in std.layouts.values() for f in fields}
        df.update(names)
    return {name: 1.0 / n for name, n in df.items()}


def _assign(keys: list[list[str]], fields: list[StandardField]) -> dict[int, str]:
    """Map column index → field name; each field and each column is used at most once."""
    by_key: dict[str, str] = {}
    for f in fields:
        by_key.setdefault(normalise_label(f.name), f.name)
    taken: set[str] = set()
    matched: dict[int, str] = {}
    for pass_synonyms in (False, True):
        for i, options in enumerate(keys):
            if i in matched:
                continue
            for key in options:
                if pass_synonyms:
                    if key in by_key:
                        continue  # the layout has this very column; no synonym for it
                    key = _SYNONYMS.get(key, "")
                name = by_key.get(key)
                if name and name not in taken:
                    matched[i] = name
                    taken.add(name)
                    break
    return matched


def _score_layout(std: Standard, layout: str, keys: list[list[str]], non_blank: int) -> Match:
    """Score one layout of one standard against the header keys."""
    fields = std.layouts[layout]
    matched = _assign(keys, fields)
    weights = _weights()
    found = set(matched.values())
    total = sum(weights.get(normalise_label(f.name), 1.0) for f in fields)
    got = sum(weights.get(normalise_label(f.name), 1.0) for f in fields if f.name in found)
    coverage = got / total if total else 0.0
    precision = len(matched) / non_blank if non_blank else 0.0
    partial = layout in std.partial_layouts
    missing = [] if partial else [f.name for f in fields if f.name not in found]
    return Match(
        standard=std.name,
        layout=layout,
        score=round(math.sqrt(coverage * precision), 4),
        matched_fields=dict(sorted(matched.items())),
        missing_required=[f.name for f in fields if f.required and f.name not in found],
        missing_fields=missing,
        partial=partial,
    )


def _best_layout(
    std: Standard, keys: list[list[str]], non_blank: int, *, complete_only: bool = False
) -> Match | None:
    """Return the best-scoring layout of one standard, or None when it has no fields.

    ``complete_only`` skips partial layouts: their known items (全国地方公共団体コード, ID,
    名称 …) are shared by every current sheet and cannot tell one standard from another.
    """
    names = [
        name
        for name, fields in std.layouts.items()
        if fields and not (complete_only and name in std.partial_layouts)
    ]
    matches = [_score_layout(std, name, keys, non_blank) for name in names]
    if not matches:
        return None
    # Ties go to the complete layout, then to "current".
    return max(matches, key=lambda m: (m.score, not m.partial, m.layout == "current"))


def match_standard(headers: list[str]) -> list[Match]:
    """Return the best complete layout of every standard with fields, ranked (best first)."""
    keys = _keys(headers)
    non_blank = sum(1 for options in keys if options)
    matches = []
    for std in load_standards().values():
        m = _best_layout(std, keys, non_blank, complete_only=True)
        if m is not None:
            matches.append(m)
    matches.sort(key=lambda m: (-m.score, m.standard))
    return matches


def best_match(headers: list[str], claimed: str | None = None) -> Match | None:
    """Return the claimed standard's best layout, or the best match above AUTO_THRESHOLD.

    With ``claimed`` the publisher's choice is kept even when the score is low; None only
    when that standard is unknown or has no field list.
    """
    if claimed:
        std = get_standard(claimed)
        if std is None:
            return None
        keys = _keys(headers)
        return _best_layout(std, keys, sum(1 for options in keys if options))
    ranked = match_standard(headers)
    if ranked and ranked[0].score >= AUTO_THRESHOLD:
        return ranked[0]
    return None
