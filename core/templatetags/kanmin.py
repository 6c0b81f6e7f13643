"""Template helpers for bilingual pages."""

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def bi(ja, en=""):
    """The English text on English pages when there is one; otherwise the Japanese text,
    marked lang="ja" on English pages so screen readers switch language (WCAG 3.1.2)."""
    if (translation.get_language() or "ja") != "en":
        return ja or ""
    if en:
        return en
    if not ja:
        return ""
    return format_html('<span lang="ja">{}</span>', ja)
