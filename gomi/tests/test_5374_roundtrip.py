"""Import → export → import gives the same collection dates, for every corpus city."""

from __future__ import annotations

from datetime import date

import pytest

from gomi.engine.fivethree import read_files
from gomi.selectors import ScheduleContext, areas, collections_for_area
from gomi.services.exports import export_5374
from gomi.services.imports import apply_5374, import_5374
from gomi.tests.corpus import CITIES, city_folder
from tests.fixtures import actor

pytestmark = pytest.mark.django_db

WINDOWS = ((date(2026, 11, 23), date(2027, 11, 22)), (date(2019, 4, 1), date(2020, 3, 31)))


def _calendar(municipality) -> dict:
    """{(area, category): dates} over both windows."""
    out: dict = {}
    for window in WINDOWS:
        context = ScheduleContext.load(municipality, *window)
        for area in areas(municipality):
            for c in collections_for_area(area, *window, context=context):
                out.setdefault((area.name, c.category.name), []).append(c.date)
    return out


@pytest.mark.parametrize("city", CITIES)
def test_export_reads_back_to_the_same_dates(org, other_org, editor, outsider, city):
    import_5374(actor=actor(editor), municipality=org, folder=city_folder(city), publish=False)
    files = export_5374(municipality=org, start=date(2019, 4, 1), end=date(2027, 11, 22))
    apply_5374(actor=actor(outsider), municipality=other_org, data=read_files(files))
    assert _calendar(other_org) == _calendar(org)


def test_export_writes_rules_with_a_holiday_policy_as_dates(org, other_org, editor, outsider):
    import_5374(actor=actor(editor), municipality=org, folder=city_folder("joyo"),
                publish=False)
    org.gomi_categories.filter(name="燃やすごみ").update(holiday_policy="move")
    files = export_5374(municipality=org, start=date(2019, 4, 1), end=date(2027, 11, 22))
    apply_5374(actor=actor(outsider), municipality=other_org, data=read_files(files))
    assert _calendar(other_org) == _calendar(org)
