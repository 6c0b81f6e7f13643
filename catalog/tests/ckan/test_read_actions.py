"""CKAN Action API read actions, envelopes and visibility."""

import pytest

from catalog.services import replace_resource_file
from catalog.tests.conftest import upload
from core.services import tokens
from tests.fixtures import actor


def call(client, name, method="get", token=None, **params):
    headers = {"HTTP_AUTHORIZATION": token} if token else {}
    if method == "get":
        response = client.get(f"/api/3/action/{name}", params, **headers)
    else:
        response = client.post(f"/api/3/action/{name}", params, content_type="application/json",
                               **headers)
    return response.status_code, response.json()


@pytest.fixture
def catalog_data(make_dataset, editor):
    parks = make_dataset(slug="parks", title="市内の公園一覧", tags=["公園", "施設"],
                         categories=["facilities"], licence="pdl-1.0", title_en="Parks")
    make_dataset(slug="population", title="人口統計", categories=["population"])
    make_dataset(slug="hidden", title="公園の非公開資料", private=True)
    make_dataset(slug="draft", title="公園の下書き", publish=False)
    resource = parks.resources.get()
    replace_resource_file(actor=actor(editor), resource=resource,
                          upload=upload(b"name\nA\n", "parks.csv"))
    return parks


@pytest.mark.django_db
def test_envelope_and_package_show_by_name_and_id(client, catalog_data):
    status, body = call(client, "package_show", id="parks")
    assert status == 200 and body["success"] is True
    assert body["help"].endswith("/api/3/action/help_show?name=package_show")
    result = body["result"]
    assert result["name"] == "parks" and result["title"] == "市内の公園一覧"
    assert result["license_id"] == "pdl-1.0"
    assert {t["name"] for t in result["tags"]} == {"公園", "施設"}
    assert [g["name"] for g in result["groups"]] == ["facilities"]
    assert result["organization"]["name"] == "demo-city"
    extras = {e["key"]: e["value"] for e in result["extras"]}
    assert extras["title_en"] == "Parks" and extras["stars"] == "3"
    resource = result["resources"][0]
    assert resource["url_type"] == "upload" and resource["version_number"] == 2
    assert resource["hash"].startswith("sha256:")
    same = call(client, "package_show", id=result["id"])[1]["result"]
    assert same["name"] == "parks"
    assert call(client, "package_show", id="parks", method="post")[1]["result"]["id"] == result["id"]


@pytest.mark.django_db
def test_unversioned_path_works_too(client, catalog_data):
    assert client.get("/api/action/package_list").json()["result"] == ["parks", "population"]


@pytest.mark.django_db
def test_errors_use_ckan_types_and_statuses(client, catalog_data):
    status, body = call(client, "package_show", id="nope")
    assert status == 404 and body["success"] is False
    assert body["error"]["__type"] == "Not Found Error"
    status, body = call(client, "no_such_action")
    assert status == 400 and "Action name not known" in body["error"]["message"]
    status, body = call(client, "package_search", rows="many")
    assert status == 409 and body["error"]["__type"] == "Validation Error"
    assert "rows" in body["error"]
    response = client.post("/api/3/action/package_show", "{not json",
                           content_type="application/json")
    assert response.status_code == 400 and "JSON" in response.json()["error"]["message"]
    status, body = call(client, "package_show", id="parks", token="kmn_invalid")
    assert status == 403 and body["error"]["__type"] == "Authorization Error"


@pytest.mark.django_db
def test_private_and_draft_datasets_only_for_members(client, catalog_data, editor, outsider):
    assert call(client, "package_show", id="hidden")[0] == 404
    _t, outsider_token = tokens.create_api_token(actor=actor(outsider), name="t")
    assert call(client, "package_show", id="hidden", token=outsider_token)[0] == 404
    _t, editor_token = tokens.create_api_token(actor=actor(editor), name="t")
    assert call(client, "package_show", id="hidden", token=editor_token)[0] == 200
    found = call(client, "package_search", q="公園", token=outsider_token,
                 include_private="true")[1]["result"]
    assert [r["name"] for r in found["results"]] == ["parks"]
    mine = call(client, "package_search", q="公園", token=editor_token, include_private="true",
                include_drafts="true")[1]["result"]
    assert {r["name"] for r in mine["results"]} == {"parks", "hidden", "draft"}
    default = call(client, "package_search", q="公園", token=editor_token)[1]["result"]
    assert [r["name"] for r in default["results"]] == ["parks"]
    assert "hidden" not in call(client, "package_list")[1]["result"]


