"""Public pages and staff screens through the real HTTP stack."""

import re

import pytest

from catalog.models import Dataset
from catalog.services import DatasetData, update_dataset
from catalog.tests.conftest import upload
from tests.fixtures import actor


@pytest.fixture
def staff_client(client, editor, settings):
    settings.REQUIRE_2FA = False
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_home_shows_counts_newest_and_categories(client, make_dataset):
    make_dataset(title="市内の公園一覧", categories=["facilities"])
    body = client.get("/").content.decode()
    assert "市内の公園一覧" in body
    assert "公共施設" in body
    assert 'name="q"' in body


@pytest.mark.django_db
def test_search_page_lists_results_with_facets(client, make_dataset):
    make_dataset(title="市内の公園一覧", tags=["公園"])
    response = client.get("/dataset/", {"q": "こうえん 一覧".replace("こうえん", "公園")})
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 件のデータセット" in body
    assert "?q=" in body and "tag=" in body  # facet links work without JavaScript


@pytest.mark.django_db
def test_dataset_page_shows_metadata_versions_licence_and_citation(client, make_dataset, editor):
    from catalog.services import replace_resource_file

    dataset = make_dataset(title="市内の公園一覧")
    resource = dataset.resources.get()
    replace_resource_file(actor=actor(editor), resource=resource,
                          upload=upload(b"a,b\n1,2\n", "parks-v2.csv"))
    body = client.get(f"/dataset/{dataset.slug}/").content.decode()
    assert "市内の公園一覧" in body
    assert "版の履歴" in body
    assert f"/resource/{resource.pk}/v/1/download/" in body
    assert "クリエイティブ・コモンズ 表示 4.0" in body
    assert "引用するとき" in body
    old = client.get(f"/dataset/{dataset.slug}/resource/{resource.pk}/v/1/download/")
    assert b"".join(old.streaming_content) == "名称,所在地\n中央公園,中央町1\n".encode("cp932")
    current = client.get(f"/dataset/{dataset.slug}/resource/{resource.pk}/download/")
    assert b"".join(current.streaming_content) == b"a,b\n1,2\n"
    assert "sandbox" in current["Content-Security-Policy"]
    assert current["X-Content-Type-Options"] == "nosniff"


