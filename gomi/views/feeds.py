"""The iCalendar feed of an area (GET /gomi/{lgcode}/areas/{id}/calendar.ics)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.actor import client_ip
from gomi import ical, selectors, texts
from gomi.models import Category
from gomi.models_residents import FeedFetch
from gomi.views import common

#: The feed covers from this many days back to this many days ahead.
PAST_DAYS = 31
FUTURE_DAYS = 400


def fetcher_hash(request) -> str:
    """A keyed hash of the client address and user agent (the address itself is not stored)."""
    ua = request.META.get("HTTP_USER_AGENT", "")[:300]
    raw = f"{client_ip(request) or ''}|{ua}|{request.path}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), raw, hashlib.sha256).hexdigest()




@require_GET
def calendar_ics(request, lgcode: str, area_id: int):
    """Collections of an area (optionally one category) with cancellations and an alarm."""
    municipality = common.municipality_or_404(lgcode)
    area = common.area_or_404(municipality, area_id)
    lang = common.resident_lang(request)
    try:
        alarm = ical.parse_alarm(request.GET.get("alarm", ""))
    except ValueError:
        return HttpResponseBadRequest(
            "alarm は HH:MM の形で指定してください / alarm must be HH:MM (e.g. 19:00)\n",
            content_type="text/plain; charset=utf-8")
    category_ids = None
    if request.GET.get("category"):
        try:
            wanted = int(request.GET["category"])
        except ValueError:
            wanted = -1
        if not Category.objects.filter(municipality=municipality, pk=wanted).exists():
            return HttpResponseBadRequest(
                "その分別区分はありません / no such category\n",
                content_type="text/plain; charset=utf-8")
        category_ids = [wanted]
    words = common.words_for(municipality, lang)
    today = timezone.localdate()
    start, end = today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)

    def name(category) -> str:
        return words.get("category", category.pk, "name", category.name)[0]

    events = []
    for c in selectors.collections_for_area(area, start, end, category_ids=category_ids):
        description = ""
        if c.notice:
            description = c.notice
        events.append(ical.FeedEvent(day=c.date, category_id=c.category.pk,
                                     summary=name(c.category), description=description))
    for r in common.removed_collections(area, start, end):
        if category_ids is not None and r.category.pk not in category_ids:
            continue
        notice = str(common.notice_text(words, r.exception)) if r.exception.notice else ""
        label = texts.text("cancelled", lang)
        events.append(ical.FeedEvent(
            day=r.date, category_id=r.category.pk, cancelled=True,
            summary=f"{name(r.category)}（{label}）" if lang.startswith("ja")
            else f"{name(r.category)} ({label})",
            description=_strip_tags(notice)))
    area_label = words.get("area", area.pk, "name", area.name)[0]
    feed = ical.Feed(
        area_id=area.pk, lgcode=lgcode, host=request.get_host().split(":")[0],
        name=f"{municipality.name} {area_label} {texts.text('title', lang)}",
        alarm=alarm)
    FeedFetch.record(municipality=municipality, fetcher=fetcher_hash(request))
    response = HttpResponse(ical.build_calendar(feed=feed, events=events),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="gomi-{lgcode}-{area.pk}.ics"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _strip_tags(value: str) -> str:
    """A notice rendered for HTML back to plain text."""
    from html import unescape

    from django.utils.html import strip_tags

    return unescape(strip_tags(value))
