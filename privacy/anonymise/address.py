"""Japanese address parsing by prefix matching against the 地方公共団体コード list."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from jp import lgcode

_GUN = re.compile(r"^(.{1,6}?郡)")


@dataclass(frozen=True)
class ParsedAddress:
    """An address split into prefecture, municipality (市区町村, ward of a 政令市) and the rest."""

    prefecture: str | None
    municipality: str | None
    rest: str


@dataclass(frozen=True)
class _Index:
    """Names from lgcodes.csv: prefectures, and municipalities per prefecture and overall."""

    prefectures: tuple[str, ...]
    by_prefecture: dict[str, tuple[str, ...]]  # longest first
    unique_names: dict[str, str]  # municipality name → prefecture, where the name is unique


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Index the shipped 地方公共団体コード list (jp.lgcode) once."""
    prefectures: list[str] = []
    by_pref: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}
    for entry in lgcode.entries():
        if entry.kind == "prefecture":
            prefectures.append(entry.name)
            continue
        by_pref.setdefault(entry.prefecture, []).append(entry.name)
        seen.setdefault(entry.name, set()).add(entry.prefecture)
    return _Index(
        prefectures=tuple(prefectures),
        by_prefecture={p: tuple(sorted(n, key=len, reverse=True)) for p, n in by_pref.items()},
        unique_names={n: next(iter(p)) for n, p in seen.items() if len(p) == 1},
    )


def _match_municipality(text: str, names: tuple[str, ...]) -> str | None:
    """Return the longest municipality name that starts `text`, also after a 郡 name."""
    for candidate in (text, _GUN.sub("", text)):
        for name in names:
            if candidate.startswith(name):
                return name
    return None


def parse_address(value: str) -> ParsedAddress:
    """Split an address into prefecture, municipality and the rest (町丁目 and below)."""
    idx = _index()
    text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    pref = next((p for p in idx.prefectures if text.startswith(p)), None)
    if pref is not None:
        rest = text[len(pref) :]
        muni = _match_municipality(rest, idx.by_prefecture.get(pref, ()))
        if muni is None:
            return ParsedAddress(pref, None, rest)
        return ParsedAddress(pref, muni, rest[rest.index(muni) + len(muni) :])
    # No prefecture written: accept a municipality whose name is unique in Japan.
    names = tuple(sorted(idx.unique_names, key=len, reverse=True))
    muni = _match_municipality(text, names)
    if muni is None:
        return ParsedAddress(None, None, text)
    return ParsedAddress(idx.unique_names[muni], muni, text[text.index(muni) + len(muni) :])
