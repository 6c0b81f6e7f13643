"""CKAN harvesting: package_search paging, the incremental fq, and what a run changes."""

from datetime import UTC, datetime

import pytest

from catalog.harvest.ckan import CkanHarvester, KanminHarvester, api_base
from catalog.harvest.engine import harvest
from catalog.harvest.guard import HARVESTER_USERNAME, harvest_info, is_harvested
from catalog.models import Dataset, HarvestRecord, HarvestSource
from catalog.tests.harvest.fakes import FakeCkan, package
from core.http import OutboundRefused
from core.models import AuditEntry

pytestmark = pytest.mark.django_db


def pid(name):
    return package(name)["id"]


def test_the_api_base_is_the_site_root():
    assert api_base("https://ckan.example.jp/api/3/action/") == "https://ckan.example.jp"
    assert api_base("https://ckan.example.jp/data/") == "https://ckan.example.jp/data"


def test_listing_pages_through_package_search_by_id_100_at_a_time(make_source):
    fake = FakeCkan([package(f"ds-{i:03d}") for i in range(250)])
    results, complete = CkanHarvester(make_source(), fetch=fake.fetch).search()
    assert len(results) == 250
    assert complete
    calls = fake.calls_of("package_search")
    assert [c["start"] for c in calls] == ["0", "100", "200"]
    assert {c["rows"] for c in calls} == {"100"}
    assert {c["sort"] for c in calls} == {"id asc"}
    assert all("fq" not in c for c in calls)


def test_a_count_that_changes_between_pages_makes_the_listing_incomplete(make_source):
    fake = FakeCkan([package(f"ds-{i:03d}") for i in range(150)])
    fake.count_drift = 1
    _results, complete = CkanHarvester(make_source(), fetch=fake.fetch).search()
    assert not complete


def test_an_incremental_run_lists_all_ids_and_fetches_only_changes(make_source):
    fake = FakeCkan([package("old", modified="2024-01-01T00:00:00"),
                     package("new", modified="2024-06-02T00:00:00")])
    since = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    harvester = CkanHarvester(make_source(), fetch=fake.fetch)
    gathered = harvester.gather(since=since,
                                known={pid("old"): datetime(2024, 1, 1, tzinfo=UTC)})
    listing, changes = fake.calls_of("package_search")
    assert listing["fl"] == "id,metadata_modified"
    assert "fq" not in listing
    assert changes["fq"] == "metadata_modified:[2024-06-01T11:00:00Z TO *]"  # an hour's margin
    assert changes["sort"] == "id asc"
    assert [d.name for d in gathered.datasets] == ["new"]
    assert gathered.listed_ids == {pid("old"), pid("new")}
    assert fake.calls_of("package_show") == []


def test_an_incremental_run_catches_up_on_unknown_or_stale_ids(make_source):
    fake = FakeCkan([package("missed", modified="2024-01-01T00:00:00"),
                     package("stale", modified="2024-02-01T00:00:00"),
                     package("same", modified="2024-01-01T00:00:00")])
    known = {pid("stale"): datetime(2024, 1, 1, tzinfo=UTC),
             pid("same"): datetime(2024, 1, 1, tzinfo=UTC)}
    gathered = CkanHarvester(make_source(), fetch=fake.fetch).gather(
        since=datetime(2024, 6, 1, tzinfo=UTC), known=known)
    assert sorted(c["id"] for c in fake.calls_of("package_show")) == sorted(
        [pid("missed"), pid("stale")])
    assert sorted(d.name for d in gathered.datasets) == ["missed", "stale"]


def test_whole_packages_in_the_listing_are_used_without_asking_again(make_source):
    fake = FakeCkan([package("missed", modified="2024-01-01T00:00:00")])
    fake.honour_fl = False
    gathered = CkanHarvester(make_source(), fetch=fake.fetch).gather(
        since=datetime(2024, 6, 1, tzinfo=UTC), known={})
    assert [d.name for d in gathered.datasets] == ["missed"]
    assert fake.calls_of("package_show") == []


