"""Per-type normalisers for messy municipal cell values: dates, times, numbers, coordinates, codes.

Every function takes the raw cell text and returns the canonical value, or None when the text
cannot be understood without guessing; none of them raises on any text. They run on the unique
values of million-row files, so regexes and tables are built once and the already-canonical
form takes a fast path.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Literal

from jp.text import nfkc
from jp.wareki import ParsedDate, parse_wareki, weekday_consistent

__all__ = [
    "ParsedDate",
    "is_excel_exponent",
    "lat_lon_swapped",
    "normalise_code",
    "normalise_phone",
    "normalise_postal",
    "parse_coordinate",
    "parse_date",
    "parse_integer",
    "parse_number",
    "parse_time",
    "split_lat_lon",
    "to_halfwidth",
]

# ---------------------------------------------------------------------------------------------
# Width

# Full-width ASCII block ！..～ → ! .. ~, and the ideographic space → space.
_HALFWIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALFWIDTH_TABLE[0x3000] = 0x20
# A run of half-width katakana, with the full-width kana before it so that a half-width voiced
# mark (ﾞ ﾟ) composes with it. Those kana are unchanged by NFKC, so only the run changes.
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]")
_HALFWIDTH_KANA_RUN = re.compile("[\u3041-\u3096\u30a1-\u30fa]?[\uff61-\uff9f]+")


def _kana_to_fullwidth(m: re.Match[str]) -> str:
    """Return a half-width katakana run in full width, voiced marks composed (ｶﾞ → ガ)."""
    return nfkc(m.group())


def to_halfwidth(s: str) -> str:
    """Return ASCII letters, digits and punctuation in half width, kana in full width, stripped."""
    if s.isascii():
        return s.strip()
    s = s.translate(_HALFWIDTH_TABLE)
    if _HALFWIDTH_KANA.search(s):
        s = _HALFWIDTH_KANA_RUN.sub(_kana_to_fullwidth, s)
    return s.strip()


# Hyphen, dash and minus variants, including the prolonged sound marks that publishers type as
# a hyphen in numbers (255ｰ1, 54ｰ0563). Only used on text that must be numeric.
_DASH_TABLE = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe63\uff0d\u30fc\uff70", "-")
)
_SPACES = re.compile(r"\s+")

# ---------------------------------------------------------------------------------------------
# Dates and times

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_WEEKDAY_SUFFIX = re.compile(
    r"(?:\((?:[月火水木金土日祝休](?:曜日?)?|祝日|振休|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\))+$"
)
_MIDNIGHT_SUFFIX = re.compile(r"(?:[T ]0?0:00(?::00(?:\.0+)?)?)$", re.ASCII)
_DATE_SEP = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", re.ASCII)
_DATE_MONTH_SEP = re.compile(r"(\d{4})[-/](\d{1,2})", re.ASCII)
_DATE_KANJI = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(?:現在|時点)?", re.ASCII)
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)


def _day(y: str, m: str, d: str) -> ParsedDate | None:
    """Return a day-precision date if it exists in the calendar."""
    try:
        return ParsedDate(date(int(y), int(m), int(d)).isoformat(), "day", False)
    except ValueError:
        return None


def _month(y: str, m: str) -> ParsedDate | None:
    """Return a month-precision date if the month is 1–12."""
    month = int(m)
    if not 1 <= month <= 12 or int(y) < 1:
        return None
    return ParsedDate(f"{y}-{month:02d}", "month", False)


def parse_date(s: str) -> ParsedDate | None:
    """Read a 西暦 or 和暦 date (2021-04-01, 2021/4/1, 2021年4月1日(木), 20210401, R3.4.1).

    Full-width digits, spaces and an Excel midnight time (2021-04-01 00:00:00) are accepted;
    a weekday in brackets must be the day's own. "2021-04" / "2021年4月" give month precision
    and "2021年" year precision; a bare "2021", a year-less "1月7日(火)", a fiscal year
    (2024年度), a non-midnight time and impossible days (2021-02-30) give None.
    """
    if not isinstance(s, str):
        return None
    m = _ISO_DAY.fullmatch(s)
    if m is not None:  # the canonical form: only check that the day exists
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return ParsedDate(s, "day", False)
    t = to_halfwidth(s)
    if not t or len(t) > 40:
        return None
    t = _MIDNIGHT_SUFFIX.sub("", t)  # Excel date cells read as text end in 00:00:00
    t = _SPACES.sub("", t)
    return _read_western(t) if t and t[0].isdigit() else parse_wareki(t)


def _read_western(t: str) -> ParsedDate | None:
    """Read a 西暦 date with its weekday suffix, if any, checked against the day."""
    suffix = ""
    if w := _WEEKDAY_SUFFIX.search(t):
        t, suffix = t[: w.start()], w.group()
    found = _read_western_date(t)
    if suffix and (
        found is None
        or found.precision != "day"
        or not weekday_consistent(suffix, date.fromisoformat(found.iso))
    ):
        return None
    return found


def _read_western_date(t: str) -> ParsedDate | None:
    """Read a 西暦 date without weekday: separators, 年月日, 8 digits, or year and month."""
    if m := _DATE_SEP.fullmatch(t):
        return _day(m[1], m[3], m[4])
    if m := _DATE_KANJI.fullmatch(t):
        if m[2] is None:
            return ParsedDate(m[1], "year", False) if int(m[1]) > 0 else None
        return _month(m[1], m[2]) if m[3] is None else _day(m[1], m[2], m[3])
    if m := _DATE_COMPACT.fullmatch(t):
        return _day(*m.groups())
    if m := _DATE_MONTH_SEP.fullmatch(t):
        return _month(m[1], m[2])
    return None  # a bare "2021" may be any number: only "2021年" is read as a year


_CANONICAL_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?", re.ASCII)
_TIME_COLON = re.compile(
    r"(午前|午後|AM|PM)?(\d{1,2}):(\d{2})(?::(\d{2}))?(AM|PM)?", re.ASCII | re.IGNORECASE
)
_TIME_KANJI = re.compile(r"(午前|午後)?(\d{1,2})時(?:(半)|(\d{1,2})分(?:(\d{1,2})秒)?)?", re.ASCII)
_PM = frozenset({"午後", "PM"})


def _time(meridiem: str | None, h: str, m: str, sec: str | None) -> str | None:
    """Return "HH:MM[:SS]" for checked parts; 午前/午後 take hours 0–11, 24:00 is allowed."""
    hour, minute = int(h), int(m)
    if meridiem is not None:
        # 午前12時 / 午後12時 mean noon to some and midnight to others: do not guess.
        if hour > 11:
            return None
        hour += 12 if meridiem in _PM else 0
    second = None if sec is None else int(sec)
    if minute > 59 or (second is not None and second > 59):
        return None
    if hour > 24 or (hour == 24 and (minute or second)):
        return None
    text = f"{hour:02d}:{minute:02d}"
    return text if second is None else f"{text}:{second:02d}"


def parse_time(s: str) -> str | None:
    """Read a time of day (9:00, ９：３０, 9時30分, 午後1時半, 24:00) as "HH:MM[:SS]" or None."""
    if not isinstance(s, str):
        return None
    if _CANONICAL_TIME.fullmatch(s):
        return s
    t = to_halfwidth(s)
    if not t or len(t) > 30:
        return None
    t = _SPACES.sub("", t)
    if m := _TIME_COLON.fullmatch(t):
        if m[1] and m[5]:
            return None
        meridiem = m[1] or m[5]
        return _time(meridiem and meridiem.upper(), *m.group(2, 3, 4))
    if m := _TIME_KANJI.fullmatch(t):
        return _time(m[1], m[2], "30" if m[3] else (m[4] or "0"), m[5])
    return None


# ---------------------------------------------------------------------------------------------
# Numbers

_PLAIN_INT = re.compile(r"-?\d+", re.ASCII)
_PLAIN_DECIMAL = re.compile(r"-?\d+\.(\d+)", re.ASCII)
_NUMBER = re.compile(
    r"(?P<sign>[-+▲△])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d+))?"
    r"(?P<exp>[eE][-+]?\d{1,3})?",
    re.ASCII,
)
# Trailing units allow_unit=True may strip. Counts and measures only: a unit that changes the
# magnitude (千円, 万人) is not in the list, so "5千円" stays unreadable rather than becoming 5.
_UNITS = (
    "世帯", "箇所", "か所", "ヶ所", "カ所", "ヵ所", "平方メートル", "m2", "m²", "㎡", "km", "㎞",
    "ha", "kg", "㎏", "cm", "mm", "m", "%", "人", "件", "円", "台", "個", "本", "冊", "回",
    "名", "戸", "棟", "床", "歳", "才", "室", "区画", "基", "枚", "頭", "匹", "校", "園", "社",
)  # fmt: skip
_UNIT_SUFFIX = re.compile(
    "(?:" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) + ")$"
)
_NEGATIVE_SIGNS = frozenset("-▲△")


def _read_number(s: str, *, allow_unit: bool) -> tuple[int | float, int | None] | None:
    """Return (value, exact integer if the text is integral) for a number cell, or None."""
    if not isinstance(s, str):
        return None
    if _PLAIN_INT.fullmatch(s):
        n = int(s)
        return n, n
    if m := _PLAIN_DECIMAL.fullmatch(s):
        value = float(s) + 0.0
        return value, (int(s.partition(".")[0]) if not m[1].strip("0") else None)
    t = to_halfwidth(s)
    if not t or len(t) > 60:
        return None
    if not t.isascii():
        t = t.translate(_DASH_TABLE)
    if allow_unit:
        t = _UNIT_SUFFIX.sub("", t).rstrip()
    if t[:1] in _NEGATIVE_SIGNS or t[:1] == "+":
        t = t[0] + t[1:].lstrip()  # "▲ 123"
    m = _NUMBER.fullmatch(t)
    if m is None or (m["int"] is None and m["frac"] is None):
        return None
    sign = -1 if m["sign"] in _NEGATIVE_SIGNS else 1
    digits = (m["int"] or "0").replace(",", "")
    if m["frac"] is None and m["exp"] is None:
        return sign * int(digits), sign * int(digits)
    value = sign * float(f"{digits}.{m['frac'] or '0'}{m['exp'] or ''}")
    if not math.isfinite(value):
        return None
    integral = m["exp"] is None and not m["frac"].strip("0")
    return value + 0.0, (sign * int(digits) if integral else None)


def parse_number(s: str, *, allow_unit: bool = False) -> int | float | None:
    """Read a number ("32,500 ", "１，２３４", "▲123", "−5", "12.00") or return None.

    The result is an int when the text has no decimal point and no exponent, and a float when
    it has one, even a zero fraction: "12" → 12, "12.00" → 12.0 (the publisher wrote a
    decimal). Thousands separators must group by three ("1,2" is refused). ▲ and △ mark
    negatives (会計 style). An exponent (1.5e-3) is read as a float: check is_excel_exponent
    first on ID-like columns. With allow_unit=True one trailing count or measure unit
    (人, 件, 円, ㎡, % …) is dropped; units that scale the value (千円) are never dropped.
    """
    read = _read_number(s, allow_unit=allow_unit)
    return None if read is None else read[0]


def parse_integer(s: str, *, allow_unit: bool = False) -> int | None:
    """Read an integer ("1,234", "12.00" → 12) or return None; fractions and exponents → None.

    Exponents are refused because an integer in exponent form (1.01321E+12) is almost always
    a number Excel has damaged; see is_excel_exponent.
    """
    read = _read_number(s, allow_unit=allow_unit)
    return None if read is None else read[1]


_EXCEL_EXPONENT = re.compile(r"[1-9](?:\.\d+)?[eE]\+?\d{1,3}", re.ASCII)


def is_excel_exponent(s: str) -> bool:
    """Return True for a number Excel wrote in exponent form (1.01321E+12): its digits are lost."""
    if not isinstance(s, str):
        return False
    return _EXCEL_EXPONENT.fullmatch(to_halfwidth(s) if not s.isascii() else s.strip()) is not None


def normalise_code(s: str) -> str:
    """Return an ID or code cell in half width, stripped, with its leading zeros kept."""
    return to_halfwidth(s) if isinstance(s, str) else ""


# ---------------------------------------------------------------------------------------------
# Coordinates

_DECIMAL = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?", re.ASCII)
_DMS = re.compile(
    r"(?P<pre>北緯|南緯|東経|西経|[NSEW])?"
    r"(?P<deg>\d{1,3}(?:\.\d+)?)(?:°|度|º)"
    r"(?:(?P<min>\d{1,2}(?:\.\d+)?)(?:'|′|’|分))?"
    r"(?:(?P<sec>\d{1,2}(?:\.\d+)?)(?:\"|″|”|''|′′|秒))?"
    r"(?P<post>[NSEW])?",
    re.ASCII,
)
_NEGATIVE_HEMISPHERE = frozenset({"南緯", "西経", "S", "W"})
_LAT_HEMISPHERE = frozenset({"北緯", "南緯", "N", "S"})
_LIMIT = {"lat": 90.0, "lon": 180.0}


def _dms(t: str, axis: str) -> float | None:
    """Read 34°20'15.5" / 北緯34度20分15.5秒 as decimal degrees, or None."""
    m = _DMS.fullmatch(t)
    if m is None or (m["pre"] and m["post"]):
        return None
    parts = [m["deg"], m["min"], m["sec"]]
    present = [p for p in parts if p is not None]
    # Only the last written part may carry a fraction, and no part may be skipped.
    if any("." in p for p in present[:-1]) or (m["sec"] is not None and m["min"] is None):
        return None
    minutes = float(m["min"] or 0)
    seconds = float(m["sec"] or 0)
    if minutes >= 60 or seconds >= 60:
        return None
    hemisphere = m["pre"] or m["post"]
    if hemisphere and (hemisphere in _LAT_HEMISPHERE) != (axis == "lat"):
        return None
    value = float(m["deg"]) + minutes / 60 + seconds / 3600
    return -value if hemisphere in _NEGATIVE_HEMISPHERE else value


