"""Resident-side metrics of the gomi app for the plan module (imported from gomi.hooks)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.metrics import metric

#: Usage metrics count the last 30 days (a rolling window, snapshotted daily).
WINDOW_DAYS = 30


def _recent(rows, organisation):
    """Rows of the last WINDOW_DAYS days, for one organisation or all."""
    since = timezone.localdate() - timedelta(days=WINDOW_DAYS - 1)
    rows = rows.filter(day__gte=since)
    return rows if organisation is None else rows.filter(municipality=organisation)


@metric("gomi.reminder_subscribers", label=_("ごみ収集日メールの登録者数"), unit="件",
        description=_("確認済みのメール配信登録の数"))
def reminder_subscribers(organisation) -> int:
    """Confirmed e-mail reminder subscriptions."""
    from gomi.models import Subscription

    rows = Subscription.objects.filter(confirmed_at__isnull=False)
    if organisation is not None:
        rows = rows.filter(municipality=organisation)
    return rows.count()


@metric("gomi.ical_subscriptions", label=_("ごみ収集日カレンダー配信の利用者数"), unit="件",
        description=_("過去30日にiCalendar配信を取得した利用者の数（接続元とUser-Agentの鍵付き"
                      "ハッシュで数え、同じ利用者の日ごとの重複は除く）"))
def ical_subscriptions(organisation) -> int:
    """Distinct feed fetchers (keyed hash of address + user agent + feed) in the window."""
    from gomi.models import FeedFetch

    return _recent(FeedFetch.objects.all(), organisation).values("fetcher").distinct().count()


@metric("gomi.page_views", label=_("ごみ収集日ページの閲覧数"), unit="回",
        description=_("過去30日の住民向けページの閲覧数"))
def page_views(organisation) -> int:
    """Views of resident pages in the window."""
    from gomi.models import PageView

    return _recent(PageView.objects.all(), organisation).aggregate(n=Sum("count"))["n"] or 0


@metric("gomi.search_no_result", label=_("該当なしの品目検索の数"), unit="回",
        description=_("過去30日に結果が0件だった分別辞典の検索の数"))
def search_no_result(organisation) -> int:
    """Dictionary searches without result in the window."""
    from gomi.models import SearchMiss

    return _recent(SearchMiss.objects.all(), organisation).aggregate(n=Sum("count"))["n"] or 0
