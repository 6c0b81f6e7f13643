"""Japanese fiscal years (年度, April to March) and their 和暦 labels."""

from __future__ import annotations

from datetime import date

from jp.wareki import era_for


def fiscal_year_of(day: date) -> int:
    """The fiscal year (as the western year in which it starts) that contains ``day``."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_start(fiscal_year: int) -> date:
    """1 April of the fiscal year."""
    return date(fiscal_year, 4, 1)


def fiscal_year_end(fiscal_year: int) -> date:
    """31 March after the fiscal year started."""
    return date(fiscal_year + 1, 3, 31)


def wareki_fy(fiscal_year: int) -> str:
    """The fiscal year in 和暦: 2024 → "令和6年度", 2019 → "令和元年度"."""
    # By government usage a fiscal year takes the era in force for most of it, so FY2019
    # (April 2019, still 平成) is 令和元年度: look at May rather than April.
    era = era_for(date(fiscal_year, 5, 1))
    number = fiscal_year - era.start.year + 1
    return f"{era.name}{'元' if number == 1 else number}年度"


def fy_label(fiscal_year: int, language: str = "ja") -> str:
    """A fiscal year as readers of the language expect it (令和6年度 / FY2024)."""
    if language.startswith("en"):
        return f"FY{fiscal_year}"
    return wareki_fy(fiscal_year)


def month_label(month: date, language: str = "ja") -> str:
    """A month of a fiscal year (2024-07 → 令和6年7月 / 2024-07)."""
    if language.startswith("en"):
        return f"{month.year}-{month.month:02d}"
    era = era_for(month)
    number = month.year - era.start.year + 1
    return f"{era.name}{'元' if number == 1 else number}年{month.month}月"
