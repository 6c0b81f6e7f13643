"""CKAN Action API writes: tokens only, same services, validation in CKAN's shape."""

import io

import pytest

from catalog.models import Dataset, Resource
from core.models import AuditEntry, Organisation
from core.services import tokens
from tests.fixtures import actor


@pytest.fixture
def token(editor):
    return tokens.create_api_token(actor=actor(editor), name="api")[1]


@pytest.fixture
def admin_token(site_admin):
    return tokens.create_api_token(actor=actor(site_admin), name="api")[1]


def post(client, action, auth=None, **data):
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    response = client.post(f"/api/3/action/{action}", data, content_type="application/json",
                           **headers)
    return response.status_code, response.json()


PACKAGE = {
    "name": "aed-list",
    "title": "AED設置箇所一覧",
    "notes": "市内の **AED** の設置場所です。",
    "owner_org": "demo-city",
    "license_id": "cc-by-4.0",
    "tags": [{"name": "AED"}, {"name": "救命"}],
    "groups": [{"name": "health"}],
    "extras": [{"key": "title_en", "value": "AED locations"},
               {"key": "standard_dataset", "value": "aed"},
               {"key": "update_frequency", "value": "monthly"}],
    "resources": [{"name": "一覧(外部)", "url": "https://example.jp/aed.csv", "format": "CSV"}],
}


@pytest.mark.django_db
def test_package_create_makes_an_active_dataset_with_resources(client, org, token):
    status, body = post(client, "package_create", token, **PACKAGE)
    assert status == 200, body
    result = body["result"]
    assert result["state"] == "active" and result["name"] == "aed-list"
    dataset = Dataset.objects.get(slug="aed-list")
    assert dataset.standard_id == "aed" and dataset.title_en == "AED locations"
    assert dataset.update_frequency == "monthly"
    assert dataset.resources.get().current_version.url == "https://example.jp/aed.csv"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"dataset.create", "resource.create", "dataset.publish"} <= actions
    assert AuditEntry.objects.filter(action="dataset.create").get().token_prefix == token[:12]


@pytest.mark.django_db
def test_writes_need_a_token_not_a_session(client, org, editor, settings):
    settings.REQUIRE_2FA = False
    client.force_login(editor)
    status, body = post(client, "package_create", **PACKAGE)
    assert status == 403 and body["error"]["__type"] == "Authorization Error"
    assert client.get("/api/3/action/package_create").status_code in (400, 403)
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_validation_errors_are_409_with_field_messages(client, org, token):
    status, body = post(client, "package_create", token, **{**PACKAGE, "name": "Bad Name!"})
    assert status == 409
    assert body["error"]["__type"] == "Validation Error"
    assert "slug" in body["error"]
    status, body = post(client, "package_create", token, **{**PACKAGE, "owner_org": "nowhere"})
    assert status == 404


@pytest.mark.django_db
def test_outsiders_get_authorization_errors(client, org, token, outsider):
    post(client, "package_create", token, **PACKAGE)
    other = tokens.create_api_token(actor=actor(outsider), name="x")[1]
    status, body = post(client, "package_patch", other, id="aed-list", title="乗っ取り")
    assert status == 403 and body["error"]["__type"] == "Authorization Error"
    status, _ = post(client, "package_create", other, **{**PACKAGE, "name": "x-1"})
    assert status == 403


@pytest.mark.django_db
def test_patch_changes_only_given_fields_update_replaces(client, org, token):
    post(client, "package_create", token, **PACKAGE)
    status, body = post(client, "package_patch", token, id="aed-list", title="AED一覧（改訂）")
    assert status == 200
    assert body["result"]["title"] == "AED一覧（改訂）"
    assert body["result"]["license_id"] == "cc-by-4.0"
    assert len(body["result"]["resources"]) == 1
    status, body = post(client, "package_update", token, id="aed-list", name="aed-list",
                        title="AED", license_id="cc0-1.0", resources=[])
    assert status == 200
    result = body["result"]
    assert result["license_id"] == "cc0-1.0" and result["tags"] == [] and result["resources"] == []
    assert result["notes"] == ""


@pytest.mark.django_db
def test_resource_create_with_upload_update_patch_and_delete(client, org, token):
    post(client, "package_create", token, **{**PACKAGE, "resources": []})
    csv = io.BytesIO("名称,緯度,経度\n市役所,35.0,139.0\n".encode("cp932"))
    csv.name = "aed.csv"
    response = client.post("/api/3/action/resource_create",
                           {"package_id": "aed-list", "name": "AED一覧", "upload": csv},
                           HTTP_AUTHORIZATION=token)
    assert response.status_code == 200, response.content
    created = response.json()["result"]
    assert created["url_type"] == "upload" and created["format"] == "CSV"
    assert created["size"] == len("名称,緯度,経度\n市役所,35.0,139.0\n".encode("cp932"))
    second = io.BytesIO(b"a,b\n1,2\n")
    second.name = "aed-2.csv"
    response = client.post("/api/3/action/resource_patch", {"id": created["id"], "upload": second},
                           HTTP_AUTHORIZATION=token)
    assert response.json()["result"]["version_number"] == 2
    status, body = post(client, "resource_update", token, id=created["id"], name="AED",
                        description="更新")
    assert body["result"]["name"] == "AED" and body["result"]["version_number"] == 2
    status, body = post(client, "resource_delete", token, id=created["id"])
    assert status == 200 and body["result"] is None
    assert Resource.objects.get(uuid=created["id"]).deleted


@pytest.mark.django_db
def test_package_delete(client, org, token):
    post(client, "package_create", token, **PACKAGE)
    status, _ = post(client, "package_delete", token, id="aed-list")
    assert status == 200
    assert Dataset.objects.get(slug="aed-list").state == Dataset.State.DELETED
    assert post(client, "package_show", id="aed-list")[0] == 404


@pytest.mark.django_db
def test_organizations_by_site_admin_only(client, token, admin_token):
    data = {"name": "yaizu", "title": "焼津市", "lgcode": "222127", "name_en": "Yaizu City",
            "id": "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"}
    assert post(client, "organization_create", token, **data)[0] == 403
    status, body = post(client, "organization_create", admin_token, **data)
    assert status == 200, body
    assert body["result"]["id"] == data["id"]
    assert Organisation.objects.get(slug="yaizu").lgcode == "222127"
    status, body = post(client, "organization_update", admin_token, id="yaizu",
                        description="静岡県焼津市")
    assert body["result"]["description"] == "静岡県焼津市"
    bad = post(client, "organization_create", admin_token, name="bad", title="x", lgcode="222128")
    assert bad[0] == 409 and "lgcode" in bad[1]["error"]


@pytest.mark.django_db
def test_api_tokens_can_be_created_and_revoked_through_the_api(client, editor, token):
    status, body = post(client, "api_token_create", token, user="editor", name="second")
    assert status == 200
    new = body["result"]["token"]
    assert tokens.authenticate_token(new).user == editor
    assert post(client, "api_token_revoke", token, token=new)[0] == 200
    assert tokens.authenticate_token(new) is None
