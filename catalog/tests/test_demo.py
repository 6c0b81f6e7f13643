"""The demo municipality デモ市 loaded by `manage.py load_demo`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from catalog import selectors
from catalog.demo import city
from catalog.demo.columns import COLUMNS
from catalog.demo.datasets import DATASETS, DemoContext, FileResource
from catalog.demo.loader import (
    ADMIN_USERNAME,
    DEMO_PASSWORD,
    EDITOR_USERNAME,
    LOADER_USERNAME,
    load_demo,
)
from catalog.models import Dataset, Resource, ResourceVersion
from catalog.selectors import SearchParams
from core.actor import Actor
from core.errors import NotFound
from core.models import AuditEntry, Department, Membership, Organisation, Role, StoredFile
from core.services.storage import open_stored
from jp import lgcode

SHARED = Path(__file__).resolve().parents[3] / "shared" / "standards"
LGCODES_CSV = SHARED / "lgcodes.csv"
# A few real codes (from 総務省's list) the demo must never take.
REAL_CODES = {"131016", "131130", "132012", "132152", "134210", "011002", "222127", "472018"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Stored files go to a temporary directory; password hashing is cheap in these tests."""
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = "http://127.0.0.1:8000"


@pytest.fixture
def debug_on(settings):
    """A debug environment (what `make run` uses)."""
    settings.DEBUG = True
    settings.REQUIRE_2FA = False
    return settings


@pytest.fixture(scope="class")
def shared_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """デモ市 loaded once (debug mode) for a class of read-only tests, rolled back afterwards.

    Loading takes a few seconds, so the tests that only read share one load; each of them
    still runs in its own savepoint (the `db` fixture), inside this outer transaction.
    """
    media = tmp_path_factory.mktemp("demo-files")
    overrides = override_settings(
        DEBUG=True,
        REQUIRE_2FA=False,
        MEDIA_ROOT=media,
        SITE_URL="http://127.0.0.1:8000",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), overrides, transaction.atomic():
        report = load_demo()
        yield SimpleNamespace(report=report, media=media)
        transaction.set_rollback(True)


def _bytes(version: ResourceVersion) -> bytes:
    with open_stored(version.stored_file) as handle:
        return handle.read()


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding that decoded it (UTF-8 with or without BOM, else CP932)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp932"), "cp932"


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_decode(data)[0])))


def _csv_resources(slug: str) -> list[Resource]:
    return list(
        Resource.objects.filter(dataset__slug=slug, format="CSV", deleted=False).select_related(
            "current_version__stored_file"
        )
    )