def parse_coordinate(s: str, *, axis: Literal["lat", "lon"] = "lat") -> float | None:
    """Read a latitude or longitude (decimal or 度分秒), range-checked, rounded to 8 decimals."""
    limit = _LIMIT.get(axis)
    if limit is None:
        raise ValueError(f"axis は lat か lon です / axis must be 'lat' or 'lon': {axis!r}")
    if not isinstance(s, str):
        return None
    t = s.strip() if s.isascii() else to_halfwidth(s).translate(_DASH_TABLE)
    if not t or len(t) > 40:
        return None
    if _DECIMAL.fullmatch(t):
        value = float(t)
    else:
        value = _dms(_SPACES.sub("", t), axis)
        if value is None:
            return None
    if not -limit <= value <= limit:
        return None
    return round(value, 8) + 0.0  # + 0.0 turns -0.0 into 0.0


_LAT_LON_PAIR = re.compile(r"[(\[]?\s*(\S+?)\s*(?:[,、;/]\s*|\s+)(\S+?)\s*[)\]]?")


@lru_cache(maxsize=4096)
def _split(s: str) -> tuple[float, float, bool] | None:
    """Return (lat, lon, swapped) for a cell holding both coordinates, or None."""
    t = to_halfwidth(s)
    m = _LAT_LON_PAIR.fullmatch(t)
    if m is None:
        return None
    first, second = m[1], m[2]
    if not (_DECIMAL.fullmatch(first) and _DECIMAL.fullmatch(second)):
        return None
    swapped = abs(float(first)) > 90
    if swapped:
        first, second = second, first
    lat = parse_coordinate(first, axis="lat")
    lon = parse_coordinate(second, axis="lon")
    if lat is None or lon is None:
        return None
    return lat, lon, swapped


