"""A CSV uploaded to the catalog becomes a queryable table: job, states, CKAN and API reads."""

from __future__ import annotations

import io
import json

import pytest

from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    publish_dataset,
    replace_resource_file,
)
from core.models import Job
from tabular.models import Ingestion
from tabular.services import run_ingestion, select_table, set_encoding
from tests.fixtures import actor

AED_CSV = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,住所,方書,緯度,経度,"
    "設置位置,電話番号,内線番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,"
    "利用可能日時特記事項,小児対応設備の有無,URL,備考\n"
    "139904,1,東京都,デモ市,デモ市役所,デモシヤクショ,東京都デモ市中央１－１,,35.6895,139.6917,"
    "１階ロビー,03-1234-5678,,,,月火水木金,8:30,17:15,,有,,\n"
    "139904,2,東京都,デモ市,中央公民館,チュウオウコウミンカン,東京都デモ市本町２－３,,35.6901,"
    "139.7001,玄関,03-1234-0000,,,,土日,9:00,21:00,,無,,\n"
    "139904,3,東京都,デモ市,=HYPERLINK(\"http://x\"),エックス,東京都デモ市北町3,,35.7,139.7,"
    "入口,03-0000-0000,,,,月,9:00,17:00,,無,,\n"
)


def _upload(data: bytes, name: str):
    stream = io.BytesIO(data)
    stream.name = name
    return stream


@pytest.fixture
def aed_resource(org, editor):
    """A published dataset claiming the AED standard, with a CP932 CSV uploaded."""
    who = actor(editor)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug="aed", title="AED設置箇所一覧", standard="aed"))
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name="AED"),
                            upload=_upload(AED_CSV.encode("cp932"), "139904_aed.csv"))
    publish_dataset(actor=who, dataset=dataset)
    resource.refresh_from_db()
    return resource


def _ingest(resource) -> Ingestion:
    ingestion = Ingestion.objects.get(version=resource.current_version)
    run_ingestion(ingestion)
    ingestion.refresh_from_db()
    return ingestion


@pytest.mark.django_db(transaction=True)
def test_an_upload_queues_an_ingestion_job_after_commit(aed_resource):
    ingestion = Ingestion.objects.get(version=aed_resource.current_version)
    assert ingestion.state == Ingestion.State.QUEUED
    assert ingestion.job.kind == "tabular.ingest"
    assert ingestion.job.target == str(ingestion.pk)
    assert Job.objects.filter(kind="tabular.ingest").count() == 1


@pytest.mark.django_db
def test_ingestion_reads_the_cp932_file_into_a_ready_table_with_japanese_headers(aed_resource):
    ingestion = _ingest(aed_resource)
    assert ingestion.state == Ingestion.State.READY, (ingestion.error_code, ingestion.error_ja)
    assert ingestion.encoding in ("cp932", "shift_jis")
    table = ingestion.tables.get()
    assert table.selected and table.row_count == 3
    assert table.headers[4] == "名称" and table.headers[5] == "名称_カナ"
    assert table.standard == "aed" and table.matched == "claimed"
    assert table.conformance is not None and 0 < table.conformance <= 100
    assert table.parquet_id
    assert table.geojson_id, "緯度/経度 columns give a map"
    aed_resource.refresh_from_db()
    assert aed_resource.datastore_active


@pytest.mark.django_db
def test_re_running_an_ingestion_gives_the_same_tables(aed_resource):
    first = _ingest(aed_resource).tables.get()
    again = _ingest(aed_resource).tables.get()
    assert Ingestion.objects.get(pk=again.ingestion_id).tables.count() == 1
    assert (again.parquet_id, again.geojson_id, again.row_count) == (
        first.parquet_id, first.geojson_id, first.row_count)


@pytest.mark.django_db
def test_a_new_version_is_served_only_once_its_ingestion_is_ready(aed_resource, editor):
    _ingest(aed_resource)
    replace_resource_file(actor=actor(editor), resource=aed_resource,
                          upload=_upload("名称,住所\nA,B\n".encode(), "v2.csv"))
    aed_resource.refresh_from_db()
    from tabular.selectors import active_table

    assert active_table(aed_resource).row_count == 3  # v2 is queued: v1 is still served
    new = Ingestion.objects.get(version=aed_resource.current_version)
    run_ingestion(new)
    assert active_table(aed_resource).row_count == 1


