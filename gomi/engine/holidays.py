"""Japanese public holidays, computed by jpholiday (never typed in)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import jpholiday


@lru_cache(maxsize=8192)
def is_holiday(day: date) -> bool:
    """True on a 国民の祝日 or 振替休日 (as the 祝日法 defines them, via jpholiday)."""
    return jpholiday.is_holiday(day)


def holiday_name(day: date) -> str:
    """The holiday's Japanese name, or "" on an ordinary day."""
    return jpholiday.is_holiday_name(day) or ""