def split_lat_lon(s: str) -> tuple[float, float] | None:
    """Read "34.34,134.04", "34.34 134.04" or "(34.34, 134.04)" as (lat, lon), or None.

    When the first value cannot be a latitude (|value| > 90) the pair is taken as lon,lat and
    swapped; lat_lon_swapped(s) tells the caller so that it can report it.
    """
    if not isinstance(s, str) or len(s) > 80:
        return None
    found = _split(s)
    return None if found is None else found[:2]


def lat_lon_swapped(s: str) -> bool:
    """Return True if split_lat_lon(s) read the cell as lon,lat and swapped the values."""
    if not isinstance(s, str) or len(s) > 80:
        return False
    found = _split(s)
    return found is not None and found[2]


# ---------------------------------------------------------------------------------------------
# Phone numbers and postal codes

_PHONE_LABEL = re.compile(r"^(?:TEL|Tel|tel|電話番号|電話|℡)\s*[:.]?\s*")
_PHONE_BRACKETS = str.maketrans({"(": "-", ")": "-", "（": "-", "）": "-"})
_PHONE_GROUPS = re.compile(r"\d+(?:-\d+){0,3}", re.ASCII)
_SHORT_NUMBER = re.compile(r"1\d{2}|#\d{4}", re.ASCII)
_HYPHEN_RUN = re.compile("-{2,}")
_ELEVEN_DIGIT_PREFIXES = ("020", "050", "060", "070", "080", "090")