def test_a_remote_organisation_narrows_every_search(make_source):
    fake = FakeCkan([package("a", org="yaizu"), package("b", org="other")])
    source = make_source(remote_organisation="yaizu")
    gathered = CkanHarvester(source, fetch=fake.fetch).gather(
        since=datetime(2024, 6, 1, tzinfo=UTC), known={})
    assert all('organization:"yaizu"' in c["fq"] for c in fake.calls_of("package_search"))
    assert [d.name for d in gathered.datasets] == ["a"]


def test_the_first_run_creates_published_datasets_of_links_as_the_harvester(make_source, org):
    fake = FakeCkan([package("parks"), package("aed", title="AED設置箇所一覧")])
    source = make_source()
    report = harvest(source, fetch=fake.fetch)
    assert sorted(report.created) == ["aed", "parks"]
    assert report.status == "ok"
    parks = Dataset.objects.get(slug="parks")
    assert parks.organisation == org
    assert parks.state == Dataset.State.PUBLISHED
    assert parks.licence_id == "cc-by-4.0"
    assert [t.name for t in parks.tags.all()] == ["公園"]
    version = parks.resources.get().current_version
    assert version.url == "https://opendata.example.jp/parks.csv"
    assert not version.is_upload  # a link to the source's file, never a copy
    assert is_harvested(parks)
    info = harvest_info(parks)
    assert info.remote_url == "https://ckan.example.jp/dataset/parks"
    assert info.source_url == "https://ckan.example.jp"
    creations = AuditEntry.objects.filter(action="dataset.create")
    assert set(creations.values_list("actor_label", flat=True)) == {HARVESTER_USERNAME}
    source.refresh_from_db()
    assert source.last_status == HarvestSource.Status.OK
    assert source.last_success_at is not None
    assert source.last_report["created"] == report.created


def test_running_again_changes_nothing(make_source):
    fake = FakeCkan([package("parks"), package("aed")])
    source = make_source()
    harvest(source, fetch=fake.fetch)
    entries = AuditEntry.objects.count()
    source.refresh_from_db()
    report = harvest(source, fetch=fake.fetch)
    assert (report.created, report.updated, report.deleted, report.unchanged) == ([], [], [], 2)
    assert AuditEntry.objects.count() == entries


def test_a_changed_dataset_is_updated_and_a_new_url_becomes_a_version(make_source):
    fake = FakeCkan([package("parks")])
    source = make_source()
    harvest(source, fetch=fake.fetch)
    changed = package("parks", title="都市公園の一覧", modified="2024-07-01T00:00:00")
    changed["resources"][0]["url"] = "https://opendata.example.jp/parks-2024.csv"
    changed["resources"].append({"id": "r2", "name": "地図", "url": "https://opendata.example.jp/map",
                                 "format": "text/html", "description": ""})
    fake.add(changed)
    source.refresh_from_db()
    report = harvest(source, fetch=fake.fetch)
    assert report.updated == ["parks"]
    parks = Dataset.objects.get(slug="parks")
    assert parks.title == "都市公園の一覧"
    first, second = parks.resources.filter(deleted=False).order_by("position")
    assert first.versions.count() == 2
    assert first.current_version.url.endswith("parks-2024.csv")
    assert (second.name, second.format) == ("地図", "HTML")


def test_a_dataset_deleted_at_the_source_is_withdrawn(make_source):
    fake = FakeCkan([package("parks"), package("aed")])
    source = make_source()
    harvest(source, fetch=fake.fetch)
    fake.remove("aed")
    source.refresh_from_db()
    report = harvest(source, fetch=fake.fetch)
    assert report.deleted == ["aed"]
    assert Dataset.objects.get(slug="aed").state == Dataset.State.DELETED
    assert HarvestRecord.objects.get(remote_id=pid("aed")).withdrawn
    source.refresh_from_db()
    assert harvest(source, fetch=fake.fetch).deleted == []


def test_nothing_is_withdrawn_when_the_listing_is_incomplete(make_source):
    fake = FakeCkan([package(f"ds-{i:03d}") for i in range(120)])
    source = make_source()
    harvest(source, fetch=fake.fetch)
    fake.remove("ds-000")
    fake.count_drift = 5
    report = harvest(source, fetch=fake.fetch, full=True)
    assert report.deleted == []
    assert Dataset.objects.filter(state=Dataset.State.DELETED).count() == 0


