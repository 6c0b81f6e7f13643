"""Read operations of /api/v1/: datasets, resources, organisations and reference lists."""

import pytest

from catalog.tests.api.conftest import bearer, token_for


def names(response) -> list[str]:
    return [d["slug"] for d in response.json()["results"]]


@pytest.mark.django_db
def test_the_dataset_list_shows_only_public_datasets_to_anonymous_callers(client, catalogue):
    response = client.get("/api/v1/datasets", {"sort": "name"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["limit"] == 20 and body["offset"] == 0
    assert names(response) == ["parks", "population"]
    parks = body["results"][0]
    assert parks["organization"]["slug"] == "demo-city" and parks["organization"]["lgcode"]
    assert parks["licence"] == "pdl-1.0" and set(parks["tags"]) == {"公園", "施設"}
    assert parks["formats"] == ["CSV"] and parks["url"].endswith("/dataset/parks/")


@pytest.mark.django_db
def test_the_dataset_list_filters_like_the_search_page(client, catalogue, make_dataset):
    make_dataset(slug="park-map", title="公園マップ", tags=["公園"], licence="cc0-1.0")
    get = lambda **p: names(client.get("/api/v1/datasets", {"sort": "name", **p}))  # noqa: E731
    assert get(q="公園") == ["park-map", "parks"]
    assert get(tag="公園") == ["park-map", "parks"]
    assert get(tag=["公園", "施設"]) == ["parks"]  # all tags must match
    assert get(licence=["pdl-1.0", "cc0-1.0"]) == ["park-map", "parks"]  # any licence
    assert get(category="population") == ["population"]
    assert get(organization="demo-city", format="csv") == ["park-map", "parks", "population"]
    assert get(standard="public-facilities") == ["parks"]
    assert get(organization="nowhere") == []


@pytest.mark.django_db
def test_the_dataset_list_pages_with_limit_and_offset_and_sorts(client, catalogue):
    first = client.get("/api/v1/datasets", {"sort": "name", "limit": 1})
    second = client.get("/api/v1/datasets", {"sort": "name", "limit": 1, "offset": 1})
    assert names(first) == ["parks"] and names(second) == ["population"]
    assert first.json()["count"] == 2
    # by code point: 人 (U+4EBA) before 市 (U+5E02)
    assert names(client.get("/api/v1/datasets", {"sort": "title"})) == ["population", "parks"]


@pytest.mark.django_db
def test_bad_query_parameters_are_409_with_the_field_named(client, catalogue):
    response = client.get("/api/v1/datasets", {"limit": 5000})
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "invalid" and "limit" in body["fields"]
    assert "入力内容を確認してください" in body["message"]
    assert client.get("/api/v1/datasets", {"sort": "random"}).status_code == 409


@pytest.mark.django_db
def test_a_dataset_has_its_resources_with_every_version(client, catalogue):
    response = client.get("/api/v1/datasets/parks")
    assert response.status_code == 200
    body = response.json()
    assert body["title_en"] == "Parks" and body["licence_detail"]["id"] == "pdl-1.0"
    assert body["state"] == "published" and body["update_frequency"] == "irregular"
    [resource] = body["resources"]
    assert resource["version"] == 2 and [v["number"] for v in resource["versions"]] == [2, 1]
    assert resource["url"].endswith("/download/parks.csv")
    assert resource["versions"][1]["url"].endswith("/v/1/download/")
    assert len(resource["versions"][0]["sha256"]) == 64
    listed = client.get("/api/v1/datasets/parks/resources").json()
    assert listed == body["resources"]


@pytest.mark.django_db
def test_private_and_draft_datasets_are_404_except_to_members(client, catalogue, editor,
                                                              outsider):
    for slug in ("hidden", "draft", "nope"):
        response = client.get(f"/api/v1/datasets/{slug}")
        assert response.status_code == 404
        assert response.json()["error"] == "not_found"
        assert client.get(f"/api/v1/datasets/{slug}/resources").status_code == 404
    outsider_auth = bearer(token_for(outsider))
    assert client.get("/api/v1/datasets/hidden", **outsider_auth).status_code == 404
    editor_auth = bearer(token_for(editor))
    assert client.get("/api/v1/datasets/hidden", **editor_auth).json()["private"] is True
    mine = client.get("/api/v1/datasets", {"include_private": "true", "include_drafts": "true",
                                           "sort": "name"}, **editor_auth)
    assert names(mine) == ["draft", "hidden", "parks", "population"]
    theirs = client.get("/api/v1/datasets", {"include_private": "true",
                                             "include_drafts": "true"}, **outsider_auth)
    assert set(names(theirs)) == {"parks", "population"}


@pytest.mark.django_db
def test_an_invalid_token_is_401_even_for_reads(client, catalogue):
    response = client.get("/api/v1/datasets", HTTP_AUTHORIZATION="Bearer kmn_wrong")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["error"] == "unauthorized"
    assert body["message"] == "APIトークンが無効か、期限切れです / The API token is invalid or has expired"


@pytest.mark.django_db
def test_organisations_with_counts_of_what_the_caller_may_see(client, catalogue, editor,
                                                              other_org):
    listed = {o["slug"]: o for o in client.get("/api/v1/organizations").json()}
    assert listed["demo-city"]["dataset_count"] == 2 and listed["other-city"]["dataset_count"] == 0
    as_member = client.get("/api/v1/organizations/demo-city", **bearer(token_for(editor)))
    assert as_member.json()["dataset_count"] == 3  # the private one, not the draft
    assert client.get("/api/v1/organizations/nowhere").status_code == 404


@pytest.mark.django_db
def test_reference_lists(client, catalogue):
    licences = {x["id"]: x for x in client.get("/api/v1/licences").json()}
    assert {"pdl-1.0", "cc-by-4.0", "other"} <= set(licences)
    assert client.get("/api/v1/licences/pdl-1.0").json() == licences["pdl-1.0"]
    assert client.get("/api/v1/licences/nope").status_code == 404
    categories = {c["slug"]: c["dataset_count"] for c in client.get("/api/v1/categories").json()}
    assert categories["facilities"] == 1 and categories["population"] == 1
    standards = {s["slug"]: s for s in client.get("/api/v1/standard-datasets").json()}
    assert standards["public-facilities"]["number"] == "01"
    assert standards["public-facilities"]["dataset_count"] == 1


@pytest.mark.django_db
def test_json_is_sent_as_utf_8_not_escaped(client, catalogue):
    response = client.get("/api/v1/datasets/parks")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "市内の公園一覧".encode() in response.content
