"""Item search of the sorting dictionary: kanji, kana, romaji, partial words and small typos.

The matching engine (``Entry``, ``search``, ``romaji_to_hiragana``, ``reading_of``) is pure
Python without Django. Readings come from the item's furigana when it is a full reading, else
from SudachiPy; every comparison is made on a folded hiragana key, so ぺっとぼとる,
ペットボトル, ﾍﾟｯﾄﾎﾞﾄﾙ and pettobotoru meet. Typos are forgiven by an edit distance on
that key. ``search_items`` at the end is the selector the views and the API call.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from jp.text import kata_to_hira

_VOWELS = {"a": "あ", "i": "い", "u": "う", "e": "え", "o": "お"}
# Consonant rows: the kana for a, i, u, e, o ("" where the row has none).
_ROWS = {
    "k": ("か", "き", "く", "け", "こ"), "s": ("さ", "し", "す", "せ", "そ"),
    "t": ("た", "ち", "つ", "て", "と"), "n": ("な", "に", "ぬ", "ね", "の"),
    "h": ("は", "ひ", "ふ", "へ", "ほ"), "m": ("ま", "み", "む", "め", "も"),
    "y": ("や", "", "ゆ", "いぇ", "よ"), "r": ("ら", "り", "る", "れ", "ろ"),
    "l": ("ら", "り", "る", "れ", "ろ"), "w": ("わ", "うぃ", "う", "うぇ", "を"),
    "g": ("が", "ぎ", "ぐ", "げ", "ご"), "z": ("ざ", "じ", "ず", "ぜ", "ぞ"),
    "d": ("だ", "ぢ", "づ", "で", "ど"), "b": ("ば", "び", "ぶ", "べ", "ぼ"),
    "p": ("ぱ", "ぴ", "ぷ", "ぺ", "ぽ"), "c": ("か", "し", "く", "せ", "こ"),
    "f": ("ふぁ", "ふぃ", "ふ", "ふぇ", "ふぉ"), "j": ("じゃ", "じ", "じゅ", "じぇ", "じょ"),
    "v": ("ゔぁ", "ゔぃ", "ゔ", "ゔぇ", "ゔぉ"), "x": ("ぁ", "ぃ", "ぅ", "ぇ", "ぉ"),
}
# Hepburn and kunrei spellings that the rows above do not give.
_SPECIAL = {
    "shi": "し", "chi": "ち", "tsu": "つ", "xtu": "っ", "xtsu": "っ", "ltu": "っ",
    "ltsu": "っ", "xya": "ゃ", "xyu": "ゅ", "xyo": "ょ", "lya": "ゃ", "lyu": "ゅ",
    "lyo": "ょ", "she": "しぇ", "che": "ちぇ", "tsa": "つぁ", "dhi": "でぃ", "thi": "てぃ",
}
_Y_COMBOS = {"a": "ゃ", "u": "ゅ", "o": "ょ", "e": "ぇ"}
# Syllables followed by a small ゃゅょ: kya/sya/sha, tya/cha, jya/zya/ja…
_Y_BASE = {"ky": "き", "sy": "し", "sh": "し", "ty": "ち", "cy": "ち", "ch": "ち",
           "ny": "に", "hy": "ひ", "my": "み", "ry": "り", "ly": "り", "gy": "ぎ",
           "zy": "じ", "jy": "じ", "dy": "ぢ", "by": "び", "py": "ぴ"}


def _build_table() -> dict[str, str]:
    """The romaji → hiragana table, longest spellings included (kya, sha, cha, jya…)."""
    table = dict(_VOWELS)
    for consonant, kana in _ROWS.items():
        for vowel, value in zip("aiueo", kana, strict=True):
            if value:
                table[consonant + vowel] = value
    table.update(_SPECIAL)
    for base, kana in _Y_BASE.items():
        for vowel, small in _Y_COMBOS.items():
            table.setdefault(base + vowel, kana + small)
    table["sha"], table["shu"], table["sho"] = "しゃ", "しゅ", "しょ"
    table["cha"], table["chu"], table["cho"] = "ちゃ", "ちゅ", "ちょ"
    return table


_TABLE = _build_table()
_MAX_KEY = max(len(k) for k in _TABLE)
_CONSONANTS = set("bcdfghjklmpqrstvwxyz")
_LATIN = re.compile(r"[a-z]")
_KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")
_NOT_KEY = re.compile(r"[^\u3041-\u3096ゔa-z0-9\u3400-\u9fff\uf900-\ufaff々]")
_FOLD_KANA = str.maketrans({"ぢ": "じ", "づ": "ず", "ゐ": "い", "ゑ": "え", "を": "お",
                            "ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お",
                            "ゎ": "わ"})
_O_U_ROWS = "おこそとのほもよろごぞどぼぽょうくすつぬふむゆるぐずづぶぷゅ"
_LONG_VOWEL = re.compile(f"([{_O_U_ROWS}])[うお]")


def romaji_to_hiragana(text: str) -> str:
    """Hiragana for romaji input (Hepburn or kunrei: pettobotoru, shinbun/simbun, kyuusu)."""
    s = unicodedata.normalize("NFKC", text).lower().replace("'", "’")
    out: list[str] = []
    i = 0
    while i < len(s):
        c = s[i]
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if c == "n":
            if nxt == "’":
                out.append("ん")
                i += 2
                continue
            if nxt == "n":  # IME habit: "nn" is ん; "nna" is ん + な
                after = s[i + 2] if i + 2 < len(s) else ""
                out.append("ん")
                i += 1 if after in "aiueoy" and after else 2
                continue
            if not nxt or (nxt not in "aiueoy"):
                out.append("ん")
                i += 1
                continue
        if c == "m" and nxt in ("b", "m", "p"):  # Hepburn: shimbun, sampo
            out.append("ん")
            i += 1
            continue
        if c in _CONSONANTS and nxt == c and c != "n":
            out.append("っ")
            i += 1
            continue
        if c == "t" and nxt == "c":  # matcha
            out.append("っ")
            i += 1
            continue
        if c in "-ー":
            out.append("ー")
            i += 1
            continue
        for size in range(min(_MAX_KEY, len(s) - i), 0, -1):
            piece = s[i:i + size]
            if piece in _TABLE:
                out.append(_TABLE[piece])
                i += size
                break
        else:
            out.append(c)
            i += 1
    return "".join(out)


def kana_key(text: str) -> str:
    """The folded hiragana form compared by the search (no ー, ぢ=じ, small vowels = large,
    long vowels short: とうきょう = ときょ, so romaji typed as tokyo or toukyou meets it)."""
    s = kata_to_hira(unicodedata.normalize("NFKC", text).lower())
    s = _NOT_KEY.sub("", s).translate(_FOLD_KANA)
    return _LONG_VOWEL.sub(r"\1", s)


def text_key(text: str) -> str:
    """The folded form of a name or query for substring matching (NFKC, lower, hiragana)."""
    s = kata_to_hira(unicodedata.normalize("NFKC", text).lower())
    return "".join(s.split())


@lru_cache(maxsize=20_000)
def reading_of(text: str) -> str:
    """The hiragana reading of a text by SudachiPy (symbols dropped), cached per text."""
    from jp.variants import sudachi_tokenizer  # one shared dictionary per process

    parts = []
    for morpheme in sudachi_tokenizer("A").tokenize(unicodedata.normalize("NFKC", text)[:1000]):
        if morpheme.part_of_speech()[0] in ("補助記号", "空白"):
            continue
        parts.append(morpheme.reading_form() or morpheme.surface())
    return kata_to_hira("".join(parts))


def item_reading(*, name: str, furigana: str = "") -> str:
    """The reading to search by: the furigana when it is a full reading, else SudachiPy's."""
    furigana = furigana.strip()
    # 5374's furigana column holds only the first kana (あ, い…), which is an index, not a
    # reading: take furigana only when it is longer than one character and all kana.
    if len(furigana) > 1 and not _KANJI.search(furigana):
        return kata_to_hira(furigana)
    return reading_of(name)


