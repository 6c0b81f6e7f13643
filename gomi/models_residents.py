"""Resident-side records: e-mail reminder subscriptions, searches without result, usage counters.

Counters are per day and hold no personal data: feed fetchers are counted by a keyed hash of
the client address and user agent, never by the address itself. An e-mail address is stored
only on a subscription and is deleted with it (unsubscribe, or never confirmed).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.counters import bump
from core.models import Organisation
from gomi.models.languages import Language
from gomi.models.schedule import Area, Category

__all__ = ["FeedFetch", "PageView", "SearchMiss", "Subscription"]


class Subscription(models.Model):
    """An e-mail reminder sign-up: area, categories, time the evening before and language."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_subscriptions")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="subscriptions")
    categories = models.ManyToManyField(Category, related_name="subscriptions")
    email = models.EmailField(_("メールアドレス"))
    lang = models.CharField(_("言語"), max_length=10, choices=Language.choices,
                            default=Language.JA)
    remind_at = models.TimeField(_("通知時刻（前日）"))
    secret = models.CharField(max_length=32, editable=False,
                              help_text="random part of the signed links (rotating it "
                                        "invalidates old links)")
    created = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    last_sent_for = models.DateField(_("最後に知らせた収集日"), null=True, blank=True)

    class Meta:
        ordering = ["municipality", "id"]
        indexes = [models.Index(fields=["confirmed_at", "remind_at"])]
        verbose_name = _("メール配信の登録")
        verbose_name_plural = _("メール配信の登録")

    def __str__(self) -> str:
        # Never the address: this string may end up in logs or the admin's history.
        return f"subscription {self.pk} ({self.area_id}, {self.remind_at:%H:%M})"


class SearchMiss(models.Model):
    """A dictionary search that found nothing, counted per day (so staff can add the item)."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_search_misses")
    day = models.DateField(_("日付"))
    query = models.CharField(_("検索語"), max_length=100)
    count = models.PositiveIntegerField(_("回数"), default=0)

    class Meta:
        ordering = ["-day", "-count"]
        constraints = [models.UniqueConstraint(fields=["municipality", "day", "query"],
                                               name="gomi_searchmiss_unique_day_query")]
        verbose_name = _("該当なしの検索")
        verbose_name_plural = _("該当なしの検索")

    def __str__(self) -> str:
        return f"{self.day} {self.query} ×{self.count}"

    @classmethod
    def record(cls, *, municipality: Organisation, query: str,
               day: date | None = None) -> None:
        """Count one search without result (the query folded, so ピアノ and ぴあの are one)."""
        from gomi.search import text_key

        folded = text_key(query)[:100]
        if folded:
            bump(cls, lookup={"municipality": municipality, "query": folded,
                               "day": day or timezone.localdate()})


class PageView(models.Model):
    """Views of resident pages per day, page kind and language (no client data)."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_page_views")
    day = models.DateField(_("日付"))
    page = models.CharField(_("ページ"), max_length=20)
    lang = models.CharField(_("言語"), max_length=10)
    count = models.PositiveIntegerField(_("回数"), default=0)

    class Meta:
        ordering = ["-day", "page"]
        constraints = [models.UniqueConstraint(fields=["municipality", "day", "page", "lang"],
                                               name="gomi_pageview_unique")]
        verbose_name = _("ページ閲覧数")
        verbose_name_plural = _("ページ閲覧数")

    def __str__(self) -> str:
        return f"{self.day} {self.page} {self.lang} ×{self.count}"

    @classmethod
    def record(cls, *, municipality: Organisation, page: str, lang: str) -> None:
        """Count one view."""
        bump(cls, lookup={"municipality": municipality, "page": page[:20], "lang": lang[:10],
                           "day": timezone.localdate()})


class FeedFetch(models.Model):
    """iCalendar feed fetches per day and fetcher (a keyed hash, not the client address)."""

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_feed_fetches")
    day = models.DateField(_("日付"))
    fetcher = models.CharField(max_length=64)
    count = models.PositiveIntegerField(_("回数"), default=0)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["municipality", "day", "fetcher"],
                                               name="gomi_feedfetch_unique")]
        verbose_name = _("カレンダー配信の取得")
        verbose_name_plural = _("カレンダー配信の取得")

    def __str__(self) -> str:
        return f"{self.day} ×{self.count}"

    @classmethod
    def record(cls, *, municipality: Organisation, fetcher: str) -> None:
        """Count one fetch of a feed by this fetcher hash."""
        bump(cls, lookup={"municipality": municipality, "fetcher": fetcher[:64],
                           "day": timezone.localdate()})
