"""The public table page of a resource through the real HTTP stack: headers, paging, sorting,
filters, privacy, the map and the report. Tables come from the real ingestion engine."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    publish_dataset,
)
from tabular.models import Ingestion
from tests.fixtures import actor

SHARED = Path(__file__).resolve().parents[3] / "shared"

HEADERS = ["名称", "所在地", "面積（㎡）", "緯度", "経度"]
PARKS = "\n".join(
    [",".join(HEADERS)]
    + [f"公園{i:03d},本町{i % 7}丁目,{1000 + i * 10},{35.0 + i / 1000:.6f},{139.0 + i / 1000:.6f}"
       for i in range(1, 121)]
) + "\n"


def upload(data: bytes, name: str):
    """A named in-memory file like the ones Django hands to views."""
    stream = io.BytesIO(data)
    stream.name = name
    return stream


def make_resource(org, user, *, data: bytes | None = None, filename: str = "parks.csv",
                  slug: str = "parks", private: bool = False, publish: bool = True,
                  name: str = "公園一覧"):
    """A dataset with one uploaded file; its ingestion is queued (the job does not run)."""
    who = actor(user)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug=slug, title="市内の公園", private=private))
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name=name),
                            upload=upload(PARKS.encode("cp932") if data is None else data,
                                          filename))
    if publish:
        publish_dataset(actor=who, dataset=dataset)
    resource.refresh_from_db()
    return resource


def ingest(resource) -> Ingestion:
    """Run the ingestion of the resource's current version as the job would."""
    from tabular.services import run_ingestion

    ingestion = Ingestion.objects.get(version=resource.current_version)
    run_ingestion(ingestion)
    ingestion.refresh_from_db()
    assert ingestion.state == Ingestion.State.READY, (ingestion.error_code, ingestion.error_ja)
    return ingestion


def url(resource, suffix: str = "") -> str:
    """The table page of a resource, or one of its endpoints."""
    return f"/dataset/{resource.dataset.slug}/resource/{resource.pk}/table/{suffix}"


@pytest.fixture
def parks(org, editor):
    """A published CP932 CSV of 120 parks with coordinates, ingested."""
    resource = make_resource(org, editor)
    ingest(resource)
    return resource


def column_headers(body: str) -> list[str]:
    """The visible text of the data table's column headers (without hidden sort hints)."""
    thead = body.split('id="data-table"', 1)[1].split("</thead>", 1)[0]
    cells = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', thead, re.S)
    return [re.sub(r"<[^>]+>", "", re.sub(r'<span class="visually-hidden".*?</span>', "", c,
                                          flags=re.S)).replace("▲", "").replace("▼", "").strip()
            for c in cells]


def first_column(body: str) -> list[str]:
    """The first cell of every row of the data table."""
    tbody = body.split('id="data-table"', 1)[1].split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr><td[^>]*>(.*?)</td>", tbody)


@pytest.mark.django_db
def test_the_table_page_shows_the_original_japanese_headers_exactly(client, parks):
    response = client.get(url(parks))
    assert response.status_code == 200
    assert column_headers(response.content.decode()) == HEADERS


@pytest.mark.django_db
def test_the_table_page_counts_rows_and_shows_the_first_page(client, parks):
    body = client.get(url(parks)).content.decode()
    assert "全 120 件中 1–50 件" in body
    assert first_column(body)[:2] == ["公園001", "公園002"]
    assert len(first_column(body)) == 50


@pytest.mark.django_db
def test_the_page_parameter_moves_to_the_next_rows(client, parks):
    body = client.get(url(parks), {"page": 3}).content.decode()
    assert "全 120 件中 101–120 件" in body
    assert first_column(body)[0] == "公園101"
    assert '<span aria-current="page">3</span>' in body


@pytest.mark.django_db
def test_a_column_header_link_sorts_descending_and_marks_aria_sort(client, parks):
    body = client.get(url(parks), {"sort": "-3"}).content.decode()
    assert first_column(body)[0] == "公園120"
    assert 'aria-sort="descending"' in body
    assert body.count("aria-sort=") == 1


@pytest.mark.django_db
def test_numbers_are_right_aligned_and_text_is_not(client, parks):
    body = client.get(url(parks)).content.decode()
    row = body.split("<tbody", 1)[1].split("</tr>", 1)[0]
    classes = re.findall(r"<td( class=\"num\")?>", row)
    assert classes == ["", "", ' class="num"', ' class="num"', ' class="num"']