@pytest.mark.usefixtures("shared_demo")
class TestLoadedDemo:
    """Read-only checks on one load of the demo (debug mode)."""

    @pytest.fixture(autouse=True)
    def _shared_files(self, settings, shared_demo):
        settings.MEDIA_ROOT = shared_demo.media

    def test_creates_twenty_published_datasets_across_twelve_standards(self, shared_demo):
        org = Organisation.objects.get(slug="demo-city")
        public = Dataset.objects.filter(
            organisation=org, state=Dataset.State.PUBLISHED, private=False
        )
        assert public.count() >= 20
        standards = set(public.exclude(standard=None).values_list("standard_id", flat=True))
        assert len(standards) >= 12
        assert public.count() == shared_demo.report.published
        assert org.is_fictional and org.name == "デモ市" and org.name_kana == "デモシ"
        assert org.name_en == "Demo City (fictional)"
        assert "架空" in org.description
        assert set(org.departments.values_list("name", flat=True)) >= {
            "情報政策課",
            "防災危機管理課",
            "子育て支援課",
            "環境課",
            "観光振興課",
            "市民課",
            "健康福祉課",
        }
        assert all(d.name_en for d in org.departments.all())

    def test_datasets_carry_full_metadata(self):
        for dataset in Dataset.objects.filter(slug__in=[d.slug for d in DATASETS]):
            assert dataset.title and dataset.title_en and dataset.description
            assert dataset.tags.exists() and dataset.categories.exists()
            assert dataset.contact_email.endswith("@city.demo.example") and dataset.contact_phone
            assert dataset.spatial == "デモ市" and dataset.temporal_start is not None
            assert dataset.department is not None
            assert dataset.resources.filter(deleted=False).exists()
        licences = set(
            Dataset.objects.filter(organisation__slug="demo-city").values_list(
                "licence_id", flat=True
            )
        )
        assert {"cc-by-4.0", "pdl-1.0", "gov-std-2.0", "cc0-1.0"} <= licences
        lengths = [
            len(d.description) for d in Dataset.objects.filter(organisation__slug="demo-city")
        ]
        assert sum(n >= 100 for n in lengths) >= 10 and min(lengths) < 100

    def test_lgcode_is_valid_and_not_a_real_code(self):
        code = Organisation.objects.get(slug="demo-city").lgcode
        assert code == city.LGCODE
        assert lgcode.is_valid(code)
        assert lgcode.normalize(code[:5]) == code
        assert code not in REAL_CODES

    def test_at_least_three_resources_are_cp932(self):
        cp932 = []
        for version in ResourceVersion.objects.filter(
            resource__dataset__organisation__slug="demo-city", format="CSV"
        ).select_related("resource__dataset", "stored_file"):
            data = _bytes(version)
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp932")
                standard = version.resource.dataset.standard_id
                if standard:
                    assert text.splitlines()[0] == ",".join(COLUMNS[standard])
                cp932.append(version.resource.dataset.slug)
        assert len(set(cp932)) >= 3, cp932

    def test_encodings_are_mixed(self):
        seen = set()
        for version in ResourceVersion.objects.filter(
            resource__dataset__organisation__slug="demo-city", format="CSV"
        ).select_related("stored_file"):
            seen.add(_decode(_bytes(version))[1])
        assert seen == {"utf-8", "utf-8-sig", "cp932"}

    def test_standard_files_have_the_standard_header_in_order(self):
        checked = 0
        for spec in DATASETS:
            if not spec.standard or not spec.publish:
                continue
            for resource in _csv_resources(spec.slug):
                header = _rows(_bytes(resource.current_version))[0]
                assert header == list(COLUMNS[spec.standard]), spec.slug
                checked += 1
        assert checked >= 12

    def test_files_are_small_realistic_and_tied_to_the_demo_code(self):
        for version in (
            ResourceVersion.objects.filter(resource__dataset__organisation__slug="demo-city")
            .exclude(stored_file=None)
            .select_related("stored_file", "resource__dataset")
        ):
            data = _bytes(version)
            assert len(data) < 50 * 1024, version.filename
            if version.format != "CSV":
                continue
            rows = _rows(data)
            assert 10 <= len(rows) - 1 <= 200, version.filename
            assert all(len(row) == len(rows[0]) for row in rows), version.filename
            header = rows[0]
            for column in ("全国地方公共団体コード", "都道府県コード又は市区町村コード"):
                if column in header:
                    index = header.index(column)
                    assert {row[index] for row in rows[1:]} == {city.LGCODE}
            for column in ("緯度", "経度"):
                if column in header:
                    index = header.index(column)
                    for row in rows[1:]:
                        assert len(row[index].split(".")[1]) == 6
                        value = float(row[index])
                        centre = city.CENTRE_LAT if column == "緯度" else city.CENTRE_LON
                        assert abs(value - centre) < 0.1

    def test_poi_codes_come_from_the_copied_table(self):
        for slug in ("demo-public-facilities", "demo-tourist-facilities"):
            rows = _rows(_bytes(_csv_resources(slug)[0].current_version))
            index = rows[0].index("POIコード")
            assert {row[index] for row in rows[1:]} <= set(city.POI)

    def test_one_resource_has_two_versions(self):
        resource = Resource.objects.get(dataset__slug="demo-population-by-area-age")
        versions = list(resource.versions.order_by("number"))
        assert [v.number for v in versions] == [1, 2]
        assert resource.current_version == versions[-1]
        assert versions[0].sha256 != versions[1].sha256
        dates = [_rows(_bytes(v))[1][3] for v in versions]
        assert dates == ["2026-09-30", "2026-10-31"]

    def test_geojson_and_json_resources(self):
        geo = Resource.objects.get(dataset__slug="demo-aed", format="GEOJSON")
        collection = json.loads(_bytes(geo.current_version))
        assert collection["type"] == "FeatureCollection"
        aed_rows = _rows(_bytes(_csv_resources("demo-aed")[0].current_version))
        assert len(collection["features"]) == len(aed_rows) - 1
        lon, lat = collection["features"][0]["geometry"]["coordinates"]
        assert abs(lat - city.CENTRE_LAT) < 0.1 and abs(lon - city.CENTRE_LON) < 0.1
        listing = Resource.objects.get(dataset__slug="demo-open-data-catalog", format="JSON")
        payload = json.loads(_bytes(listing.current_version))
        assert payload["全国地方公共団体コード"] == city.LGCODE
        assert len(payload["データ"]) == payload["件数"] >= 20
        links = Resource.objects.filter(
            dataset__organisation__slug="demo-city", current_version__stored_file=None
        )
        assert {r.format for r in links} == {"PDF", "XLSX"}

    def test_private_and_draft_datasets_are_hidden_from_visitors(self):
        resident = Actor()
        private = Dataset.objects.get(slug="demo-repair-plan-private")
        draft = Dataset.objects.get(slug="demo-bicycle-parking-draft")
        assert private.private and private.state == Dataset.State.PUBLISHED
        assert "非公開" in private.title and "下書き" in draft.title
        assert draft.state == Dataset.State.DRAFT
        for slug in (private.slug, draft.slug):
            with pytest.raises(NotFound):
                selectors.dataset_for(resident, slug)
        found = selectors.search_datasets(resident, SearchParams(q="修繕計画", page_size=100))
        assert private.slug not in {d.slug for d in found.datasets}
        everything = selectors.search_datasets(resident, SearchParams(page_size=100))
        slugs = {d.slug for d in everything.datasets}
        assert private.slug not in slugs and draft.slug not in slugs
        admin = Actor(user=get_user_model().objects.get(username=ADMIN_USERNAME))
        assert selectors.dataset_for(admin, private.slug) == private

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("公園", {"demo-parks", "demo-public-toilets", "demo-evacuation-sites"}),
            ("AED", {"demo-aed"}),
        ],
    )
    def test_search_finds_demo_datasets(self, query, expected):
        result = selectors.search_datasets(Actor(), SearchParams(q=query, page_size=100))
        assert expected <= {d.slug for d in result.datasets}

    def test_debug_accounts_are_organisation_staff_not_site_admins(self):
        org = Organisation.objects.get(slug="demo-city")
        users = get_user_model().objects
        admin, editor = users.get(username=ADMIN_USERNAME), users.get(username=EDITOR_USERNAME)
        assert admin.check_password(DEMO_PASSWORD) and editor.check_password(DEMO_PASSWORD)
        assert not admin.is_superuser and not editor.is_superuser
        assert Membership.objects.get(user=admin, organisation=org).role == Role.ADMIN
        assert Membership.objects.get(user=editor, organisation=org).role == Role.EDITOR

    def test_loader_account_cannot_log_in_and_signs_the_audit_log(self):
        loader = get_user_model().objects.get(username=LOADER_USERNAME)
        assert not loader.is_active and not loader.has_usable_password()
        actions = set(AuditEntry.objects.filter(actor=loader).values_list("action", flat=True))
        assert {
            "organisation.create",
            "department.create",
            "membership.set",
            "dataset.create",
            "resource.create",
            "resource.new_version",
            "dataset.publish",
        } <= actions


