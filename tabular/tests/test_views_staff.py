"""Staff controls of the table page: POST forms that call the tabular services, refused to
anyone who does not edit the dataset's organisation."""

import pytest

from core.models import AuditEntry
from tabular.models import Ingestion
from tabular.tests.test_pages import make_resource

STAFF = "/staff/datasets/{slug}/resources/{pk}/table/{action}/"


def staff_url(resource, action: str) -> str:
    """The URL of one staff action on a resource's table."""
    return STAFF.format(slug=resource.dataset.slug, pk=resource.pk, action=action)


@pytest.fixture
def resource(org, editor):
    """A published resource with a processed (failed) ingestion, as after a wrong encoding."""
    resource = make_resource(org, editor)
    Ingestion.objects.filter(version=resource.current_version).update(
        state="failed", error_code="encoding-error", error_ja="文字化け", error_en="Mojibake")
    return resource


@pytest.fixture
def login(client, settings):
    """Log a user in (two-factor off: these tests are about roles)."""
    settings.REQUIRE_2FA = False

    def log_in(user):
        """Log the user in and return the client."""
        client.force_login(user)
        return client

    return log_in


@pytest.mark.django_db
def test_an_editor_forces_the_encoding_and_the_version_is_queued_again(login, editor, resource):
    response = login(editor).post(staff_url(resource, "encoding"), {"encoding": "cp932"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/resource/{resource.pk}/table/")
    ingestion = Ingestion.objects.get(version=resource.current_version)
    assert (ingestion.encoding_override, ingestion.state, ingestion.error_code) == \
        ("cp932", "queued", "")
    assert AuditEntry.objects.filter(action="tabular.set_encoding").count() == 1


@pytest.mark.django_db
def test_choosing_automatic_clears_the_encoding_override(login, editor, resource):
    Ingestion.objects.filter(version=resource.current_version).update(encoding_override="cp932")
    login(editor).post(staff_url(resource, "encoding"), {"encoding": ""})
    assert Ingestion.objects.get(version=resource.current_version).encoding_override == ""


@pytest.mark.django_db
def test_an_unknown_encoding_is_shown_in_the_error_summary(login, editor, resource):
    response = login(editor).post(staff_url(resource, "encoding"), {"encoding": "latin-1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in body and 'href="#id_encoding"' in body
    assert Ingestion.objects.get(version=resource.current_version).encoding_override == ""


@pytest.mark.django_db
def test_an_editor_reruns_the_ingestion(login, editor, resource):
    response = login(editor).post(staff_url(resource, "rerun"))
    assert response.status_code == 302
    assert Ingestion.objects.get(version=resource.current_version).state == "queued"
    assert AuditEntry.objects.filter(action="tabular.rerun").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_staff_actions_are_404_for_viewers_and_other_organisations(
        login, request, resource, who):
    client = login(request.getfixturevalue(who))
    for action, data in (("encoding", {"encoding": "cp932"}), ("rerun", {}),
                         ("sheet", {"table": "1"})):
        assert client.post(staff_url(resource, action), data).status_code == 404
    ingestion = Ingestion.objects.get(version=resource.current_version)
    assert (ingestion.state, ingestion.encoding_override) == ("failed", "")
    assert not AuditEntry.objects.filter(action__startswith="tabular.").exists()


@pytest.mark.django_db
def test_anonymous_staff_actions_go_to_the_login_page(client, resource):
    response = client.post(staff_url(resource, "rerun"))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]
    assert Ingestion.objects.get(version=resource.current_version).state == "failed"


@pytest.mark.django_db
def test_staff_actions_only_accept_post(login, editor, resource):
    assert login(editor).get(staff_url(resource, "rerun")).status_code == 405


@pytest.mark.django_db
def test_editors_see_the_staff_controls_and_residents_do_not(client, login, editor, resource):
    assert "職員向けの操作" not in client.get(
        f"/dataset/{resource.dataset.slug}/resource/{resource.pk}/table/").content.decode()
    body = login(editor).get(
        f"/dataset/{resource.dataset.slug}/resource/{resource.pk}/table/").content.decode()
    assert "職員向けの操作" in body
    assert f'action="{staff_url(resource, "encoding")}"' in body
    assert 'name="csrfmiddlewaretoken"' in body


def two_sheet_workbook() -> bytes:
    """An XLSX with two tables: a long one (served first) and a short one."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "公園"
    first.append(["名称", "面積"])
    for i in range(5):
        first.append([f"公園{i}", 100 + i])
    second = book.create_sheet("トイレ")
    second.append(["名称", "設置場所"])
    second.append(["トイレ1", "中央公園"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_an_editor_picks_the_sheet_the_table_page_serves(login, editor, org):
    from tabular.tests.test_pages import column_headers, ingest, url

    resource = make_resource(org, editor, slug="book", data=two_sheet_workbook(),
                             filename="parks.xlsx")
    ingestion = ingest(resource)
    client = login(editor)
    assert column_headers(client.get(url(resource)).content.decode()) == ["名称", "面積"]
    toilets = ingestion.tables.get(name="トイレ")
    response = client.post(staff_url(resource, "sheet"), {"table": toilets.pk})
    assert response.status_code == 302
    assert column_headers(client.get(url(resource)).content.decode()) == ["名称", "設置場所"]
    assert AuditEntry.objects.filter(action="tabular.select_table").count() == 1


@pytest.mark.django_db
def test_a_sheet_of_another_resource_is_a_form_error(login, editor, org):
    from tabular.tests.test_pages import ingest

    resource = make_resource(org, editor, slug="book", data=two_sheet_workbook(),
                             filename="parks.xlsx")
    ingest(resource)
    response = login(editor).post(staff_url(resource, "sheet"), {"table": 999999})
    assert response.status_code == 400
    assert 'href="#id_table"' in response.content.decode()