def test_a_dataset_back_at_the_source_comes_back_under_a_free_slug(make_source):
    fake = FakeCkan([package("aed")])
    source = make_source()
    harvest(source, fetch=fake.fetch)
    fake.remove("aed")
    harvest(source, fetch=fake.fetch)
    fake.add(package("aed", modified="2024-08-01T00:00:00"))
    source.refresh_from_db()
    report = harvest(source, fetch=fake.fetch)
    assert report.created == ["remote-city-aed"]
    assert HarvestRecord.objects.get(remote_id=pid("aed")).dataset.slug == "remote-city-aed"


def test_a_slug_taken_locally_is_prefixed_with_the_source_organisation(make_source,
                                                                       make_dataset):
    make_dataset(slug="parks")
    fake = FakeCkan([package("parks", org="yaizu")])
    report = harvest(make_source(), fetch=fake.fetch)
    assert report.created == ["yaizu-parks"]
    assert not is_harvested(Dataset.objects.get(slug="parks"))


def test_one_bad_dataset_is_reported_and_the_others_are_harvested(make_source):
    bad = package("broken", resources=[{"id": "x", "name": "x", "format": "CSV",
                                        "url": "https://exa mple.jp/x.csv"}])
    fake = FakeCkan([bad, package("parks")])
    source = make_source()
    report = harvest(source, fetch=fake.fetch)
    assert report.created == ["parks"]
    assert [e["id"] for e in report.errors] == [bad["id"]]
    assert "URL" in report.errors[0]["reason"]
    assert not Dataset.objects.filter(slug="broken").exists()  # its transaction rolled back
    source.refresh_from_db()
    assert source.last_status == HarvestSource.Status.PARTIAL


def test_a_source_that_cannot_be_read_fails_without_changing_anything(make_source):
    def refuse(url, **kwargs):
        raise OutboundRefused("内部のアドレスです", url=url, reason="private")

    source = make_source()
    report = harvest(source, fetch=refuse)
    assert report.failed.startswith("内部のアドレスです")
    source.refresh_from_db()
    assert source.last_status == HarvestSource.Status.FAILED
    assert source.last_success_at is None
    assert source.last_run_at is not None


def test_remote_values_are_fitted_to_local_rules(make_source):
    odd = package("odd", license_id="CC-BY-SA-4.0", maintainer_email="not-an-address",
                  extras=[{"key": "update_frequency", "value": "1/month"}],
                  resources=[{"id": "r", "name": "", "format": "application/vnd.ms-excel",
                              "url": "https://opendata.example.jp/files/odd.xls"}])
    report = harvest(make_source(), fetch=FakeCkan([odd]).fetch)
    assert report.created == ["odd"], report.errors
    dataset = Dataset.objects.get(slug="odd")
    assert dataset.licence_id == "cc-by-sa-4.0"
    assert dataset.contact_email == ""
    assert dataset.update_frequency == "irregular"
    resource = dataset.resources.get()
    assert (resource.name, resource.format) == ("odd.xls", "XLS")


def test_a_kanmin_source_also_takes_our_extras(make_source):
    pkg = package("parks", url="http://kanmin.example.jp/dataset/parks/",
                  extras=[{"key": "title_en", "value": "Parks"},
                          {"key": "update_frequency", "value": "monthly"},
                          {"key": "standard_dataset", "value": "aed"},
                          {"key": "temporal_start", "value": "not a date"}])
    source = make_source(kind="kanmin", url="http://kanmin.example.jp")
    remote = KanminHarvester(source, fetch=FakeCkan([pkg]).fetch).to_remote(pkg)
    assert remote.data.title_en == "Parks"
    assert remote.data.update_frequency == "monthly"
    assert remote.data.standard == "aed"
    assert remote.remote_url == "http://kanmin.example.jp/dataset/parks/"
    plain = CkanHarvester(make_source(), fetch=None).to_remote(pkg)
    assert plain.data.title_en == ""
    assert plain.remote_url == "https://ckan.example.jp/dataset/parks"