def test_lgcode_is_not_in_the_national_code_list():
    if not LGCODES_CSV.exists():
        pytest.skip(f"{LGCODES_CSV} is absent: cannot compare with the national code list")
    with LGCODES_CSV.open(encoding="utf-8") as handle:
        codes = {row["lgcode"] for row in csv.DictReader(handle)}
    assert len(codes) > 1000
    assert city.LGCODE not in codes


def test_copied_headers_match_the_research_notes():
    folder = SHARED / "datasets"
    if not folder.exists():
        pytest.skip(f"{folder} is absent: cannot compare the copied headers")
    for standard, columns in COLUMNS.items():
        definition = json.loads((folder / f"{standard}.json").read_text(encoding="utf-8"))
        assert [f["name"] for f in definition["fields"]] == list(columns), standard


def test_loading_twice_changes_nothing(debug_on):
    first = load_demo()
    assert not first.already_loaded

    def counts():
        return [
            model.objects.count()
            for model in (
                Organisation,
                Department,
                Dataset,
                Resource,
                ResourceVersion,
                StoredFile,
                get_user_model(),
                Membership,
                AuditEntry,
            )
        ]

    before = counts()
    second = load_demo()
    assert second.already_loaded
    assert second.datasets_created == [] and len(second.datasets_existing) == len(DATASETS)
    assert counts() == before


def test_files_are_deterministic():
    ctx = DemoContext()
    for spec in DATASETS:
        for res in spec.resources:
            if isinstance(res, FileResource):
                for version in res.versions:
                    assert version.build(ctx) == version.build(ctx), version.filename


def test_without_debug_no_known_password_account_is_created(settings):
    settings.DEBUG = False
    report = load_demo()
    assert report.accounts_refused and report.accounts_created == []
    assert report.published >= 20
    users = get_user_model().objects.all()
    assert not users.filter(username__in=[ADMIN_USERNAME, EDITOR_USERNAME]).exists()
    assert not any(user.check_password(DEMO_PASSWORD) for user in users)
    assert not any(user.is_active and user.has_usable_password() for user in users)


def test_command_prints_counts_and_login_hint_twice(debug_on):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "139904" in text and "23" in text
    assert "http://127.0.0.1:8000/staff/login/" in text
    assert f"{ADMIN_USERNAME}" in text and DEMO_PASSWORD in text
    assert "2段階認証は不要" in text
    again = io.StringIO()
    call_command("load_demo", stdout=again)
    text = again.getvalue()
    assert "already loaded" in text
    assert "http://127.0.0.1:8000/staff/login/" in text and DEMO_PASSWORD in text


def test_command_without_debug_points_to_createsuperuser(settings):
    settings.DEBUG = False
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "createsuperuser" in text and DEMO_PASSWORD not in text
    slugs = set(Dataset.objects.filter(organisation__slug="demo-city").values_list("slug",
                                                                                 flat=True))
    # The catalog's demo datasets, plus the two the garbage calendar publishes from its data.
    assert slugs == {d.slug for d in DATASETS} | {"gomi-schedule-139904", "gomi-sorting-139904"}
