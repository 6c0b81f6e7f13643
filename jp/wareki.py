"""和暦 (Japanese era dates) ⇄ 西暦: era table, conversion both ways and a cell-text parser.

Eras and their Gregorian spans (the first and last day; on a change of emperor before 1989 the
day of the change belongs to both eras, so 大正15年12月25日 and 昭和元年12月25日 are the same day):

    明治 M 1868-10-23 – 1912-07-30    大正 T 1912-07-30 – 1926-12-25
    昭和 S 1926-12-25 – 1989-01-07    平成 H 1989-01-08 – 2019-04-30    令和 R 2019-05-01 –

Japan used the lunisolar calendar until 明治5年12月2日 and adopted the Gregorian calendar on
明治6年1月1日 = 1873-01-01. A month or day written in 明治1–5年 is a lunisolar month or day, so
it has no simple Gregorian equivalent: those dates (and months) are rejected rather than
converted wrongly. A bare year (明治5年 → 1872) is still converted, as everyone does.
Year 1 of an era is written 元年. Besides the names, the one-letter abbreviations M/T/S/H/R
(full width or lower case too), the one-kanji abbreviations 明/大/昭/平/令 and the squared era
signs ㍾㍽㍼㍻㋿ are understood. A fiscal year (令和6年度) is not a date and is not read; a
day followed by the wrong weekday (令和3年4月1日(金), a Thursday) is refused, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from jp.text import nfkc

__all__ = [
    "ERAS",
    "GREGORIAN_START",
    "Era",
    "InvalidWareki",
    "ParsedDate",
    "date_to_wareki",
    "era_for",
    "parse_wareki",
    "wareki_to_date",
    "weekday_consistent",
]

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date read from a cell: ISO text at its precision, and whether it was written in 和暦."""

    iso: str  # "2021-04-01", "2021-04" or "2021"
    precision: Precision
    wareki: bool


@dataclass(frozen=True, slots=True)
class Era:
    """One Japanese era: its name, one-letter abbreviation and first and last Gregorian day."""

    name: str
    abbr: str
    start: date
    end: date | None  # None for the current era


class InvalidWareki(ValueError):
    """A 和暦 date that does not exist (outside its era, unknown era, impossible day)."""

    def __init__(self, message_ja: str, message_en: str) -> None:
        """Keep both messages; str(exc) shows them as "ja / en"."""
        self.message_ja = message_ja
        self.message_en = message_en
        super().__init__(f"{message_ja} / {message_en}")


