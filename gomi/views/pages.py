"""Resident pages: choose an area, the area's days, month and fiscal-year calendars, item search."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from gomi import selectors, texts
from gomi.engine.schedule import fiscal_year
from gomi.search import search_items
from gomi.views import common
from gomi.views.common import area_name, category_name, joined, page_context, with_lang

_COLOUR_CHARS = set("#0123456789abcdefABCDEF")


def _area_url(name: str, municipality, area, lang: str, *args, **params) -> str:
    """A link to one of the area's pages, keeping the language."""
    return with_lang(reverse(f"gomi:{name}", args=[municipality.lgcode, area.pk, *args]),
                     lang, **params)


@require_GET
def home(request, lgcode: str):
    """Choose your area: the list, or type an address and be told the area."""
    municipality = common.municipality_or_404(lgcode)
    lang = common.resident_lang(request)
    words = common.words_for(municipality, lang)
    address = request.GET.get("address", "").strip()[:200]
    found = selectors.find_areas_by_address(municipality, address) if address else None
    areas = [{"name": area_name(words, a), "url": _area_url("area", municipality, a, lang)}
             for a in selectors.areas(municipality)]
    matches = None if found is None else [
        {"name": area_name(words, a), "url": _area_url("area", municipality, a, lang)}
        for a in found]
    return render(request, "gomi/home.html", page_context(
        request, municipality=municipality, lang=lang, page="home", areas=areas,
        address=address, matches=matches))


def _day_message(key_yes: str, key_no: str, collections, words, lang: str):
    """明日は燃やすごみの日です (or that there is none) as safe HTML."""
    if not collections:
        return texts.html(key_no, lang)
    names = joined([category_name(words, c.category) for c in collections], lang)
    return texts.html(key_yes, lang, cats=names)


def _notices(municipality, area, words, lang: str, today: date) -> list[dict]:
    """Active notices that concern this area (or every area)."""
    out = []
    for row in selectors.active_notices(municipality, today=today):
        if row.area_id not in (None, area.pk):
            continue
        out.append({"text": common.notice_text(words, row),
                    "date": texts.date_label(row.date, lang=lang),
                    "category": category_name(words, row.category) if row.category else None,
                    "kind": row.kind, "emergency": row.emergency,
                    "new_date": texts.date_label(row.new_date, lang=lang)
                    if row.new_date else ""})
    return out


@require_GET
def area_page(request, lgcode: str, area_id: int):
    """An area: today and tomorrow, notices, the next collection of each category."""
    municipality = common.municipality_or_404(lgcode)
    area = common.area_or_404(municipality, area_id)
    lang = common.resident_lang(request)
    words = common.words_for(municipality, lang)
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    found = selectors.collections_for_area(area, today, tomorrow)
    next_rows = []
    for category, collection in selectors.next_collections(area, today=today):
        how_to, how_lang = words.get("category", category.pk, "how_to", category.how_to)
        next_rows.append({
            "category": category, "name": category_name(words, category),
            "date": texts.date_label(collection.date, lang=lang) if collection else "",
            "how_to": texts.data_span(how_to, value_lang=how_lang, page_lang=lang)
            if how_to else ""})
    ical = reverse("gomi:ical", args=[lgcode, area.pk])
    return render(request, "gomi/area.html", page_context(
        request, municipality=municipality, lang=lang, page="area", area=area,
        area_name=area_name(words, area),
        today_label=texts.date_label(today, lang=lang),
        tomorrow_label=texts.date_label(tomorrow, lang=lang),
        today_message=_day_message("today_is", "no_collection_today",
                                   [c for c in found if c.date == today], words, lang),
        tomorrow_message=_day_message("tomorrow_is", "no_collection_tomorrow",
                                      [c for c in found if c.date == tomorrow], words, lang),
        notices=_notices(municipality, area, words, lang, today),
        next_rows=next_rows,
        month_url=_area_url("month", municipality, area, lang, today.year, today.month),
        print_url=_area_url("print", municipality, area, lang, _fiscal_year_of(today)),
        ical_url=with_lang(ical, lang), ical_alarm_url=with_lang(ical, lang, alarm="19:00"),
        reminders_url=with_lang(reverse("gomi:reminders", args=[lgcode]), lang, area=area.pk),
    ))


def _fiscal_year_of(day: date) -> int:
    """The Japanese fiscal year (April–March) a day belongs to."""
    return day.year if day.month >= 4 else day.year - 1


def _month_weeks(*, year: int, month: int, collections, removed, words, lang: str,
                 today: date) -> list[list[dict | None]]:
    """The weeks of a month (Sunday first) with each day's collections and cancellations."""
    first = date(year, month, 1)
    last = common.month_end(first)
    by_day: dict[date, list] = {}
    for c in collections:
        by_day.setdefault(c.date, []).append({"category": c.category,
                                              "name": category_name(words, c.category)})
    cancelled: dict[date, list] = {}
    for r in removed:
        cancelled.setdefault(r.date, []).append({"category": r.category,
                                                 "name": category_name(words, r.category)})
    weeks: list[list[dict | None]] = []
    week: list[dict | None] = [None] * ((first.weekday() + 1) % 7)
    day = first
    while day <= last:
        week.append({"day": day.day, "items": by_day.get(day, []),
                     "cancelled": cancelled.get(day, []), "today": day == today,
                     "label": texts.date_label(day, lang=lang)})
        if len(week) == 7:
            weeks.append(week)
            week = []
        day += timedelta(days=1)
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    return weeks


