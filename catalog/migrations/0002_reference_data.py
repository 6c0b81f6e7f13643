"""Seed licences, categories and the standard dataset list.

Why a data migration: every installation needs the same reference lists before a dataset can
be created (a licence is required), and the CKAN license_list must be stable across sites.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "reference.json"


def load(apps, schema_editor):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    Licence = apps.get_model("catalog", "Licence")
    Category = apps.get_model("catalog", "Category")
    StandardDataset = apps.get_model("catalog", "StandardDataset")
    for position, row in enumerate(data["licences"]):
        Licence.objects.update_or_create(id=row["id"], defaults={**row, "position": position})
    for position, row in enumerate(data["categories"]):
        Category.objects.update_or_create(slug=row["slug"], defaults={**row, "position": position})
    for row in data["standard_datasets"]:
        StandardDataset.objects.update_or_create(slug=row["slug"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
