"""Daily counters: increments add up per key, organisation and day; totals sum them."""

from datetime import date

import pytest

from core import counters
from core.models import DailyCount, Organisation

pytestmark = pytest.mark.django_db


def _org(slug: str) -> Organisation:
    return Organisation.objects.create(slug=slug, name=slug)


def test_increments_add_up_in_one_row_per_day():
    org = _org("a")
    for _ in range(3):
        counters.increment("t.hits", organisation=org, day=date(2026, 4, 1))
    counters.increment("t.hits", organisation=org, day=date(2026, 4, 2), by=5)
    assert DailyCount.objects.filter(key="t.hits").count() == 2
    assert counters.total("t.hits", organisation=org) == 8
    assert counters.total("t.hits", organisation=org, since=date(2026, 4, 2)) == 5


def test_totals_are_per_organisation_and_site_wide():
    a, b = _org("a"), _org("b")
    counters.increment("t.hits", organisation=a)
    counters.increment("t.hits", organisation=b, by=2)
    counters.increment("t.other", organisation=a, by=7)
    assert counters.total("t.hits", organisation=a) == 1
    assert counters.total("t.hits", organisation=b) == 2
    assert counters.total("t.hits") == 3
    assert counters.total("t.none") == 0


def test_site_wide_rows_without_an_organisation():
    counters.increment("t.site")
    counters.increment("t.site")
    assert DailyCount.objects.get(key="t.site").count == 2
