"""What one harvested dataset costs: its derived fields are computed once, queries stay flat."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog import search
from catalog.harvest.engine import harvest
from catalog.models import Dataset
from catalog.services import refresh_derived_fields
from catalog.tests.harvest.fakes import FakeCkan, package
from core.models import AuditEntry

pytestmark = pytest.mark.django_db

FORMATS = ("CSV", "JSON", "PDF", "XLSX", "TTL")


def links(name, count):
    """count CKAN resources of different formats for a package."""
    return [{"id": f"{name}-r{i}", "name": f"ファイル{i}", "format": FORMATS[i % len(FORMATS)],
             "url": f"https://opendata.example.jp/{name}/{i}.{FORMATS[i % len(FORMATS)].lower()}",
             "description": ""} for i in range(count)]


def tokenised(spy, slug):
    """How many times the spy tokenised the dataset with this slug."""
    return sum(1 for call in spy.call_args_list if call.args[0].slug == slug)


def test_a_dataset_harvested_with_three_resources_is_tokenised_once(make_source):
    fake = FakeCkan([package("parks", resources=links("parks", 3))])
    with mock.patch.object(search, "index_fields", wraps=search.index_fields) as spy:
        report = harvest(make_source(), fetch=fake.fetch)
    assert report.created == ["parks"]
    assert tokenised(spy, "parks") == 1
    assert AuditEntry.objects.filter(action="resource.create").count() == 3


def test_an_updated_dataset_with_a_new_resource_is_tokenised_once(make_source):
    fake = FakeCkan([package("parks", resources=links("parks", 2))])
    source = make_source()
    harvest(source, fetch=fake.fetch)
    changed = package("parks", title="都市公園の一覧", modified="2024-07-01T00:00:00",
                      resources=links("parks", 3))
    changed["resources"][0]["url"] = "https://opendata.example.jp/parks/0-2024.csv"
    fake.add(changed)
    source.refresh_from_db()
    with mock.patch.object(search, "index_fields", wraps=search.index_fields) as spy:
        report = harvest(source, fetch=fake.fetch)
    assert report.updated == ["parks"]
    assert tokenised(spy, "parks") == 1


def test_harvested_derived_fields_equal_a_fresh_refresh(make_source):
    fake = FakeCkan([package("parks", resources=links("parks", 3))])
    harvest(make_source(), fetch=fake.fetch)
    columns = ("formats", "stars", "quality", "search_tokens", "search_title")
    harvested = Dataset.objects.values(*columns).get(slug="parks")
    refresh_derived_fields(Dataset.objects.get(slug="parks"))
    assert harvested == Dataset.objects.values(*columns).get(slug="parks")
    assert harvested["formats"] == "CSV JSON PDF"
    found = search.filter_queryset(Dataset.objects.all(), "公園")
    assert list(found.values_list("slug", flat=True)) == ["parks"]


def queries_for(make_source, name, resources):
    """SQL statements run to harvest one new dataset with this many resources."""
    source = make_source(url=f"https://{name}.example.jp")
    harvest(source, fetch=FakeCkan([package(f"{name}-warm", resources=links("w", 1))]).fetch)
    source.refresh_from_db()
    fake = FakeCkan([package(f"{name}-warm", resources=links("w", 1)),
                     package(name, resources=links(name, resources))])
    with CaptureQueriesContext(connection) as captured:
        harvest(source, fetch=fake.fetch)
    return len(captured.captured_queries)


def test_each_further_resource_costs_a_bounded_number_of_queries(make_source):
    one = queries_for(make_source, "one", 1)
    four = queries_for(make_source, "four", 4)
    # A resource: its row, its first version, the dataset's data date and an audit entry,
    # with their savepoints: 11 statements (12 on PostgreSQL, which also takes the audit
    # chain's advisory lock). The dataset is not re-read or re-indexed per resource (17).
    assert (four - one) / 3 <= 12