ERAS: tuple[Era, ...] = (
    Era("明治", "M", date(1868, 10, 23), date(1912, 7, 30)),
    Era("大正", "T", date(1912, 7, 30), date(1926, 12, 25)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", date(2019, 5, 1), None),
)
#: First day of the Gregorian calendar in Japan (明治6年1月1日); earlier 和暦 days are lunisolar.
GREGORIAN_START = date(1873, 1, 1)

_ERA_BY_KEY: dict[str, Era] = {}
for _era in ERAS:
    for _key in (_era.name, _era.name[0], _era.abbr, _era.abbr.lower()):
        _ERA_BY_KEY[_key] = _era
    _ERA_BY_KEY[chr(ord(_era.abbr) + 0xFEE0)] = _era  # full-width Ｒ
    _ERA_BY_KEY[chr(ord(_era.abbr.lower()) + 0xFEE0)] = _era  # full-width ｒ
_NEWEST_FIRST = tuple(reversed(ERAS))

# After NFKC (full-width digits, letters and ㍻ folded) and with all spaces removed.
_ERA_RE = "(?P<era>明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])"
_YEAR_RE = r"(?P<y>元|\d{1,3})"
_WEEKDAY_RE = r"(?P<wd>(?:\((?:[月火水木金土日祝休](?:曜日?)?|祝日|振休)\))*)"
_KANJI_FORM = re.compile(
    rf"{_ERA_RE}{_YEAR_RE}年(?:(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})日{_WEEKDAY_RE})?)?"
    r"(?:現在|時点)?",
    re.ASCII,
)
# Without 年 a month is required: a bare "R3" or "H1" is as likely a room or a size as a year.
_SEPARATOR_FORM = re.compile(
    rf"{_ERA_RE}{_YEAR_RE}(?P<sep>[./-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<d>\d{{1,2}}){_WEEKDAY_RE})?",
    re.ASCII,
)
# A weekday written after a day, in Japanese or English: (木), (木曜), (木曜日), (Thu).
_WEEKDAY_NAMES = re.compile(r"\(([月火水木金土日])(?:曜日?)?\)|\((Mon|Tue|Wed|Thu|Fri|Sat|Sun)\)")
_WEEKDAY_INDEX = {name: i for i, name in enumerate("月火水木金土日")} | {
    name: i for i, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
}
_ERA_START_CHARS = frozenset("明大昭平令MTSHRmtshrＭＴＳＨＲｍｔｓｈｒ㍾㍽㍼㍻㋿")
_SPACES = re.compile(r"\s+")


def _lookup(era: str) -> Era:
    """Return the era for a name or abbreviation, or raise InvalidWareki."""
    found = _ERA_BY_KEY.get(era.strip()) if isinstance(era, str) else None
    if found is None:
        raise InvalidWareki(
            f"元号「{era}」は明治・大正・昭和・平成・令和（M/T/S/H/R）のいずれかで指定してください",
            f"The era {era!r} must be one of 明治/大正/昭和/平成/令和 (M/T/S/H/R)",
        )
    return found


def _out_of_era(era: Era, year: int, month: int, day: int) -> InvalidWareki:
    """Build the error for a date outside its era's span."""
    span = f"{era.start.isoformat()}〜{era.end.isoformat() if era.end else ''}"
    span_en = f"{era.start.isoformat()} to {era.end.isoformat() if era.end else 'today'}"
    written = f"{era.name}{'元' if year == 1 else year}年{month}月{day}日"
    return InvalidWareki(
        f"{written}は存在しません（{era.name}は{span}）",
        f"{written} does not exist ({era.name} runs from {span_en})",
    )


def wareki_to_date(era: str, year: int, month: int, day: int) -> date:
    """Return the Gregorian date of an era date (year 1 = 元年); raise InvalidWareki otherwise."""
    e = _lookup(era)
    if year < 1:
        raise InvalidWareki(
            f"和暦の年は1（元年）以上です（入力: {year}）",
            f"An era year starts at 1 (元年) (got {year})",
        )
    gregorian_year = e.start.year + year - 1
    try:
        d = date(gregorian_year, month, day)
    except ValueError:
        raise InvalidWareki(
            f"{e.name}{year}年{month}月{day}日は暦にない日付です",
            f"{e.name} year {year}, month {month}, day {day} is not a calendar date",
        ) from None
    if d < e.start or (e.end is not None and d > e.end):
        raise _out_of_era(e, year, month, day)
    if d < GREGORIAN_START:
        raise InvalidWareki(
            f"明治5年以前の月日は旧暦（太陰太陽暦）のため西暦に換算できません"
            f"（{e.name}{year}年{month}月{day}日）",
            f"Months and days before 明治6年 (1873) are lunisolar and cannot be converted "
            f"({e.name} {year}-{month}-{day})",
        )
    return d


def era_for(d: date) -> Era:
    """Return the era a Gregorian date is written in (the newer one on a day of change)."""
    for e in _NEWEST_FIRST:
        if d >= e.start:
            return e
    raise InvalidWareki(
        f"{d.isoformat()}は明治より前のため和暦にできません",
        f"{d.isoformat()} is before 明治 and has no era date",
    )


def date_to_wareki(d: date, *, style: Literal["kanji", "abbr"] = "kanji") -> str:
    """Write a date as 和暦: "令和元年5月1日" (style="kanji") or "R1.5.1" (style="abbr")."""
    if d < GREGORIAN_START:
        raise InvalidWareki(
            f"{d.isoformat()}は1873年（明治6年）の改暦より前のため和暦の月日にできません",
            f"{d.isoformat()} is before the 1873 calendar reform and has no era month and day",
        )
    e = era_for(d)
    year = d.year - e.start.year + 1
    if style == "abbr":
        return f"{e.abbr}{year}.{d.month}.{d.day}"
    if style != "kanji":
        raise ValueError(f"style は kanji か abbr です / style must be kanji or abbr: {style!r}")
    return f"{e.name}{'元' if year == 1 else year}年{d.month}月{d.day}日"


def weekday_consistent(suffix: str, d: date) -> bool:
    """Return False if `suffix` names a weekday, like (木) or (Thu), that is not the day's."""
    return all(_WEEKDAY_INDEX[m[1] or m[2]] == d.weekday() for m in _WEEKDAY_NAMES.finditer(suffix))


def _month_in_era(e: Era, gregorian_year: int, month: int) -> bool:
    """Return True if some Gregorian day of the month lies in the era (and after 1873)."""
    first = date(gregorian_year, month, 1)
    following = date(gregorian_year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last >= e.start and (e.end is None or first <= e.end) and first >= GREGORIAN_START


def parse_wareki(s: str) -> ParsedDate | None:
    """Read a 和暦 cell (令和3年4月1日, 令和元年, R3.4.1, H31/4/30, ㍻元年1月) or return None."""
    if not isinstance(s, str) or not s or len(s) > 40:
        return None
    t = s.strip()
    if not t or t[0] not in _ERA_START_CHARS:
        return None
    if not t.isascii():
        t = nfkc(t)
    t = _SPACES.sub("", t)
    m = _KANJI_FORM.fullmatch(t) or _SEPARATOR_FORM.fullmatch(t)
    if m is None:
        return None
    e = _ERA_BY_KEY[m["era"]]
    year = 1 if m["y"] == "元" else int(m["y"])
    if year < 1:
        return None
    gregorian_year = e.start.year + year - 1
    if m["m"] is None:
        if gregorian_year < e.start.year or (e.end is not None and gregorian_year > e.end.year):
            return None
        return ParsedDate(f"{gregorian_year:04d}", "year", True)
    month = int(m["m"])
    if m["d"] is None:
        if not 1 <= month <= 12 or not _month_in_era(e, gregorian_year, month):
            return None
        return ParsedDate(f"{gregorian_year:04d}-{month:02d}", "month", True)
    try:
        d = wareki_to_date(e.name, year, month, int(m["d"]))
    except InvalidWareki:
        return None
    if m["wd"] and not weekday_consistent(m["wd"], d):
        return None
    return ParsedDate(d.isoformat(), "day", True)
