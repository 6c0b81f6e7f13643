"""Staff pages for harvest sources: list, add (validated), run now, last report."""

import re

import pytest

from catalog.harvest.engine import harvest
from catalog.models import HarvestSource
from catalog.tests.harvest.fakes import FakeCkan, package
from core.models import AuditEntry, Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, org_admin, settings):
    settings.REQUIRE_2FA = False
    client.force_login(org_admin)
    return client


def _one_h1_and_title(body: str) -> str:
    assert body.count("<h1") == 1
    return re.search(r"<title>(.*?)</title>", body, re.S).group(1)


def test_an_administrator_adds_a_source(admin_client, org):
    page = admin_client.get("/staff/harvest/new/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'for="id_url"' in body
    assert "収集元の追加" in _one_h1_and_title(body)
    response = admin_client.post("/staff/harvest/new/", {
        "organisation": org.slug, "kind": "ckan", "url": "https://ckan.example.jp",
        "title": "県のカタログ", "schedule": "weekly", "remote_organisation": "",
    })
    source = HarvestSource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/harvest/{source.pk}/"
    assert (source.organisation, source.kind, source.schedule) == (org, "ckan", "weekly")
    assert AuditEntry.objects.filter(action="harvest_source.create").count() == 1


@pytest.mark.parametrize("url", ["ftp://ckan.example.jp/", "file:///etc/passwd",
                                 "https://user:pw@ckan.example.jp/", "not a url"])
def test_a_url_that_is_not_plain_http_is_refused(admin_client, org, url):
    response = admin_client.post("/staff/harvest/new/", {
        "organisation": org.slug, "kind": "ckan", "url": url, "schedule": "daily",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert 'href="#id_url"' in body
    assert _one_h1_and_title(body).startswith("エラー")
    assert not HarvestSource.objects.exists()


def test_only_organisations_the_user_administers_are_offered(admin_client, other_org):
    response = admin_client.post("/staff/harvest/new/", {
        "organisation": other_org.slug, "kind": "dcat", "url": "https://example.jp/c.ttl",
        "schedule": "daily",
    })
    assert response.status_code == 400
    assert other_org.name not in response.content.decode()
    assert not HarvestSource.objects.exists()


def test_an_editor_cannot_manage_sources(client, editor, settings, make_source):
    settings.REQUIRE_2FA = False
    client.force_login(editor)
    source = make_source()
    assert client.get("/staff/harvest/new/").status_code == 404
    assert client.get(f"/staff/harvest/{source.pk}/").status_code == 404
    assert client.post(f"/staff/harvest/{source.pk}/run/").status_code == 404
    assert source.url not in client.get("/staff/harvest/").content.decode()


def test_run_now_creates_a_job(admin_client, make_source, org):
    source = make_source()
    response = admin_client.post(f"/staff/harvest/{source.pk}/run/")
    job = Job.objects.get(kind="catalog.harvest")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/jobs/{job.pk}/"
    assert (job.target, job.organisation) == (str(source.pk), org)
    admin_client.post(f"/staff/harvest/{source.pk}/run/", {"full": "1"})
    assert Job.objects.filter(target=f"{source.pk}:full").exists()


def test_the_list_and_detail_show_the_last_report(admin_client, make_source):
    bad = package("broken", resources=[{"id": "x", "url": "https://exa mple.jp/x.csv"}])
    source = make_source(title="県のカタログ")
    harvest(source, fetch=FakeCkan([package("parks"), bad]).fetch)
    listing = admin_client.get("/staff/harvest/").content.decode()
    assert "県のカタログ" in listing
    assert "作成 1・更新 0・削除 0・エラー 1" in listing
    detail = admin_client.get(f"/staff/harvest/{source.pk}/").content.decode()
    assert "県のカタログ" in _one_h1_and_title(detail)
    assert "parks の一覧" in detail
    assert bad["id"] in detail
    assert "https://ckan.example.jp/dataset/parks" in detail
    assert "<script>" not in detail and "style=" not in detail
