"""Write operations of /api/v1/: a token is required, services decide, errors share one shape."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import Dataset
from catalog.tests.api.conftest import bearer, token_for
from core.models import AuditEntry


def post_json(client, path, body, auth=None, method="post"):
    send = getattr(client, method)
    return send(path, json.dumps(body), content_type="application/json", **(auth or {}))


@pytest.fixture
def auth(editor):
    return bearer(token_for(editor))


@pytest.mark.django_db
def test_an_editor_creates_updates_publishes_unpublishes_and_deletes_a_dataset(client, org,
                                                                               auth):
    created = post_json(client, "/api/v1/datasets", {
        "organization": "demo-city", "slug": "toilets", "title": "公衆トイレ一覧",
        "tags": ["トイレ"], "categories": ["facilities"], "update_frequency": "annual",
    }, auth)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "draft" and body["tags"] == ["トイレ"]
    assert body["licence"] == "cc-by-4.0"
    assert client.get("/api/v1/datasets/toilets").status_code == 404  # a draft

    patched = post_json(client, "/api/v1/datasets/toilets",
                        {"title_en": "Public toilets", "spatial": None}, auth, method="patch")
    assert patched.status_code == 200, patched.content
    assert patched.json()["title_en"] == "Public toilets"
    assert patched.json()["title"] == "公衆トイレ一覧"  # untouched fields stay
    assert patched.json()["update_frequency"] == "annual"

    published = client.post("/api/v1/datasets/toilets/publish", **auth)
    assert published.status_code == 200 and published.json()["state"] == "published"
    assert client.get("/api/v1/datasets/toilets").status_code == 200
    unpublished = client.post("/api/v1/datasets/toilets/unpublish", **auth)
    assert unpublished.json()["state"] == "draft"

    deleted = client.delete("/api/v1/datasets/toilets", **auth)
    assert deleted.status_code == 204 and deleted.content == b""
    assert Dataset.objects.get(slug="toilets").state == Dataset.State.DELETED
    assert client.delete("/api/v1/datasets/toilets", **auth).status_code == 404
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    for action in ("dataset.create", "dataset.update", "dataset.publish", "dataset.unpublish",
                   "dataset.delete"):
        assert action in actions
    assert AuditEntry.objects.filter(action="dataset.create").get().token_prefix


@pytest.mark.django_db
def test_a_session_cookie_is_never_enough_to_write(client, org, editor):
    client.force_login(editor)
    response = post_json(client, "/api/v1/datasets",
                         {"organization": "demo-city", "slug": "x1", "title": "x"})
    assert response.status_code == 401
    body = response.json()
    assert body["error"] == "unauthorized" and "Authorization" in body["message"]
    assert not Dataset.objects.filter(slug="x1").exists()
    bad = post_json(client, "/api/v1/datasets",
                    {"organization": "demo-city", "slug": "x1", "title": "x"},
                    {"HTTP_AUTHORIZATION": "Bearer kmn_revoked"})
    assert bad.status_code == 401 and "invalid" in bad.json()["message"]


@pytest.mark.django_db
def test_roles_decide_403_and_hidden_datasets_are_404(client, make_dataset, viewer, outsider):
    make_dataset(slug="parks", title="公園")
    make_dataset(slug="secret", title="非公開", private=True)
    viewer_auth = bearer(token_for(viewer))
    response = client.post("/api/v1/datasets/parks/unpublish", **viewer_auth)
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    assert "権限" in response.json()["message"]
    outsider_auth = bearer(token_for(outsider))
    assert client.post("/api/v1/datasets/parks/unpublish", **outsider_auth).status_code == 403
    assert client.post("/api/v1/datasets/secret/unpublish", **outsider_auth).status_code == 404
    created = post_json(client, "/api/v1/datasets",
                        {"organization": "demo-city", "slug": "mine", "title": "x"},
                        outsider_auth)
    assert created.status_code == 403


@pytest.mark.django_db
def test_validation_errors_are_409_with_messages_per_field(client, org, auth, make_dataset):
    make_dataset(slug="taken", title="既存")
    response = post_json(client, "/api/v1/datasets", {
        "organization": "demo-city", "slug": "taken", "title": "x", "licence": "nope",
    }, auth)
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "invalid" and {"slug", "licence"} <= set(body["fields"])
    assert body["message"] == "入力内容を確認してください / Check the information you entered"
    missing = post_json(client, "/api/v1/datasets", {"slug": "abc"}, auth)
    assert missing.status_code == 409 and {"organization", "title"} <= set(missing.json()["fields"])
    unknown_org = post_json(client, "/api/v1/datasets",
                            {"organization": "nowhere", "slug": "abc", "title": "x"}, auth)
    assert unknown_org.status_code == 409 and "organization" in unknown_org.json()["fields"]
    null_title = post_json(client, "/api/v1/datasets/taken", {"title": None}, auth,
                           method="patch")
    assert null_title.status_code == 409 and "title" in null_title.json()["fields"]
    nul = post_json(client, "/api/v1/datasets/taken", {"title": "a\x00b"}, auth, method="patch")
    assert nul.status_code == 409
    broken = client.post("/api/v1/datasets", "{not json", content_type="application/json",
                         **auth)
    assert broken.status_code == 400 and broken.json()["error"] == "bad_request"


@pytest.mark.django_db
def test_resources_are_added_by_url_or_upload_and_get_new_versions(client, make_dataset, auth):
    make_dataset(slug="parks", title="公園", resource=False)
    link = post_json(client, "/api/v1/datasets/parks/resources",
                     {"url": "https://example.jp/parks.geojson", "name": "地図"}, auth)
    assert link.status_code == 201, link.content
    assert link.json()["format"] == "GEOJSON" and link.json()["version"] == 1
    assert link.json()["url"] == "https://example.jp/parks.geojson"

    csv = SimpleUploadedFile("parks.csv", "名称\n中央公園\n".encode(), "text/csv")
    uploaded = client.post("/api/v1/datasets/parks/resources/upload",
                           {"file": csv, "name": "一覧", "name_en": "List"}, **auth)
    assert uploaded.status_code == 201, uploaded.content
    resource = uploaded.json()
    assert resource["format"] == "CSV" and resource["name_en"] == "List"
    assert resource["url"].endswith("/download/parks.csv")
    assert resource["versions"][0]["is_upload"] is True

    newer = SimpleUploadedFile("parks.csv", "名称\n中央公園\n西公園\n".encode(), "text/csv")
    version = client.post(f"/api/v1/datasets/parks/resources/{resource['id']}/versions",
                          {"file": newer}, **auth)
    assert version.status_code == 201, version.content
    assert [v["number"] for v in version.json()["versions"]] == [2, 1]
    by_url = client.post(f"/api/v1/datasets/parks/resources/{resource['id']}/versions",
                         {"url": "https://example.jp/parks.csv"}, **auth)
    assert by_url.status_code == 201 and by_url.json()["version"] == 3
    empty = client.post(f"/api/v1/datasets/parks/resources/{resource['id']}/versions", {},
                        **auth)
    assert empty.status_code == 409 and "file" in empty.json()["fields"]
    unknown = client.post("/api/v1/datasets/parks/resources/"
                          "00000000-0000-0000-0000-000000000000/versions",
                          {"url": "https://example.jp/x.csv"}, **auth)
    assert unknown.status_code == 404
    detail = client.get("/api/v1/datasets/parks").json()
    assert [r["format"] for r in detail["resources"]] == ["GEOJSON", "CSV"]


@pytest.mark.django_db
def test_an_upload_whose_content_contradicts_its_format_is_409(client, make_dataset, auth):
    make_dataset(slug="parks", title="公園", resource=False)
    fake = SimpleUploadedFile("report.pdf", b"just text, not a PDF", "application/pdf")
    response = client.post("/api/v1/datasets/parks/resources/upload", {"file": fake}, **auth)
    assert response.status_code == 409 and "file" in response.json()["fields"]
    link = post_json(client, "/api/v1/datasets/parks/resources", {"url": "ftp://x/y.csv"}, auth)
    assert link.status_code == 409 and "url" in link.json()["fields"]


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_413(client, make_dataset, auth, settings):
    make_dataset(slug="parks", title="公園", resource=False)
    settings.MAX_UPLOAD_BYTES = 10
    big = SimpleUploadedFile("big.csv", b"a,b\n" * 100, "text/csv")
    response = client.post("/api/v1/datasets/parks/resources/upload", {"file": big}, **auth)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert "The file is too large" in response.json()["message"]