def normalise_phone(s: str) -> str | None:
    """Return a phone number with half-width digits and "-" (0835-54-0563), or None.

    Hyphens stay where the publisher put them ((0835)54ｰ0563 → 0835-54-0563); a number
    written without them comes back as digits only. A full number has 10 digits, or 11 for
    020/050/060/070/080/090 (0800 included); short numbers (110, 119, #7119) are kept as
    they are. Partial numbers without an area code (41-1345) are refused.
    """
    if not isinstance(s, str):
        return None
    t = to_halfwidth(s)
    if not t or len(t) > 40:
        return None
    t = _PHONE_LABEL.sub("", t).translate(_DASH_TABLE)
    if _SHORT_NUMBER.fullmatch(t):
        return t
    t = _SPACES.sub("-", t.strip())
    if "(" in t or "（" in t:
        # (0835)54-0563 and 0835(54)0563: a bracket is a group separator.
        t = _HYPHEN_RUN.sub("-", t.translate(_PHONE_BRACKETS)).strip("-")
    if not _PHONE_GROUPS.fullmatch(t):
        return None
    digits = t.replace("-", "")
    if not digits.startswith("0") or digits.startswith("00"):
        return None
    if len(digits) == 10 or (len(digits) == 11 and digits.startswith(_ELEVEN_DIGIT_PREFIXES)):
        return t
    return None


_POSTAL = re.compile(r"(?:〒|〠|郵便番号)?:?(\d{3})-?(\d{4})", re.ASCII)


def normalise_postal(s: str) -> str | None:
    """Return a postal code as "123-4567" from 〒123-4567, １２３－４５６７ or 1234567, or None."""
    if not isinstance(s, str):
        return None
    t = to_halfwidth(s)
    if not t.isascii():
        t = t.translate(_DASH_TABLE)
    m = _POSTAL.fullmatch(_SPACES.sub("", t))
    return None if m is None else f"{m[1]}-{m[2]}"
