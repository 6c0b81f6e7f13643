"""Progress of a version being processed: the status endpoint and the page without JavaScript.

The ingestion states are set directly: the job queue does not run in tests.
"""

import pytest

from tabular.models import Ingestion
from tabular.tests.test_pages import make_resource, url


def set_state(resource, **fields) -> Ingestion:
    """Put the resource's current ingestion in a given state."""
    Ingestion.objects.filter(version=resource.current_version).update(**fields)
    return Ingestion.objects.get(version=resource.current_version)


@pytest.fixture
def queued(org, editor):
    """A published resource whose file waits to be processed."""
    return make_resource(org, editor)


@pytest.mark.django_db
def test_status_json_gives_state_step_rows_and_errors_so_far(client, queued):
    set_state(queued, state="analysing", step="validating", rows_done=1234, error_count=5)
    response = client.get(url(queued, "status.json"))
    data = response.json()
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert {k: data[k] for k in ("state", "step", "rows_done", "error_count", "finished")} == \
        {"state": "analysing", "step": "validating", "rows_done": 1234, "error_count": 5,
         "finished": False}
    assert data["state_label"] == "解析中"
    assert "1,234" in data["message"] and data["error"] is None


@pytest.mark.django_db
def test_status_json_of_a_failed_version_gives_the_reason_and_the_step(client, queued):
    set_state(queued, state="failed", step="analysing", error_code="encoding-error",
              error_step="decoding", error_ja="文字コードを判定できません",
              error_en="The encoding could not be detected")
    data = client.get(url(queued, "status.json")).json()
    assert data["failed"] and data["finished"]
    assert data["error"]["code"] == "encoding-error"
    assert data["error"]["step"] == "decoding"
    assert data["error"]["message"] == "文字コードを判定できません"


@pytest.mark.django_db
def test_status_json_gives_the_english_reason_on_english_requests(client, queued):
    set_state(queued, state="failed", error_ja="壊れています", error_en="It is broken")
    data = client.get(url(queued, "status.json"), HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["error"]["message"] == "It is broken"


@pytest.mark.django_db
def test_status_json_of_a_private_dataset_is_404_for_residents(client, org, editor):
    resource = make_resource(org, editor, slug="secret", private=True)
    assert client.get(url(resource, "status.json")).status_code == 404


@pytest.mark.django_db
def test_while_processing_the_page_shows_progress_a_live_region_and_a_reload_link(
        client, queued):
    set_state(queued, state="converting", step="converting", rows_done=80, error_count=2)
    body = client.get(url(queued)).content.decode()
    assert 'aria-live="polite"' in body
    assert "変換中" in body and "変換と保存" in body
    assert f'href="{url(queued)}">再読み込み</a>' in body
    assert 'data-status-url="' + url(queued, "status.json") + '"' in body
    assert "tabular/progress.js" in body


@pytest.mark.django_db
def test_a_failed_version_shows_the_reason_and_the_step_without_javascript(client, queued):
    set_state(queued, state="failed", error_step="decoding", error_ja="文字コードを判定できません",
              error_en="The encoding could not be detected")
    body = client.get(url(queued)).content.decode()
    assert "処理に失敗しました" in body
    assert "文字コードを判定できません" in body and "文字コードの判定" in body
    assert "tabular/progress.js" not in body  # nothing left to poll


@pytest.mark.django_db
def test_a_resource_that_is_not_a_table_has_no_table_page(client, org, editor):
    resource = make_resource(org, editor, slug="pdf", data=b"%PDF-1.4\n", filename="a.pdf")
    assert not Ingestion.objects.filter(version=resource.current_version).exists()
    assert client.get(url(resource)).status_code == 404
    assert client.get(url(resource, "status.json")).status_code == 404


@pytest.mark.django_db
def test_while_a_new_version_is_processed_the_previous_table_stays_visible(
        client, org, editor):
    from catalog.services import replace_resource_file
    from tabular.tests.test_pages import first_column, ingest, upload
    from tests.fixtures import actor

    resource = make_resource(org, editor, data="名称,面積\n旧公園,1\n".encode())
    ingest(resource)
    replace_resource_file(actor=actor(editor), resource=resource,
                          upload=upload("名称,面積\n新公園,2\n".encode(), "parks.csv"))
    resource.refresh_from_db()
    body = client.get(url(resource)).content.decode()
    assert "処理の状況" in body and "待機中" in body
    assert "版 v1 の表を表示しています" in body
    assert first_column(body) == ["旧公園"]
