"""The demo city's garbage calendar and dictionary (data in gomi/demo_data/).

gomi/demo_data/5374/ is an ordinary 5374 folder (3 areas, 5 categories, 40 items);
gomi/demo_data/extras.json adds what 5374 cannot hold: readings, 町丁目 per area, how to put
each category out, and translations in every resident language.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from gomi.models import Area, Category, Item, Translation

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"


def _translate(target_key: str, target, names: dict[str, str]) -> None:
    """Store the name of one target in each language (marked reviewed)."""
    for lang, text in names.items():
        Translation.objects.update_or_create(
            **{target_key: target}, field=Translation.Field.NAME, lang=lang,
            defaults={"text": text, "reviewed": True})


def _extras(organisation) -> None:
    """Readings, addresses, how-to texts and translations from extras.json."""
    from gomi.models import AreaAddress

    extras = json.loads((DEMO_DATA / "extras.json").read_text(encoding="utf-8"))
    for item in Item.objects.filter(municipality=organisation):
        reading = extras["readings"].get(item.name, "")
        if reading and item.reading != reading:
            item.reading = reading
            item.save(update_fields=["reading", "modified"])
        if item.name in extras["items"]:
            _translate("item", item, extras["items"][item.name])
    for name, spec in extras["categories"].items():
        category = Category.objects.get(municipality=organisation, name=name)
        category.how_to = spec["how_to"]
        category.save(update_fields=["how_to", "modified"])
        _translate("category", category, spec["name"])
    for name, spec in extras["areas"].items():
        area = Area.objects.get(municipality=organisation, name=name)
        area.reading = spec["reading"]
        area.save(update_fields=["reading", "modified"])
        area.addresses.all().delete()
        for text in spec["addresses"]:
            AreaAddress.objects.create(area=area, text=text)
        _translate("area", area, spec["name"])


def load_demo(organisation, stdout) -> None:
    """Import the demo schedule and dictionary for the demo organisation (idempotent)."""
    from gomi.catalog_publish import publish
    from gomi.engine.fivethree import read_folder
    from gomi.services import command_actor
    from gomi.services.imports import apply_5374

    actor = command_actor()
    with transaction.atomic():
        summary = apply_5374(actor=actor, municipality=organisation,
                             data=read_folder(DEMO_DATA / "5374"), source="demo")
        _extras(organisation)
    publish(actor=actor, municipality=organisation)
    stdout.write(f"ごみ収集日: 地区 {summary.areas}・分別区分 {summary.categories}・"
                 f"品目 {summary.items} / garbage calendar: {summary.areas} areas, "
                 f"{summary.categories} categories, {summary.items} items\n")


def register() -> None:
    """Add load_demo to catalog's demo loaders once."""
    from catalog import extensions

    if load_demo not in extensions.DEMO_LOADERS:
        extensions.DEMO_LOADERS.append(load_demo)
