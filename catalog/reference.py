"""Reference lists (licences, categories, standard datasets) from catalog/data/reference.json."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "reference.json"


def load_reference_data(licence_model, category_model, standard_model) -> None:
    """Create or update the reference rows; takes models so migrations can pass historical ones."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for position, row in enumerate(data["licences"]):
        licence_model.objects.update_or_create(id=row["id"], defaults={**row, "position": position})
    for position, row in enumerate(data["categories"]):
        category_model.objects.update_or_create(slug=row["slug"],
                                                defaults={**row, "position": position})
    for row in data["standard_datasets"]:
        standard_model.objects.update_or_create(slug=row["slug"], defaults=row)
