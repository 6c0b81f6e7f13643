"""The gate: a blocked version never reaches an anonymous user, whatever the path.

``blocked_dataset``: a published dataset whose resource got a v2 holding 個人番号 (v1 was
clean), both ingested: the public keeps v1. ``withheld_only``: a published dataset with a
resource whose only version holds 個人番号: the public gets nothing of it.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from privacy.tests.test_guard_support import absent, make_blocked_dataset, make_withheld_only


@pytest.fixture
def blocked_dataset(org, editor):
    """A published dataset whose v2 holds 個人番号 (v1 was clean)."""
    return make_blocked_dataset(org, editor)


@pytest.fixture
def withheld_only(org, editor):
    """A published dataset with a resource whose only version holds 個人番号."""
    return make_withheld_only(org, editor)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _table(dataset, resource, tail: str = "") -> str:
    return f"/dataset/{dataset.slug}/resource/{resource.pk}/table/{tail}"


# Downloads of files -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_current_download_serves_the_last_version_that_passed(client, blocked_dataset):
    dataset, resource = blocked_dataset
    response = client.get(f"/dataset/{dataset.slug}/resource/{resource.pk}/download/")
    body = _body(response)
    assert response.status_code == 200 and "公園0".encode() in body and absent(body)


@pytest.mark.django_db
def test_the_download_by_file_name_serves_the_last_version_that_passed(client, blocked_dataset):
    dataset, resource = blocked_dataset
    response = client.get(
        f"/dataset/{dataset.slug}/resource/{resource.pk}/download/facilities.csv")
    assert response.status_code == 200 and absent(_body(response))


@pytest.mark.django_db
def test_the_blocked_versions_own_url_is_not_found(client, blocked_dataset):
    dataset, resource = blocked_dataset
    response = client.get(f"/dataset/{dataset.slug}/resource/{resource.pk}/v/2/download/")
    assert response.status_code == 404 and absent(_body(response))


@pytest.mark.django_db
def test_a_resource_with_nothing_that_passed_has_no_download(client, withheld_only):
    dataset, resource = withheld_only
    response = client.get(f"/dataset/{dataset.slug}/resource/{resource.pk}/download/")
    assert response.status_code == 404 and absent(_body(response))


@pytest.mark.django_db
def test_the_dataset_page_does_not_link_the_blocked_version(client, blocked_dataset):
    dataset, resource = blocked_dataset
    body = client.get(f"/dataset/{dataset.slug}/").content.decode()
    assert f"/resource/{resource.pk}/v/2/download/" not in body and absent(body)


# Table pages, exports and the map ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("tail", ["", "report/", "data.geojson", "status.json"])
def test_table_pages_show_the_version_that_passed(client, blocked_dataset, tail):
    dataset, resource = blocked_dataset
    response = client.get(_table(dataset, resource, tail))
    assert response.status_code == 200 and absent(_body(response))


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "csv-excel", "tsv", "json"])
def test_text_exports_hold_no_blocked_value(client, blocked_dataset, fmt):
    dataset, resource = blocked_dataset
    response = client.get(_table(dataset, resource, f"download/{fmt}/"))
    body = _body(response)
    assert response.status_code == 200 and "公園0".encode() in body and absent(body)


@pytest.mark.django_db
def test_the_xlsx_export_holds_no_blocked_value(client, blocked_dataset):
    dataset, resource = blocked_dataset
    response = client.get(_table(dataset, resource, "download/xlsx/"))
    book = openpyxl.load_workbook(io.BytesIO(_body(response)), read_only=True)
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row]
    assert "公園0" in cells and absent("\n".join(cells))


@pytest.mark.django_db
def test_the_table_page_of_a_withheld_resource_shows_no_row(client, withheld_only):
    dataset, resource = withheld_only
    body = client.get(_table(dataset, resource)).content.decode()
    assert "施設0" not in body and absent(body)


@pytest.mark.django_db
@pytest.mark.parametrize("tail", ["report/", "data.geojson", "download/csv/"])
def test_a_resource_with_nothing_that_passed_has_no_table(client, withheld_only, tail):
    dataset, resource = withheld_only
    response = client.get(_table(dataset, resource, tail))
    assert response.status_code == 404 and absent(_body(response))


# DataStore (CKAN) and /api/v1 --------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["datastore_search", "datastore_info"])
def test_ckan_datastore_reads_the_version_that_passed(client, blocked_dataset, action):
    _dataset, resource = blocked_dataset
    response = client.get(f"/api/3/action/{action}", {"resource_id": str(resource.uuid)})
    assert response.json()["success"] is True and absent(response.content)


@pytest.mark.django_db
def test_ckan_datastore_search_sql_reads_the_version_that_passed(client, blocked_dataset):
    _dataset, resource = blocked_dataset
    response = client.get("/api/3/action/datastore_search_sql",
                          {"sql": f'SELECT * FROM "{resource.uuid}"'})
    assert response.json()["success"] is True and absent(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["datastore_search", "datastore_info"])
def test_ckan_datastore_has_no_table_when_nothing_passed(client, withheld_only, action):
    _dataset, resource = withheld_only
    response = client.get(f"/api/3/action/{action}", {"resource_id": str(resource.uuid)})
    assert response.json()["success"] is False and absent(response.content)


@pytest.mark.django_db
def test_sql_cannot_reach_a_blocked_table(client, withheld_only):
    _dataset, resource = withheld_only
    response = client.get("/api/3/action/datastore_search_sql",
                          {"sql": f'SELECT * FROM "{resource.uuid}"'})
    assert response.json()["success"] is False and absent(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("tail", ["rows", "table"])
def test_api_v1_table_reads_have_no_blocked_table(client, withheld_only, tail):
    _dataset, resource = withheld_only
    response = client.get(f"/api/v1/resources/{resource.uuid}/{tail}")
    assert response.status_code == 404 and absent(response.content)


@pytest.mark.django_db
def test_api_v1_rows_read_the_version_that_passed(client, blocked_dataset):
    _dataset, resource = blocked_dataset
    response = client.get(f"/api/v1/resources/{resource.uuid}/rows")
    assert response.status_code == 200 and absent(response.content)


@pytest.mark.django_db
def test_api_v1_sql_cannot_reach_a_blocked_table(client, withheld_only):
    _dataset, resource = withheld_only
    response = client.post("/api/v1/sql", json.dumps({"sql": f'SELECT * FROM "{resource.uuid}"'}),
                           content_type="application/json")
    assert response.status_code >= 400 and absent(response.content)


# Metadata: CKAN dicts, /api/v1 datasets, DCAT (what harvesters read) ----------------------


def _ckan_resource(client, action: str, resource, **params) -> dict:
    result = client.get(f"/api/3/action/{action}", params).json()["result"]
    if action == "resource_show":
        return result
    packages = result["results"] if action == "package_search" else [result]
    return next(r for p in packages for r in p["resources"] if r["id"] == str(resource.uuid))


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["package_show", "resource_show", "package_search"])
def test_ckan_dicts_give_no_url_for_a_withheld_resource(client, withheld_only, action):
    dataset, resource = withheld_only
    params = {"id": str(resource.uuid)} if action == "resource_show" else {"id": dataset.slug}
    found = _ckan_resource(client, action, resource, **params)
    assert found["url"] == "" and found["withheld"] is True and found["version_number"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["package_show", "resource_show", "package_search"])
def test_ckan_dicts_describe_the_version_that_passed(client, blocked_dataset, action):
    dataset, resource = blocked_dataset
    params = {"id": str(resource.uuid)} if action == "resource_show" else {"id": dataset.slug}
    assert _ckan_resource(client, action, resource, **params)["version_number"] == 1


@pytest.mark.django_db
def test_api_v1_dataset_lists_no_blocked_version(client, blocked_dataset):
    dataset, resource = blocked_dataset
    body = client.get(f"/api/v1/datasets/{dataset.slug}").json()
    found = next(r for r in body["resources"] if r["id"] == str(resource.uuid))
    assert found["version"] == 1 and [v["number"] for v in found["versions"]] == [1]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/catalog.ttl", "/dataset/people.ttl"])
@pytest.mark.usefixtures("withheld_only")
def test_dcat_gives_no_download_url_for_a_withheld_resource(client, path):
    body = client.get(path).content.decode()
    assert "people.csv" not in body and "list.csv" in body


# Staff ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_of_the_organisation_still_get_the_blocked_version(client, blocked_dataset,
                                                                 viewer):
    dataset, resource = blocked_dataset
    client.force_login(viewer)
    response = client.get(f"/dataset/{dataset.slug}/resource/{resource.pk}/v/2/download/")
    assert response.status_code == 200 and not absent(_body(response))


@pytest.mark.django_db
def test_staff_see_a_banner_on_the_dataset_page(client, blocked_dataset, viewer):
    dataset, _resource = blocked_dataset
    client.force_login(viewer)
    body = client.get(f"/dataset/{dataset.slug}/").content.decode()
    assert "個人情報の検査で公開を保留しています" in body
