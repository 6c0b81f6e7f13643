"""The demo city's calendar: loads, is idempotent, covers every resident language."""

from __future__ import annotations

import io
from datetime import date

import pytest

from catalog import extensions
from core.metrics import get as get_metric
from gomi.demo import load_demo
from gomi.models import LANGUAGES, Area, Item, Language, Translation
from gomi.selectors import collections_for_area, find_areas_by_address

pytestmark = pytest.mark.django_db


def test_demo_loader_is_registered():
    assert load_demo in extensions.DEMO_LOADERS


def test_loading_twice_gives_the_same_data(org):
    load_demo(org, io.StringIO())
    load_demo(org, io.StringIO())
    assert (Area.objects.filter(municipality=org).count(),
            Item.objects.filter(municipality=org).count()) == (3, 40)


def test_demo_has_translations_in_every_language(org):
    load_demo(org, io.StringIO())
    langs = set(Translation.objects.filter(category__municipality=org)
                .values_list("lang", flat=True))
    assert langs == set(LANGUAGES) - {Language.JA}


def test_languages_metric_counts_japanese_and_the_translations(org):
    load_demo(org, io.StringIO())
    assert get_metric("gomi.languages").compute(org) == len(LANGUAGES)


def test_demo_items_have_readings(org):
    load_demo(org, io.StringIO())
    assert not Item.objects.filter(municipality=org, reading="").exists()


def test_typed_address_finds_the_demo_area(org):
    load_demo(org, io.StringIO())
    assert [a.name for a in find_areas_by_address(org, "本町２丁目3-4")] == ["北地区"]


def test_demo_year_end_closure_applies(org):
    load_demo(org, io.StringIO())
    area = Area.objects.get(municipality=org, name="北地区")  # 燃やすごみ 月 木
    found = collections_for_area(area, date(2026, 12, 28), date(2027, 1, 4))
    assert [(c.date, c.category.name) for c in found if c.category.name == "燃やすごみ"] == [
        (date(2026, 12, 28), "燃やすごみ"), (date(2027, 1, 4), "燃やすごみ")]