@pytest.mark.django_db
def test_an_exact_filter_on_a_column_keeps_only_matching_rows(client, parks):
    body = client.get(url(parks), {"col": "1", "val": "公園007"}).content.decode()
    assert first_column(body) == ["公園007"]
    assert "全 1 件中 1–1 件" in body
    assert "解除" in body  # the active filter can be removed without JavaScript


@pytest.mark.django_db
def test_the_full_text_search_narrows_the_rows(client, parks):
    body = client.get(url(parks), {"q": "公園11"}).content.decode()
    names = first_column(body)
    assert names and all(n.startswith("公園11") for n in names)


@pytest.mark.django_db
def test_a_private_dataset_table_is_404_for_residents_and_other_organisations(
        client, org, editor, outsider, settings):
    resource = make_resource(org, editor, slug="secret", private=True)
    ingest(resource)
    assert client.get(url(resource)).status_code == 404
    assert client.get(url(resource, "download/csv/")).status_code == 404
    assert client.get(url(resource, "report/")).status_code == 404
    settings.REQUIRE_2FA = False
    client.force_login(outsider)
    assert client.get(url(resource)).status_code == 404
    client.force_login(editor)
    assert client.get(url(resource)).status_code == 200


@pytest.mark.django_db
def test_a_table_with_coordinates_offers_a_map_fed_by_its_geojson(client, parks):
    body = client.get(url(parks)).content.decode()
    match = re.search(r'data-geojson-url="([^"]+)"', body)
    assert match and "vendor/leaflet/leaflet.js" in body and "tabular/map.js" in body
    geojson = client.get(match.group(1))
    assert geojson.status_code == 200
    assert geojson["Content-Type"] == "application/geo+json"
    data = __import__("json").loads(b"".join(geojson.streaming_content))
    assert len(data["features"]) == 120


@pytest.mark.django_db
def test_without_a_configured_tile_server_the_page_says_there_is_no_base_map(
        client, parks, settings):
    settings.MAP_TILE_URL = ""
    body = client.get(url(parks)).content.decode()
    assert 'data-tile-url=""' in body
    assert "背景地図は設定されていない" in body


@pytest.mark.django_db
def test_a_table_without_coordinates_has_no_map(client, org, editor):
    resource = make_resource(org, editor, slug="plain", data="名称,面積\n中央公園,10\n".encode())
    ingest(resource)
    body = client.get(url(resource)).content.decode()
    assert "data-geojson-url" not in body and "leaflet" not in body


@pytest.mark.django_db
def test_the_report_page_names_the_matched_standard_and_the_cells_to_fix(client, org, editor):
    corpus = SHARED / "corpus" / "municipal" / "yamaguchi_iwakuni" / "352080_aed.csv"
    if not corpus.is_file():
        pytest.skip(f"the shared corpus is not at {corpus}")
    resource = make_resource(org, editor, slug="aed", data=corpus.read_bytes(),
                             filename="352080_aed.csv", name="AED一覧")
    ingest(resource)
    table = resource.current_version.ingestion.tables.get(selected=True)
    body = client.get(url(resource, "report/")).content.decode()
    assert "<h1>AED一覧の検証結果</h1>" in body
    assert "標準データセットとの照合" in body
    assert table.standard and f"エラー {table.error_count:,} 件" in body


@pytest.mark.django_db
def test_the_dataset_page_links_each_table_with_its_processing_state(client, parks):
    body = client.get(f"/dataset/{parks.dataset.slug}/").content.decode()
    assert url(parks) in body
    assert "表の処理: 完了" in body


@pytest.mark.django_db
def test_the_dataset_page_reads_the_states_without_a_query_per_resource(
        client, org, editor, django_assert_max_num_queries):
    resource = make_resource(org, editor)
    who = actor(editor)
    for n in range(3):
        add_resource(actor=who, dataset=resource.dataset, data=ResourceData(name=f"表{n}"),
                     upload=upload(f"a,b\n{n},2\n".encode(), f"t{n}.csv"))
    client.get(f"/dataset/{resource.dataset.slug}/")  # warm caches (licences, categories)
    with django_assert_max_num_queries(20) as captured:
        client.get(f"/dataset/{resource.dataset.slug}/")
    ingestion_queries = [q for q in captured.captured_queries
                         if "tabular_ingestion" in q["sql"]]
    assert len(ingestion_queries) <= 1