@pytest.mark.django_db
def test_package_search_q_fq_facets_sort_and_paging(client, catalog_data, make_dataset):
    for i in range(5):
        make_dataset(slug=f"park-{i}", title=f"公園{i}", tags=["公園"])
    body = call(client, "package_search", q="公園", rows=2, start=0, sort="name asc",
                **{"facet.field": '["tags","organization","res_format","license_id"]'})[1]
    result = body["result"]
    assert result["count"] == 6
    assert [r["name"] for r in result["results"]] == ["park-0", "park-1"]
    assert result["facets"]["tags"]["公園"] == 6
    assert result["facets"]["res_format"] == {"CSV": 6}
    assert result["search_facets"]["organization"]["items"][0]["name"] == "demo-city"
    page2 = call(client, "package_search", q="公園", rows=2, start=2, sort="name asc")[1]
    assert [r["name"] for r in page2["result"]["results"]] == ["park-2", "park-3"]
    assert call(client, "package_search", fq="tags:施設")[1]["result"]["count"] == 1
    assert call(client, "package_search", fq="license_id:pdl-1.0")[1]["result"]["count"] == 1
    assert call(client, "package_search", q="groups:population")[1]["result"]["count"] == 1
    assert call(client, "package_search", fq="-tags:公園")[1]["result"]["count"] == 1
    listed = call(client, "package_search", fq_list='["organization:demo-city","res_format:CSV"]')
    assert listed[1]["result"]["count"] == 7
    by_id = call(client, "package_search", sort="id asc", rows=100)[1]["result"]["results"]
    assert [r["id"] for r in by_id] == sorted(r["id"] for r in by_id)


@pytest.mark.django_db
def test_metadata_modified_ranges(client, catalog_data):
    from catalog.models import Dataset

    Dataset.objects.filter(slug="population").update(modified="2020-01-01T00:00:00Z")
    recent = call(client, "package_search", fq="metadata_modified:[2021-01-01T00:00:00Z TO *]")
    assert [r["name"] for r in recent[1]["result"]["results"]] == ["parks"]
    old = call(client, "package_search", fq="metadata_modified:[* TO 2020-06-01]")
    assert [r["name"] for r in old[1]["result"]["results"]] == ["population"]
    bad = call(client, "package_search", fq="metadata_modified:[yesterday TO *]")
    assert bad[0] == 409


@pytest.mark.django_db
def test_lists_and_shows(client, catalog_data, editor):
    assert call(client, "site_read")[1]["result"] is True
    assert call(client, "status_show")[1]["result"]["ckan_version"].startswith("2.")
    assert call(client, "organization_list")[1]["result"] == ["demo-city"]
    orgs = call(client, "organization_list", all_fields="true")[1]["result"]
    assert orgs[0]["package_count"] == 2 and orgs[0]["lgcode"]
    org = call(client, "organization_show", id="demo-city", include_datasets="true")[1]["result"]
    assert {p["name"] for p in org["packages"]} == {"parks", "population"}
    assert "facilities" in call(client, "group_list")[1]["result"]
    group = call(client, "group_show", id="facilities")[1]["result"]
    assert group["package_count"] == 1
    assert set(call(client, "tag_list")[1]["result"]) == {"公園", "施設"}
    assert call(client, "tag_list", query="公")[1]["result"] == ["公園"]
    licences = {x["id"] for x in call(client, "license_list")[1]["result"]}
    assert {"pdl-1.0", "cc-by-4.0", "cc0-1.0", "gov-std-2.0", "other"} <= licences
    resource_id = call(client, "package_show", id="parks")[1]["result"]["resources"][0]["id"]
    assert call(client, "resource_show", id=resource_id)[1]["result"]["format"] == "CSV"
    cur = call(client, "current_package_list_with_resources", limit=1)[1]["result"]
    assert len(cur) == 1 and cur[0]["resources"]
    _t, token = tokens.create_api_token(actor=actor(editor), name="t")
    mine = call(client, "organization_list_for_user", token=token,
                permission="create_dataset")[1]["result"]
    assert [o["name"] for o in mine] == ["demo-city"]
    assert call(client, "organization_list_for_user", token=token)[1]["result"] == []


@pytest.mark.django_db
def test_package_search_query_count_is_bounded(client, catalog_data, make_dataset,
                                               django_assert_max_num_queries):
    for i in range(20):
        make_dataset(slug=f"bulk-{i}", title=f"公園{i}", tags=[f"t{i}"])
    with django_assert_max_num_queries(12):
        client.get("/api/3/action/package_search", {"q": "公園", "rows": 50})