XSS_PAYLOADS = [
    "[click](javascript:alert(document.cookie))",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[a](JaVaScRiPt:alert(1))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.django_db
def test_markdown_xss_payloads_render_inert(client, make_dataset, editor):
    dataset = make_dataset()
    data = DatasetData.from_dataset(dataset)
    data.description = "\n\n".join(XSS_PAYLOADS)
    update_dataset(actor=actor(editor), dataset=dataset, data=data)
    body = client.get(f"/dataset/{dataset.slug}/").content.decode()
    description = body.split('class="description">')[1].split("</div>")[0]
    tags = _parse_tags(description)
    assert tags, "the payloads must still be shown as text"
    for tag, attrs in tags:
        assert tag in {"p", "a", "code", "pre", "strong", "em"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value.split(":")[0].lower() in {"http", "https", "mailto"}, value


def _parse_tags(html: str) -> list:
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


@pytest.mark.django_db
def test_private_dataset_is_hidden_from_other_organisations_on_every_page(
    client, make_dataset, outsider, editor, settings
):
    settings.REQUIRE_2FA = False
    dataset = make_dataset(slug="secret-plan", title="非公開の計画", private=True)
    resource = dataset.resources.get()
    urls = [
        f"/dataset/{dataset.slug}/",
        f"/dataset/{dataset.slug}/resource/{resource.pk}/download/",
        f"/dataset/{dataset.slug}/resource/{resource.pk}/v/1/download/",
        f"/staff/datasets/{dataset.slug}/",
    ]
    for who in (None, outsider):
        client.logout()
        if who:
            client.force_login(who)
        for url in urls:
            status = client.get(url).status_code
            assert status in (404, 302), (who, url, status)
            if who:
                assert status == 404, (url, status)
        for listing in ("/", "/dataset/?q=計画", "/organization/demo-city/"):
            assert "非公開の計画" not in client.get(listing).content.decode()
    client.force_login(editor)
    assert client.get(f"/dataset/{dataset.slug}/").status_code == 200
    assert "非公開の計画" in client.get("/dataset/?q=計画").content.decode()


@pytest.mark.django_db
def test_ids_in_urls_are_validated(client, make_dataset):
    dataset = make_dataset()
    for url in [
        f"/dataset/{dataset.slug}/resource/abc/download/",
        f"/dataset/{dataset.slug}/resource/99999999999999999999999/download/",
        f"/dataset/{dataset.slug}/resource/-1/download/",
        "/dataset/..%2F..%2Fetc%2Fpasswd/",
        "/dataset/%E5%85%AC%E5%9C%92/",
        "/organization/'%20OR%201=1/",
    ]:
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_deleted_dataset_answers_404(client, make_dataset, editor):
    from catalog.services import delete_dataset

    dataset = make_dataset()
    delete_dataset(actor=actor(editor), dataset=dataset)
    assert client.get(f"/dataset/{dataset.slug}/").status_code == 404


@pytest.mark.django_db
def test_every_page_sends_a_strict_csp_and_loads_nothing_from_elsewhere(client, make_dataset):
    dataset = make_dataset()
    for url in ["/", "/dataset/?q=公園", f"/dataset/{dataset.slug}/", "/organization/",
                "/organization/demo-city/", "/staff/login/", "/no-such-page/"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        body = response.content.decode()
        assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', body)
        assert assets, url
        assert all(a.startswith("/") and not a.startswith("//") for a in assets), (url, assets)
        assert "<script>" not in body and " style=" not in body, url


@pytest.mark.django_db
def test_request_bodies_over_the_limit_get_413(staff_client, make_dataset, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    dataset = make_dataset()
    response = staff_client.post(
        f"/staff/datasets/{dataset.slug}/resources/new/",
        {"file": upload(b"a,b\n" * 1_000_000, "huge.csv")},
    )
    assert response.status_code == 413
    assert dataset.resources.count() == 1


@pytest.mark.django_db
def test_staff_create_form_shows_errors_in_japanese_and_keeps_input(staff_client):
    response = staff_client.post("/staff/datasets/new/", {"title": "公園一覧", "slug": "Not OK!",
                                                          "licence": "cc-by-4.0",
                                                          "update_frequency": "annual"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "入力内容に問題があります" in body
    assert "半角英小文字" in body
    assert 'value="公園一覧"' in body


@pytest.mark.django_db
def test_staff_create_upload_publish_flow(staff_client, org):
    response = staff_client.post("/staff/datasets/new/", {
        "title": "AED設置箇所一覧", "slug": "aed", "licence": "pdl-1.0",
        "update_frequency": "monthly", "tags": "AED、救命", "standard": "aed",
    })
    assert response.status_code == 302
    dataset = Dataset.objects.get(slug="aed")
    assert sorted(t.name for t in dataset.tags.all()) == ["AED", "救命"]
    response = staff_client.post("/staff/datasets/aed/resources/new/", {
        "file": upload("名称,緯度,経度\n市役所,35.1,139.2\n".encode("cp932"), "aed.csv"),
    })
    assert response.status_code == 302
    staff_client.post("/staff/datasets/aed/publish/")
    dataset.refresh_from_db()
    assert dataset.state == Dataset.State.PUBLISHED
    assert staff_client.get("/dataset/aed/").status_code == 200
    mismatch = staff_client.post("/staff/datasets/aed/resources/new/", {
        "file": upload(b"%PDF-1.4 fake", "aed.csv"),
    })
    assert mismatch.status_code == 400
    assert "一致しません" in mismatch.content.decode()


@pytest.mark.django_db
def test_staff_actions_need_post_and_csrf(make_dataset, editor, settings):
    from django.test import Client

    settings.REQUIRE_2FA = False
    dataset = make_dataset(publish=False)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    assert csrf_client.get(f"/staff/datasets/{dataset.slug}/publish/").status_code == 405
    assert csrf_client.post(f"/staff/datasets/{dataset.slug}/publish/").status_code == 403
    dataset.refresh_from_db()
    assert dataset.state == Dataset.State.DRAFT


@pytest.mark.django_db
def test_search_page_query_count_does_not_grow_with_results(client, make_dataset,
                                                            django_assert_max_num_queries):
    for i in range(30):
        make_dataset(slug=f"park-{i}", title=f"公園データ{i}", tags=[f"tag{i}"], resource=i < 3)
    with django_assert_max_num_queries(14):
        client.get("/dataset/", {"q": "公園"})
    with django_assert_max_num_queries(8):
        client.get("/")


@pytest.mark.django_db
def test_pages_switch_to_english(client, make_dataset):
    make_dataset(title="市内の公園一覧", title_en="Parks in the city")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Parks in the city" in body


@pytest.mark.django_db(transaction=True)
def test_org_admin_starts_a_score_refresh_job_and_follows_it(client, org_admin, make_dataset,
                                                             settings):
    from django.core.management import call_command

    from core.models import Job

    settings.REQUIRE_2FA = False
    make_dataset(user=org_admin)
    client.force_login(org_admin)
    response = client.post("/staff/organizations/demo-city/refresh-scores/")
    job = Job.objects.get(kind="catalog.refresh_scores")
    assert response["Location"] == f"/staff/jobs/{job.pk}/"
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page = client.get(f"/staff/jobs/{job.pk}/").content.decode()
    assert "完了" in page and "recomputed: 1" in page


@pytest.mark.django_db
def test_editors_cannot_start_org_jobs_or_read_other_orgs_jobs(client, editor, outsider, org,
                                                               settings):
    from core.actor import Actor
    from core.jobs import enqueue_job

    settings.REQUIRE_2FA = False
    client.force_login(editor)
    assert client.post("/staff/organizations/demo-city/refresh-scores/").status_code == 404
    job = enqueue_job(actor=Actor.system(), kind="catalog.refresh_scores", organisation=org)
    assert client.get(f"/staff/jobs/{job.pk}/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"/staff/jobs/{job.pk}/").status_code == 404
