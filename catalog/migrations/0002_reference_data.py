"""Seed licences, categories and the standard dataset list.

Why a data migration: every installation needs the same reference lists before a dataset can
be created (a licence is required), and the CKAN license_list must be stable across sites.
"""

from django.db import migrations

from catalog.reference import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model("catalog", "Licence"), apps.get_model("catalog", "Category"),
                        apps.get_model("catalog", "StandardDataset"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
