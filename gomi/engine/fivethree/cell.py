"""One area_days.csv cell: parse the 5374 rule syntax into a CellRule and write it back.

Syntax (see standards/5374-format.md): tokens separated by spaces — ``月`` every week,
``火2`` the 2nd Tuesday, ``隔水20150114`` every other week from that date, ``20190401`` a
listed date, ``*1`` remark 1 — optionally followed by ``:`` and month numbers.

Like the 5374 app, a cell with any listed date is a list of dates (other tokens are ignored),
and a cell with any ``隔`` token is an every-other-week cell; the anchor date decides the
weekday (5374 steps 14 days from it), so a token whose weekday differs from its date's
weekday is reported. Unlike the app (which stops after 27 fortnights), every-other-week rules
continue indefinitely.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

WEEKDAY_CHARS = "月火水木金土日"  # index = date.weekday()
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_BIWEEKLY = re.compile(r"^隔([月火水木金土日])(\d{8})$")
_NTH = re.compile(r"^([月火水木金土日])([1-5])$")
_REMARK = re.compile(r"^\*(\d)$")


@dataclass(frozen=True)
class CellWarning:
    """Something in a cell that 5374 reads differently from what it seems to say."""

    code: str
    token: str
    message_ja: str
    message_en: str


@dataclass(frozen=True)
class CellRule:
    """The meaning of one cell; weekdays use date.weekday() numbers (Monday=0)."""

    weekdays: tuple[int, ...] = ()
    nth: tuple[tuple[int, int], ...] = ()
    biweekly: tuple[date, ...] = ()
    months: tuple[int, ...] = ()
    dates: tuple[date, ...] = ()
    remarks: tuple[int, ...] = ()
    warnings: tuple[CellWarning, ...] = field(default=(), compare=False)

    @property
    def empty(self) -> bool:
        """True when the cell collects nothing."""
        return not (self.weekdays or self.nth or self.biweekly or self.dates)


def _date(text: str) -> date | None:
    """A YYYYMMDD string as a date, or None when it is not a real date."""
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _js_int(text: str) -> int | None:
    """JavaScript's parseInt of a short string: its leading digits, None when there are none."""
    digits = re.match(r"\d+", text)
    return int(digits[0]) if digits else None


def js_date(text: str) -> date | None:
    """How 5374 reads an 8-character date: new Date(YYYY, MM-1, DD) with JavaScript's rollover.

    ``20150198`` becomes 2015-04-08 and ``2020024`` 2020-02-04, as in the app.
    """
    year, month, day = _js_int(text[0:4]), _js_int(text[4:6]), _js_int(text[6:8])
    if year is None or month is None or day is None:
        return None
    year, month0 = year + (month - 1) // 12, (month - 1) % 12
    try:
        return date(year, month0 + 1, 1) + timedelta(days=day - 1)
    except (ValueError, OverflowError):
        return None


def _warn(code: str, token: str, ja: str, en: str) -> CellWarning:
    """A warning about one token."""
    return CellWarning(code, token, ja, en)


