"""Downloads of a table: every format streamed by the datastore with the page's filters, as
user content (sandbox CSP, nosniff), with a safe file name and formulas neutralised."""

import csv
import io
import json

import openpyxl
import pytest

from tabular.tests.test_pages import ingest, make_resource, url

# A cell that a spreadsheet would run as a formula, in a resource whose name needs escaping.
DATA = "名称,備考,面積\n中央公園,=HYPERLINK(\"http://example.com\"),100\n駅前公園,@SUM(A1),20\n"


@pytest.fixture
def resource(org, editor):
    """A published, ingested table with formula-like cells."""
    resource = make_resource(org, editor, data=DATA.encode("cp932"), filename="parks.csv",
                             name='公園/一覧 "2024"')
    ingest(resource)
    return resource


def download(client, resource, fmt: str, **params):
    """Fetch one export and return the response and its whole body."""
    response = client.get(url(resource, f"download/{fmt}/"), params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "content_type", "extension"), [
    ("csv", "text/csv; charset=utf-8", "csv"),
    ("csv-excel", "text/csv; charset=utf-8", "csv"),
    ("tsv", "text/tab-separated-values; charset=utf-8", "tsv"),
    ("json", "application/json", "json"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
])
def test_each_export_has_its_content_type_and_is_sandboxed_user_content(
        client, resource, fmt, content_type, extension):
    response, body = download(client, resource, fmt)
    assert response.status_code == 200 and body
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition and disposition.endswith(f".{extension}")


@pytest.mark.django_db
def test_the_file_name_has_no_path_separator_or_quote(client, resource):
    response, _body = download(client, resource, "csv")
    name = response["Content-Disposition"].split("filename*=utf-8''", 1)[1]
    assert "/" not in name and "%2F" not in name.upper() and "%22" not in name.upper()


@pytest.mark.django_db
def test_csv_keeps_japanese_headers_and_neutralises_formulas(client, resource):
    _response, body = download(client, resource, "csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["名称", "備考", "面積"]  # the original headers, no internal _id
    notes = [row[1] for row in rows[1:]]
    assert notes and not any(n.startswith(("=", "+", "-", "@")) for n in notes)
    assert any("HYPERLINK" in n for n in notes)


@pytest.mark.django_db
def test_the_excel_csv_starts_with_a_bom_and_the_plain_one_does_not(client, resource):
    _r, excel = download(client, resource, "csv-excel")
    _r, plain = download(client, resource, "csv")
    assert excel.startswith(b"\xef\xbb\xbf") and excel[3:] == plain
    assert not plain.startswith(b"\xef\xbb\xbf")


@pytest.mark.django_db
def test_xlsx_cells_are_text_never_formulas(client, resource):
    _response, body = download(client, resource, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "名称" in values
    assert any(isinstance(v, str) and "HYPERLINK" in v for v in values)  # kept, as text
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
def test_exports_apply_the_filters_of_the_page(client, resource):
    _response, body = download(client, resource, "json", col="1", val="駅前公園")
    text = json.dumps(json.loads(body), ensure_ascii=False)  # one valid JSON document
    assert "駅前公園" in text and "中央公園" not in text


@pytest.mark.django_db
def test_the_download_links_on_the_page_carry_the_filters(client, resource):
    body = client.get(url(resource), {"q": "駅前"}).content.decode()
    assert url(resource, "download/csv/") + "?q=" in body
    assert "絞り込み後" in body


@pytest.mark.django_db
def test_an_unknown_export_format_is_404(client, resource):
    assert client.get(url(resource, "download/exe/")).status_code == 404


@pytest.mark.django_db
def test_the_original_file_stays_downloadable_unchanged(client, resource):
    body = client.get(url(resource)).content.decode()
    original = f"/dataset/{resource.dataset.slug}/resource/{resource.pk}/download/"
    assert f'href="{original}"' in body
    response = client.get(original)
    assert b"".join(response.streaming_content) == DATA.encode("cp932")