@dataclass(frozen=True)
class Entry:
    """One searchable item: its key (id), name, reading and names in other languages."""

    key: object
    name: str
    reading: str
    other_names: tuple[str, ...] = ()
    position: int = 0
    name_key: str = field(init=False)
    reading_key: str = field(init=False)
    other_keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        """Compute the folded forms once."""
        object.__setattr__(self, "name_key", text_key(self.name))
        object.__setattr__(self, "reading_key", kana_key(self.reading))
        object.__setattr__(self, "other_keys", tuple(text_key(n) for n in self.other_names))


@dataclass(frozen=True)
class Query:
    """A query in its folded forms: as text, as a kana key, and where the kana came from."""

    raw: str
    text: str
    kana: str
    from_kanji: bool


@dataclass(frozen=True)
class Hit:
    """A matching entry with its score (higher is better) and how it matched."""

    entry: Entry
    score: int
    how: str


def parse_query(raw: str) -> Query:
    """Fold a typed query; romaji becomes kana, kanji gets SudachiPy's reading."""
    raw = raw.strip()[:100]
    text = text_key(raw)
    if _KANJI.search(text):
        return Query(raw=raw, text=text, kana=kana_key(reading_of(raw)), from_kanji=True)
    if _LATIN.search(text) and not _KANA_OR_KANJI.search(text):
        kana = romaji_to_hiragana(text)
        # Leftover Latin letters mean this was not romaji (an English word): no kana form.
        return Query(raw=raw, text=text, kana="" if _LATIN.search(kana) else kana_key(kana),
                     from_kanji=False)
    return Query(raw=raw, text=text, kana=kana_key(text), from_kanji=False)