def _weekday_headers(lang: str) -> list[str]:
    """Weekday column headers, Sunday first (as Japanese garbage calendars print them)."""
    names = texts.WEEKDAYS[lang]
    return [names[6], *names[:6]]


def _month_table(area, *, year: int, month: int, words, lang: str, today: date) -> dict:
    """One month's calendar table: caption, headers and weeks."""
    first = date(year, month, 1)
    last = common.month_end(first)
    label = texts.month_label(year=year, month=month, lang=lang)
    return {
        "caption": texts.text("month_caption", lang, month=label),
        "label": label,
        "weeks": _month_weeks(
            year=year, month=month, collections=selectors.collections_for_area(area, first, last),
            removed=common.removed_collections(area, first, last), words=words, lang=lang,
            today=today),
    }


@require_GET
def month_page(request, lgcode: str, area_id: int, year: int, month: int):
    """A month calendar of the area with links to the previous and next month."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    municipality = common.municipality_or_404(lgcode)
    area = common.area_or_404(municipality, area_id)
    lang = common.resident_lang(request)
    words = common.words_for(municipality, lang)
    first = date(year, month, 1)
    prev = (first - timedelta(days=1)).replace(day=1)
    nxt = common.month_end(first) + timedelta(days=1)
    return render(request, "gomi/month.html", page_context(
        request, municipality=municipality, lang=lang, page="month", area=area,
        area_name=area_name(words, area),
        table=_month_table(area, year=year, month=month, words=words, lang=lang,
                           today=timezone.localdate()),
        weekdays=_weekday_headers(lang),
        legend=_legend(area, words, lang),
        prev_url=_area_url("month", municipality, area, lang, prev.year, prev.month),
        next_url=_area_url("month", municipality, area, lang, nxt.year, nxt.month),
        area_url=_area_url("area", municipality, area, lang),
    ))


def _legend(area, words, lang: str) -> list[dict]:
    """The area's categories with their description (for the calendars' legend)."""
    out = []
    for category in selectors.categories(area.municipality).filter(rules__area=area):
        how_to, how_lang = words.get("category", category.pk, "how_to", category.how_to)
        out.append({"category": category, "name": category_name(words, category),
                    "how_to": texts.data_span(how_to, value_lang=how_lang, page_lang=lang)
                    if how_to else ""})
    return out


@require_GET
def print_page(request, lgcode: str, area_id: int, year: int):
    """The printable fiscal-year calendar (A4, two months per page)."""
    if not 2000 <= year <= 2100:
        raise Http404
    municipality = common.municipality_or_404(lgcode)
    area = common.area_or_404(municipality, area_id)
    lang = common.resident_lang(request)
    words = common.words_for(municipality, lang)
    start, _end = fiscal_year(year)
    today = timezone.localdate()
    months = []
    for i in range(12):
        m = (start.month - 1 + i) % 12 + 1
        y = start.year + (start.month - 1 + i) // 12
        months.append(_month_table(area, year=y, month=m, words=words, lang=lang, today=today))
    pages = [months[i:i + 2] for i in range(0, 12, 2)]
    return render(request, "gomi/print.html", page_context(
        request, municipality=municipality, lang=lang, page="print", area=area,
        area_name=area_name(words, area), pages=pages, weekdays=_weekday_headers(lang),
        legend=_legend(area, words, lang),
        title=texts.text("fiscal_year_title", lang, year=year),
        area_url=_area_url("area", municipality, area, lang)))


@require_GET
def items_page(request, lgcode: str):
    """Search the sorting dictionary."""
    municipality = common.municipality_or_404(lgcode)
    lang = common.resident_lang(request)
    words = common.words_for(municipality, lang)
    q = request.GET.get("q", "").strip()[:100]
    results = None
    if q:
        results = []
        for item in search_items(municipality=municipality, q=q):
            translated = {(t.field, t.lang): t.text for t in item.translations.all()}
            name_lang = lang if (("name", lang) in translated and lang != "ja") else "ja"
            notes_lang = lang if (("notes", lang) in translated and lang != "ja") else "ja"
            results.append({
                "name": texts.data_span(translated.get(("name", name_lang), item.name),
                                        value_lang=name_lang, page_lang=lang),
                "category": category_name(words, item.category) if item.category else
                texts.data_span(item.category_text, value_lang="ja", page_lang=lang),
                "category_obj": item.category,
                "notes": texts.data_span(translated.get(("notes", notes_lang), item.notes),
                                         value_lang=notes_lang, page_lang=lang)
                if item.notes or ("notes", notes_lang) in translated else ""})
    summary = texts.text("search_results", lang, q=q, n=len(results)) if results else ""
    return render(request, "gomi/items.html", page_context(
        request, municipality=municipality, lang=lang, page="items", q=q, results=results,
        summary=summary))


@require_GET
def categories_css(request, lgcode: str):
    """The category colours as a stylesheet (the CSP forbids inline styles)."""
    municipality = common.municipality_or_404(lgcode)
    lines = []
    for category in selectors.categories(municipality):
        colour = (category.colour or "").strip()
        if colour and len(colour) in (4, 7) and set(colour) <= _COLOUR_CHARS \
                and colour.startswith("#"):
            lines.append(f".gomi-cat-{category.pk} {{ --gomi-cat: {colour}; }}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