def parse_cell(text: str) -> CellRule:
    """The rule written in one area_days.csv cell (full-width digits and spaces accepted)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    months: list[int] = []
    warnings: list[CellWarning] = []
    if ":" in text:
        text, _, month_text = text.partition(":")
        for token in month_text.split():
            if token.isdigit() and 1 <= int(token) <= 12:
                months.append(int(token))
            else:
                warnings.append(_warn("bad-month", token, f"月の指定「{token}」を無視しました。",
                                      f"Ignored the month {token!r}."))
    weekdays: list[int] = []
    nth: list[tuple[int, int]] = []
    biweekly: list[date] = []
    dates: list[date] = []
    remarks: list[int] = []
    odd: list[str] = []
    for token in text.split():
        if len(token) == 1 and token in WEEKDAY_CHARS:
            weekdays.append(WEEKDAY_CHARS.index(token))
        elif match := _NTH.match(token):
            nth.append((WEEKDAY_CHARS.index(match[1]), int(match[2])))
        elif match := _REMARK.match(token):
            remarks.append(int(match[1]))
        elif match := _BIWEEKLY.match(token):
            anchor = _date(match[2]) or js_date(match[2])
            if anchor is not None and _date(match[2]) is None:
                warnings.append(_warn(
                    "date-rollover", token,
                    f"「{token}」は存在しない日付です。"
                    f"5374 と同じく {anchor:%Y-%m-%d} と読みます。",
                    f"{token!r} is not a real date; like 5374, it is read as {anchor:%Y-%m-%d}."))
            if anchor is None:
                warnings.append(_warn("bad-date", token,
                                      f"隔週の起点「{token}」は日付ではありません。",
                                      f"The every-other-week start {token!r} is not a date."))
                continue
            biweekly.append(anchor)
            if WEEKDAY_CHARS[anchor.weekday()] != match[1]:
                warnings.append(_warn(
                    "biweekly-weekday", token,
                    f"「{token}」の起点日は{WEEKDAY_CHARS[anchor.weekday()]}曜日です。"
                    "5374 と同じく起点日から2週ごとに収集します。",
                    f"The start date of {token!r} is not a {match[1]}曜日; like 5374, "
                    "collection follows the start date every two weeks."))
        elif _DATE.match(token) and _date(token):
            dates.append(_date(token))
        else:
            odd.append(token)
    listed = bool(dates)
    for token in odd:
        # In a list of dates 5374 reads every token as a date (new Date with rollover).
        day = js_date(token) if listed and token[:1].isdigit() else None
        if day is not None:
            dates.append(day)
            warnings.append(_warn(
                "date-rollover", token,
                f"「{token}」は正しい日付の形ではありません。"
                f"5374 と同じく {day:%Y-%m-%d} と読みます。",
                f"{token!r} is not a well-formed date; like 5374, it is read as {day:%Y-%m-%d}."))
        else:
            warnings.append(_warn("unknown-token", token, f"「{token}」は解釈できません。",
                                  f"Cannot read the token {token!r}."))
    if dates and (weekdays or nth or biweekly):
        warnings.append(_warn("mixed-cell", text, "日付の列挙と曜日の指定が混在しています。"
                              "5374 と同じく日付だけを使います。",
                              "Listed dates mixed with weekdays: like 5374, only the dates "
                              "are used."))
        weekdays, nth, biweekly = [], [], []
    if biweekly and (weekdays or nth):
        warnings.append(_warn("mixed-cell", text, "隔週と毎週の指定が混在しています。"
                              "5374 と同じく隔週だけを使います。",
                              "Every-other-week mixed with weekly tokens: like 5374, only the "
                              "every-other-week tokens are used."))
        weekdays, nth = [], []
    if (dates or biweekly) and months:
        # 5374 ignores the month list for these cells; keep its reading.
        warnings.append(_warn("months-ignored", text,
                              "日付の列挙・隔週では月の指定は無視されます。",
                              "Month limits do not apply to listed dates or every-other-week."))
        months = []
    return CellRule(tuple(dict.fromkeys(weekdays)), tuple(dict.fromkeys(nth)),
                    tuple(dict.fromkeys(biweekly)), tuple(sorted(set(months))),
                    tuple(sorted(set(dates))), tuple(dict.fromkeys(remarks)), tuple(warnings))


def representable(rule: CellRule) -> bool:
    """True when 5374 reads format_cell(rule) as the same rule (no mixing of kinds)."""
    kinds = sum(bool(x) for x in (rule.weekdays or rule.nth, rule.biweekly, rule.dates))
    return kinds <= 1 and not ((rule.biweekly or rule.dates) and rule.months)


def format_cell(rule: CellRule) -> str:
    """The cell text 5374 reads as this rule (check representable() first)."""
    tokens = [WEEKDAY_CHARS[wd] for wd in rule.weekdays]
    tokens += [f"{WEEKDAY_CHARS[wd]}{n}" for wd, n in rule.nth]
    tokens += [f"隔{WEEKDAY_CHARS[d.weekday()]}{d:%Y%m%d}" for d in rule.biweekly]
    tokens += [f"{d:%Y%m%d}" for d in rule.dates]
    tokens += [f"*{n}" for n in rule.remarks]
    text = " ".join(tokens)
    if rule.months and (rule.weekdays or rule.nth):
        text += ":" + " ".join(str(m) for m in rule.months)
    return text
