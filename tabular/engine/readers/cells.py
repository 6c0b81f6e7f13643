"""Spreadsheet cell values as text, the same way for XLSX, XLS and JSON (pure Python).

* dates → ``YYYY-MM-DD``; date-times → ``YYYY-MM-DDTHH:MM:SS``; times → ``HH:MM:SS``
  (rounded to the second, as Excel shows them; durations beyond a day keep their hours);
* integral numbers → ``12`` (never ``12.0``); other floats with at most 15 significant
  digits, which is what Excel displays (``0.1 + 0.2`` is shown as ``0.3``);
* booleans → ``TRUE`` / ``FALSE``; empty text → ``None``; text is kept exactly.
"""

from __future__ import annotations

import datetime as dt


def cell_text(value: object) -> str | None:
    """The text of one cell value (``None`` for an empty cell)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return datetime_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return time_text(value)
    if isinstance(value, dt.timedelta):
        return duration_text(value)
    return str(value)


def number_text(value: float) -> str:
    """A float as Excel displays it: integral values without ``.0``, 15 significant digits."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 2**63:
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text:
        return repr(value)
    return text


def _round_second(value: dt.datetime) -> dt.datetime:
    """Round microseconds to the nearest second (Excel stores times as fractions of a day)."""
    if value.microsecond >= 500_000:
        value += dt.timedelta(seconds=1)
    return value.replace(microsecond=0)


def datetime_text(value: dt.datetime) -> str:
    """A date-time as ISO 8601; a date alone when the time is midnight."""
    value = _round_second(value.replace(tzinfo=None))
    if value.time() == dt.time(0, 0):
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def time_text(value: dt.time) -> str:
    """A time of day as ``HH:MM:SS``."""
    moment = _round_second(dt.datetime.combine(dt.date(2000, 1, 1), value.replace(tzinfo=None)))
    return moment.time().isoformat(timespec="seconds")


def duration_text(value: dt.timedelta) -> str:
    """A duration (``[h]:mm:ss`` cells) as ``H:MM:SS`` with as many hours as it has."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"
