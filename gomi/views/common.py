"""What every resident page needs: the municipality and area, the language, translated data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from gomi import selectors, texts
from gomi.engine import schedule
from gomi.models import Area, Category, Rule, ScheduleException, Translation
from gomi.models_residents import PageView


def resident_lang(request) -> str:
    """The resident language chosen with ?lang= (Japanese by default)."""
    return texts.lang_or_default(request.GET.get("lang") or request.POST.get("lang"))


def activate_chrome_language(lang: str) -> None:
    """Make the site's own header and footer Japanese for ja/ja-easy and English otherwise."""
    translation.activate("ja" if lang in ("ja", "ja-easy") else "en")


def with_lang(path: str, lang: str, **params) -> str:
    """A link that keeps the resident language (no ?lang= for Japanese)."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    if lang != texts.DEFAULT_LANG:
        query = {"lang": lang, **query}
    return f"{path}?{urlencode(query)}" if query else path


def municipality_or_404(lgcode: str):
    """The municipality with this code, or 404."""
    found = selectors.municipality_by_lgcode(lgcode)
    if found is None:
        raise Http404
    return found


def area_or_404(municipality, area_id: int) -> Area:
    """An area of this municipality, or 404."""
    area = Area.objects.filter(municipality=municipality, pk=area_id).first()
    if area is None:
        raise Http404
    return area


@dataclass
class Words:
    """Translated data texts of a municipality in one language: (kind, id, field) → text."""

    lang: str
    found: dict[tuple[str, int, str], str] = field(default_factory=dict)

    def get(self, kind: str, pk: int, field_name: str, fallback: str) -> tuple[str, str]:
        """(text, language of the text): the translation, else the Japanese original."""
        if self.lang == "ja":
            return fallback, "ja"
        value = self.found.get((kind, pk, field_name))
        if value:
            return value, self.lang
        return fallback, "ja"

    def span(self, kind: str, pk: int, field_name: str, fallback: str):
        """The text as safe HTML, marked lang="ja" when it fell back to Japanese."""
        value, value_lang = self.get(kind, pk, field_name, fallback)
        return texts.data_span(value, value_lang=value_lang, page_lang=self.lang)


def words_for(municipality, lang: str) -> Words:
    """Every translation of the municipality's categories, areas and notices in ``lang``."""
    words = Words(lang=lang)
    if lang == "ja":
        return words
    rows = Translation.objects.filter(lang=lang).filter(
        Q(category__municipality=municipality) | Q(area__municipality=municipality)
        | Q(exception__municipality=municipality))
    for row in rows.values("category_id", "area_id", "exception_id", "field", "text"):
        for kind in ("category", "area", "exception"):
            if row[f"{kind}_id"]:
                words.found[(kind, row[f"{kind}_id"], row["field"])] = row["text"]
    return words


def category_name(words: Words, category: Category):
    """A category's name in the page language (HTML)."""
    return words.span("category", category.pk, "name", category.name)


def area_name(words: Words, area: Area):
    """An area's name in the page language (HTML)."""
    return words.span("area", area.pk, "name", area.name)


def notice_text(words: Words, exception: ScheduleException):
    """A notice in the page language: translation, the English field for en, else Japanese."""
    if words.lang == "en" and exception.notice_en and not words.found.get(
            ("exception", exception.pk, "notice")):
        return texts.data_span(exception.notice_en, value_lang="en", page_lang="en")
    return words.span("exception", exception.pk, "notice", exception.notice)


def joined(parts: list, lang: str):
    """Several HTML parts joined with the language's list separator."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    sep = conditional_escape(texts.text("list_sep", lang))
    return mark_safe(sep.join(conditional_escape(p) for p in parts))  # noqa: S308


@dataclass(frozen=True)
class Removed:
    """A collection that a one-off exception cancelled or moved away."""

    date: date
    category: Category
    exception: ScheduleException


def removed_collections(area: Area, start: date, end: date) -> list[Removed]:
    """Collections in [start, end] that exceptions cancelled or moved (for 中止 marks and feeds)."""
    rows = list(ScheduleException.objects.filter(
        municipality_id=area.municipality_id, date__range=(start, end))
        .filter(Q(area=area) | Q(area__isnull=True)).order_by("date", "id"))
    if not rows:
        return []
    rules = list(Rule.objects.filter(area=area).select_related("category"))
    by_id = {r.category_id: r.category for r in rules}
    first, last = rows[0].date, max(r.date for r in rows)
    base = schedule.collections(
        rules=[selectors.rule_spec(r) for r in rules], start=first, end=last,
        closures=selectors.closure_specs(area.municipality),
        closure_policy=selectors.closure_policy(area.municipality), center=area.center)
    out, seen = [], set()
    for row in rows:
        for c in base:
            if c.date == row.date and (row.category_id is None or c.category == row.category_id):
                if (c.date, c.category) not in seen and c.category in by_id:
                    seen.add((c.date, c.category))
                    out.append(Removed(c.date, by_id[c.category], row))
    return out


def month_start(day: date) -> date:
    """The first day of the month of ``day``."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of the month of ``day``."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def page_context(request, *, municipality, lang: str, page: str, **extra) -> dict:
    """The context every resident page shares (texts, language links, municipality)."""
    activate_chrome_language(lang)
    PageView.record(municipality=municipality, page=page, lang=lang)
    path = request.path
    keep = {k: v for k, v in request.GET.items() if k != "lang"}
    return {
        "lang": lang,
        "html_lang": texts.HTML_LANG[lang],
        "T": {key: texts.text(key, lang) for key in texts.MESSAGES},
        "languages": [{"code": code, "name": texts.LANG_NAMES[code],
                       "html_lang": texts.HTML_LANG[code], "current": code == lang,
                       "url": with_lang(path, code, **keep)} for code in texts.LANGS],
        "municipality": municipality,
        "municipality_name": municipality_name(municipality, lang),
        "home_url": with_lang(reverse("gomi:home", args=[municipality.lgcode]), lang),
        "search_url": reverse("gomi:items", args=[municipality.lgcode]),
        "css_url": reverse("gomi:categories_css", args=[municipality.lgcode]),
        **extra,
    }


def municipality_name(municipality, lang: str):
    """The municipality's name: English for en when known, else Japanese marked as such."""
    if lang == "en" and getattr(municipality, "name_en", ""):
        return municipality.name_en
    return texts.data_span(municipality.name, value_lang="ja", page_lang=lang)