def substring_distance(needle: str, haystack: str) -> int:
    """The fewest edits that make ``needle`` equal to some substring of ``haystack``."""
    if not needle:
        return 0
    previous = [0] * (len(haystack) + 1)  # a match may start anywhere in the haystack
    for i, a in enumerate(needle, 1):
        current = [i] + [0] * len(haystack)
        for j, b in enumerate(haystack, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (a != b))
        previous = current
    return min(previous)


def allowed_typos(length: int) -> int:
    """How many edits a kana query of this length may differ by (none for short words)."""
    if length <= 3:
        return 0
    return 1 if length <= 6 else 2


def score_entry(entry: Entry, query: Query) -> Hit | None:
    """How well one entry matches the query, or None."""
    q = query.text
    candidates: list[tuple[int, str]] = []
    if q == entry.name_key:
        candidates.append((100, "name"))
    elif entry.name_key.startswith(q):
        candidates.append((90, "name-prefix"))
    elif q in entry.name_key:
        candidates.append((80, "name-part"))
    k, reading = query.kana, entry.reading_key
    minimum = 3 if query.from_kanji else 2
    if k and reading:
        if k == reading:
            candidates.append((95, "reading"))
        elif reading.startswith(k) and len(k) >= minimum:
            candidates.append((85, "reading-prefix"))
        elif k in reading and len(k) >= minimum:
            candidates.append((75, "reading-part"))
        elif not query.from_kanji and allowed_typos(len(k)):
            distance = substring_distance(k, reading)
            if distance <= allowed_typos(len(k)):
                candidates.append((60 - 10 * distance, "typo"))
    for other in entry.other_keys:
        if q and (q == other or (len(q) >= 2 and q in other)):
            candidates.append((90 if q == other else 70, "translation"))
            break
    if not candidates:
        return None
    score, how = max(candidates)
    return Hit(entry=entry, score=score, how=how)


def search(entries: Iterable[Entry], raw_query: str, *, limit: int = 50) -> list[Hit]:
    """The entries matching a query, best first (then shorter names, then dictionary order)."""
    query = parse_query(raw_query)
    if not query.text:
        return []
    hits = [h for e in entries if (h := score_entry(e, query)) is not None]
    hits.sort(key=lambda h: (-h.score, len(h.entry.name), h.entry.position))
    return hits[:limit]


# --- selector (Django) ----------------------------------------------------------------------

_INDEX: dict[int, tuple[tuple, Sequence[Entry]]] = {}


def _index_for(municipality) -> Sequence[Entry]:
    """The entries of a municipality's dictionary, rebuilt when any item or translation changes."""
    from django.db.models import Count, Max

    from gomi.models import Item, Translation

    items = Item.objects.filter(municipality=municipality)
    names_qs = Translation.objects.filter(item__municipality=municipality, field="name")
    item_stamp = items.aggregate(n=Count("id"), m=Max("modified"))
    name_stamp = names_qs.aggregate(n=Count("id"), m=Max("modified"))
    stamp = (item_stamp["n"], item_stamp["m"], name_stamp["n"], name_stamp["m"])
    cached = _INDEX.get(municipality.pk)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    names: dict[int, list[str]] = {}
    for item_id, value in names_qs.values_list("item_id", "text"):
        names.setdefault(item_id, []).append(value)
    entries = [
        Entry(key=pk, name=name, reading=item_reading(name=name, furigana=reading or ""),
              other_names=tuple(names.get(pk, ())), position=position)
        for pk, name, reading, position in items.values_list("pk", "name", "reading",
                                                             "position")
    ]
    _INDEX[municipality.pk] = (stamp, entries)
    return entries


def search_items(*, municipality, q: str, limit: int = 50, record_miss: bool = True):
    """Items of a municipality matching ``q``, best first; a search without result is counted."""
    from gomi.models import Item

    hits = search(_index_for(municipality), q, limit=limit)
    if not hits:
        if record_miss and q.strip():
            from gomi.models_residents import SearchMiss

            SearchMiss.record(municipality=municipality, query=q)
        return []
    by_id = Item.objects.select_related("category").prefetch_related("translations").in_bulk(
        [h.entry.key for h in hits])
    return [by_id[h.entry.key] for h in hits if h.entry.key in by_id]
