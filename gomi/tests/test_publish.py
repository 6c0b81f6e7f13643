"""Catalog publication of the schedule and dictionary, and staff edits that update it."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from catalog.models import Dataset
from core.models import Job
from gomi.catalog_publish import PUBLISH_JOB, _publish_job, publish
from gomi.models import Area, Category
from gomi.selectors import collections_for_area
from gomi.services.edits import announce, withdraw
from gomi.services.exports import schedule_csv
from gomi.services.imports import import_5374
from gomi.tests.corpus import city_folder
from tests.fixtures import actor

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def _import(org, editor, *, publish_now: bool = False):
    """Import 城陽市 (2 areas) into org."""
    return import_5374(actor=actor(editor), municipality=org, folder=city_folder("joyo"),
                       publish=publish_now)


def test_import_publishes_both_datasets(org, editor):
    _import(org, editor, publish_now=True)
    slugs = set(Dataset.objects.filter(organisation=org, state=Dataset.State.PUBLISHED)
                .values_list("slug", flat=True))
    assert slugs == {f"gomi-schedule-{org.lgcode}", f"gomi-sorting-{org.lgcode}"}


def test_schedule_dataset_holds_the_csv_and_the_5374_files(org, editor):
    _import(org, editor)
    published = publish(actor=actor(editor), municipality=org, today=TODAY)
    names = set(published.schedule.resources.values_list("name", flat=True))
    assert names == {"gomi-schedule-2026.csv", "5374-area_days.csv", "5374-description.csv",
                     "5374-target.csv", "5374-center.csv", "5374-remarks.csv"}


def test_sorting_dataset_follows_the_standard(org, editor):
    _import(org, editor)
    published = publish(actor=actor(editor), municipality=org, today=TODAY)
    assert published.sorting.standard_id == "waste-sorting"


def test_publishing_unchanged_data_adds_no_version(org, editor):
    _import(org, editor)
    first = publish(actor=actor(editor), municipality=org, today=TODAY)
    publish(actor=actor(editor), municipality=org, today=TODAY)
    resource = first.schedule.resources.get(name="gomi-schedule-2026.csv")
    assert resource.versions.count() == 1


def test_announcement_queues_a_publication(org, editor):
    _import(org, editor)
    area = Area.objects.get(municipality=org, name="東部地区")
    announce(actor=actor(editor), municipality=org, day=date(2026, 11, 24), area=area,
             notice="台風のため中止します")
    assert Job.objects.filter(kind=PUBLISH_JOB, organisation=org).count() == 1


def test_announcement_reaches_the_open_dataset(org, editor):
    _import(org, editor)
    published = publish(actor=actor(editor), municipality=org, today=TODAY)
    area = Area.objects.get(municipality=org, name="東部地区")
    announce(actor=actor(editor), municipality=org, day=date(2026, 11, 24), area=area,
             new_date=date(2026, 11, 25), notice="台風のため翌日に収集します")
    _publish_job(Job.objects.get(kind=PUBLISH_JOB, organisation=org))
    resource = published.schedule.resources.get(name="gomi-schedule-2026.csv")
    assert resource.versions.count() == 2


def test_cancellation_removes_the_day_from_the_area(org, editor):
    _import(org, editor)
    area = Area.objects.get(municipality=org, name="東部地区")
    burnable = Category.objects.get(municipality=org, name="燃やすごみ")  # 火 金
    announce(actor=actor(editor), municipality=org, day=date(2026, 11, 24), area=area,
             category=burnable, notice="中止")
    found = collections_for_area(area, date(2026, 11, 24), date(2026, 11, 24))
    assert burnable not in [c.category for c in found]


def test_withdrawn_cancellation_restores_the_day(org, editor):
    _import(org, editor)
    area = Area.objects.get(municipality=org, name="東部地区")
    exception = announce(actor=actor(editor), municipality=org, day=date(2026, 11, 24),
                         notice="中止")
    withdraw(actor=actor(editor), exception=exception)
    found = collections_for_area(area, date(2026, 11, 24), date(2026, 11, 24))
    assert "燃やすごみ" in [c.category.name for c in found]


def test_schedule_csv_has_one_row_per_collection(org, editor):
    _import(org, editor)
    start, end = date(2026, 4, 1), date(2027, 3, 31)
    rows = list(csv.DictReader(io.StringIO(
        schedule_csv(municipality=org, start=start, end=end).decode("utf-8-sig"))))
    expected = sum(len(collections_for_area(a, start, end))
                   for a in Area.objects.filter(municipality=org))
    assert len(rows) == expected and rows[0]["全国地方公共団体コード"] == org.lgcode