@pytest.mark.django_db
def test_a_wrong_forced_encoding_fails_with_a_reason_in_both_languages(aed_resource, editor):
    _ingest(aed_resource)
    ingestion = set_encoding(actor=actor(editor), ingestion=aed_resource.current_version.ingestion,
                             encoding="utf-8")
    run_ingestion(ingestion)
    ingestion.refresh_from_db()
    assert ingestion.state == Ingestion.State.FAILED
    assert ingestion.error_code == "encoding-error"
    assert ingestion.error_ja and ingestion.error_en and ingestion.error_ja != ingestion.error_en


@pytest.mark.django_db
def test_an_outsider_may_not_pick_a_sheet(aed_resource, outsider):
    from core.errors import PermissionDenied

    table = _ingest(aed_resource).tables.get()
    with pytest.raises(PermissionDenied):
        select_table(actor=actor(outsider), table=table)


def _ckan(client, action, **params):
    response = client.post(f"/api/3/action/{action}", data=json.dumps(params),
                           content_type="application/json")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_ckan_resource_show_reports_state_and_datastore_active(client, aed_resource):
    status, body = _ckan(client, "resource_show", id=str(aed_resource.uuid))
    assert status == 200
    assert body["result"]["datastore_active"] is False
    assert body["result"]["datastore_state"] == "queued"
    _ingest(aed_resource)
    status, body = _ckan(client, "resource_show", id=str(aed_resource.uuid))
    assert body["result"]["datastore_active"] is True
    assert body["result"]["datastore_state"] == "ready"


@pytest.mark.django_db
def test_ckan_datastore_search_filters_on_a_japanese_column(client, aed_resource):
    _ingest(aed_resource)
    status, body = _ckan(client, "datastore_search", resource_id=str(aed_resource.uuid),
                         filters={"名称": "中央公民館"})
    assert status == 200, body
    result = body["result"]
    assert [r["名称"] for r in result["records"]] == ["中央公民館"]
    assert result["total"] == 1
    assert {"id": "_id", "type": "int"} in [
        {"id": f["id"], "type": f["type"]} for f in result["fields"]]


@pytest.mark.django_db
def test_ckan_datastore_search_refuses_an_unknown_column_with_a_field_message(client,
                                                                               aed_resource):
    _ingest(aed_resource)
    status, body = _ckan(client, "datastore_search", resource_id=str(aed_resource.uuid),
                         filters={"存在しない列": "x"})
    assert status == 409
    assert body["error"]["__type"] == "Validation Error"


@pytest.mark.django_db
def test_ckan_datastore_search_sql_reads_a_readable_resource(client, aed_resource):
    _ingest(aed_resource)
    sql = f'SELECT COUNT(*) AS n FROM "{aed_resource.uuid}"'
    status, body = _ckan(client, "datastore_search_sql", sql=sql)
    assert status == 200, body
    assert body["result"]["records"] == [{"n": 3}]


@pytest.mark.django_db
def test_private_resources_are_invisible_to_the_datastore(client, org, editor):
    who = actor(editor)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug="secret", title="非公開", private=True))
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name="x"),
                            upload=_upload("名称\nA\n".encode(), "x.csv"))
    publish_dataset(actor=who, dataset=dataset)
    resource.refresh_from_db()
    _ingest(resource)
    status, body = _ckan(client, "datastore_search", resource_id=str(resource.uuid))
    assert status == 404
    status, body = _ckan(client, "datastore_search_sql", sql=f'SELECT * FROM "{resource.uuid}"')
    assert status == 409 and body["success"] is False
    assert "A" not in json.dumps(body["error"], ensure_ascii=False).replace("SELECT", "")


@pytest.mark.django_db
def test_api_v1_rows_and_ingestion_state(client, aed_resource):
    _ingest(aed_resource)
    response = client.get(f"/api/v1/resources/{aed_resource.uuid}/rows",
                          {"q": "公民館", "limit": 10})
    assert response.status_code == 200, response.content
    assert [r["名称"] for r in response.json()["records"]] == ["中央公民館"]
    state = client.get(f"/api/v1/resources/{aed_resource.uuid}/ingestion").json()
    assert state["state"] == "ready" and state["tables"][0]["standard"] == "aed"
