"""Readings of dictionary items: derived at import and on staff edits, shown to staff, kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from gomi.models import Item
from gomi.search import item_reading
from gomi.services.dictionary import ItemData, save_item
from gomi.services.imports import import_5374
from tests.fixtures import actor

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[1] / "demo_data" / "5374"


def test_a_5374_import_stores_the_full_reading_beside_the_first_kana(org, editor):
    import_5374(actor=actor(editor), municipality=org, folder=DEMO, publish=False)
    item = Item.objects.get(municipality=org, name="生ごみ")
    assert (item.reading, item.initial) == ("なまごみ", "な")


def test_every_imported_item_gets_the_searchs_own_reading(org, editor):
    import_5374(actor=actor(editor), municipality=org, folder=DEMO, publish=False)
    items = list(Item.objects.filter(municipality=org))
    assert items and all(i.reading == item_reading(name=i.name) for i in items)


def test_a_reimport_keeps_a_reading_staff_corrected(org, editor):
    import_5374(actor=actor(editor), municipality=org, folder=DEMO, publish=False)
    Item.objects.filter(municipality=org, name="生ごみ").update(reading="なまゴミ")
    import_5374(actor=actor(editor), municipality=org, folder=DEMO, publish=False)
    assert Item.objects.get(municipality=org, name="生ごみ").reading == "なまゴミ"


def test_an_item_saved_without_a_reading_gets_one(org, editor):
    item = save_item(actor=actor(editor), municipality=org, data=ItemData(name="乾電池"))
    assert (item.reading, item.initial) == ("かんでんち", "か")


def test_the_staff_item_list_shows_the_reading(client, settings, org, editor):
    settings.REQUIRE_2FA = False
    import_5374(actor=actor(editor), municipality=org, folder=DEMO, publish=False)
    client.force_login(editor)
    body = client.get(f"/staff/gomi/{org.lgcode}/items/").content.decode()
    assert "なまごみ" in body
