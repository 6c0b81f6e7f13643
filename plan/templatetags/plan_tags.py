"""Template filters of the plan pages: numbers, percentages, 和暦 fiscal years, Markdown."""

from __future__ import annotations

from django import template
from django.utils import translation

from core.markdown import render
from plan.engine.fiscal import fy_label

register = template.Library()


@register.filter
def num(value) -> str:
    """A number without a pointless .0; an em dash for none."""
    if value is None or value == "":
        return "—"
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0")


@register.filter
def pct(value) -> str:
    """A percentage rounded to a whole number; an em dash for none."""
    return "—" if value is None else f"{float(value):.0f}%"


@register.filter
def fy(value) -> str:
    """A fiscal year in the active language (令和6年度 / FY2024)."""
    return fy_label(int(value), translation.get_language() or "ja") if value else ""


@register.filter
def title_in(obj, language) -> str:
    """An object's display title in a language."""
    return obj.display_title(language or "ja")


@register.filter
def name_in(obj, language) -> str:
    """An object's display name in a language."""
    return obj.display_name(language or "ja")


@register.filter
def markdown(text: str):
    """User Markdown as sanitised HTML (core.markdown)."""
    return render(text)
