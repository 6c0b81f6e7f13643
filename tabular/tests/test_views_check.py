"""The staff's "check before publishing" page: a report for an uploaded file, nothing stored."""

import base64
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import Dataset
from core.models import StoredFile
from tests.factories import UserFactory

SHARED = Path(__file__).resolve().parents[3] / "shared"
CHECK = "/staff/check/"
# A 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


@pytest.fixture
def staff(client, editor, settings):
    """The editor, logged in (two-factor off: these tests are about the page)."""
    settings.REQUIRE_2FA = False
    client.force_login(editor)
    return client


def corpus_file(relative: str) -> Path:
    """A file of the shared corpus, or skip when the corpus is not there."""
    path = SHARED / "corpus" / "municipal" / relative
    if not path.is_file():
        pytest.skip(f"the shared corpus is not at {path} (a fresh clone without ../shared)")
    return path


@pytest.mark.django_db
def test_the_empty_check_page_offers_a_file_standard_and_encoding(staff):
    response = staff.get(CHECK)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in body
    assert 'name="file"' in body and 'name="standard"' in body and 'name="encoding"' in body
    assert "<h1>公開前のファイル確認</h1>" in body


@pytest.mark.django_db
def test_the_check_page_needs_a_login(client):
    response = client.get(CHECK)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


@pytest.mark.django_db
def test_the_staff_dataset_list_links_to_the_check_page(staff):
    assert f'href="{CHECK}"' in staff.get("/staff/").content.decode()


@pytest.mark.django_db
def test_a_real_cp932_file_gets_its_report_and_nothing_is_stored(staff):
    path = corpus_file("yamaguchi_iwakuni/352080_aed.csv")
    files_before = StoredFile.objects.count()
    response = staff.post(CHECK, {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    body = response.content.decode()
    assert response.status_code == 200, body[:2000]
    assert "「352080_aed.csv」の確認結果" in body
    assert "cp932" in body
    assert "都道府県コード又は市区町村コード" in body and "名称_カナ" in body  # no mojibake
    assert "標準データセットとの照合" in body and "適合度" in body
    assert StoredFile.objects.count() == files_before
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_a_png_gets_a_clear_error_in_the_error_summary(staff):
    response = staff.post(CHECK, {"file": SimpleUploadedFile("photo.csv", PNG)})
    body = response.content.decode()
    assert response.status_code == 422
    assert 'id="error-summary"' in body and 'href="#id_file"' in body
    assert "確認結果" not in body.split("</form>", 1)[1]


@pytest.mark.django_db
def test_the_png_error_is_in_english_on_english_requests(staff):
    response = staff.post(CHECK, {"file": SimpleUploadedFile("photo.png", PNG)},
                          HTTP_ACCEPT_LANGUAGE="en")
    summary = response.content.decode().split('id="error-summary"', 1)[1].split("</ul>", 1)[0]
    # "label: message"; the labels are translated by the lead at the end, the engine's message
    # already exists in English.
    message = summary.split("<li>", 1)[1].split(": ", 1)[1]
    assert response.status_code == 422
    assert message.strip() and not any("\u3040" <= ch <= "\u30ff" for ch in message), summary


@pytest.mark.django_db
def test_a_file_over_the_check_limit_is_refused_with_413(staff, settings):
    settings.CHECK_MAX_BYTES = 10
    response = staff.post(CHECK, {"file": SimpleUploadedFile("big.csv", b"a,b\n" * 100)})
    assert response.status_code == 413
    assert 'id="error-summary"' in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_encoding_is_a_form_error(staff):
    response = staff.post(CHECK, {"file": SimpleUploadedFile("a.csv", b"a,b\n1,2\n"),
                                  "encoding": "latin-1"})
    assert response.status_code == 400
    assert 'href="#id_encoding"' in response.content.decode()


@pytest.mark.django_db
def test_a_user_who_edits_no_organisation_may_not_check_files(client, settings, db):
    settings.REQUIRE_2FA = False
    client.force_login(UserFactory(username="nobody"))
    response = client.post(CHECK, {"file": SimpleUploadedFile("a.csv", b"a,b\n1,2\n")})
    assert response.status_code == 403
