"""Staff attach a Frictionless Table Schema to a resource (or use one on the check page): the
version is checked against it instead of the standard datasets; bad schemas are clear errors."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import InvalidInput, PermissionDenied
from core.models import AuditEntry
from tabular import schemas
from tabular.models import DataTable, Ingestion, ResourceSchema
from tabular.tests.test_pages import ingest, make_resource
from tests.fixtures import actor

# Matches the PARKS file of test_pages except that 面積 must be at most 1,500: rows with
# 1000 + i*10 > 1500 (i = 51..120, 70 rows) break the constraint.
SCHEMA = {"fields": [
    {"name": "名称", "type": "string", "constraints": {"required": True, "unique": True}},
    {"name": "所在地", "type": "string"},
    {"name": "面積（㎡）", "type": "integer", "constraints": {"maximum": 1500}},
    {"name": "緯度", "type": "number"},
    {"name": "経度", "type": "number"},
]}
URL = "/staff/datasets/{slug}/resources/{pk}/table/schema/"


@pytest.fixture
def staff(client, editor, settings):
    """The editor, logged in (two-factor off: these tests are about the page)."""
    settings.REQUIRE_2FA = False
    client.force_login(editor)
    return client


def _url(resource) -> str:
    return URL.format(slug=resource.dataset.slug, pk=resource.pk)


@pytest.mark.django_db
def test_an_attached_schema_checks_the_current_version_against_it(org, editor):
    resource = make_resource(org, editor)
    ingest(resource)
    schemas.attach_table_schema(actor=actor(editor), resource=resource, descriptor=SCHEMA)
    ingestion = Ingestion.objects.get(version=resource.current_version)
    assert ingestion.state == Ingestion.State.QUEUED  # checked again at once
    ingest(resource)
    table = DataTable.objects.get(ingestion__version=resource.current_version, selected=True)
    assert table.matched == "schema"
    assert "constraint-error" in json.dumps(table.report, ensure_ascii=False)
    assert table.error_count == 70
    assert AuditEntry.objects.filter(action="tabular.attach_schema").count() == 1


@pytest.mark.django_db
def test_detaching_goes_back_to_the_standards(org, editor):
    resource = make_resource(org, editor)
    schemas.attach_table_schema(actor=actor(editor), resource=resource, descriptor=SCHEMA)
    ingest(resource)
    assert DataTable.objects.get(ingestion__version=resource.current_version).error_count == 70
    assert schemas.detach_table_schema(actor=actor(editor), resource=resource) is True
    ingest(resource)
    assert DataTable.objects.get(ingestion__version=resource.current_version).error_count == 0
    assert schemas.detach_table_schema(actor=actor(editor), resource=resource) is False


@pytest.mark.django_db
@pytest.mark.parametrize(("raw", "needle"), [
    (b"{not json", "JSON"),
    (b'{"fields": []}', "fields"),
    (b'{"fields": [{"type": "string"}]}', "name"),
    (b'{"fields": [{"name": "a"}, {"name": "a"}]}', "a"),
    (b'{"fields": [{"name": "a", "type": "text"}]}', "text"),
    ("{}".encode("cp932") + "\x82\xa0".encode("latin-1"), "UTF-8"),
])
def test_bad_schemas_say_what_is_wrong_in_both_languages(raw, needle):
    with pytest.raises(InvalidInput) as caught:
        schemas.parse_table_schema(raw)
    (error,) = caught.value.field_errors["schema"]
    assert needle in error.ja and needle in error.en  # named in Japanese and in English
    assert error.ja != error.en


@pytest.mark.django_db
def test_viewers_and_outsiders_cannot_attach(org, editor, viewer, outsider):
    resource = make_resource(org, editor)
    for who in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            schemas.attach_table_schema(actor=actor(who), resource=resource, descriptor=SCHEMA)
    assert not ResourceSchema.objects.exists()


@pytest.mark.django_db
def test_the_staff_page_attaches_a_pasted_schema_and_shows_it(staff, org, editor):
    resource = make_resource(org, editor)
    response = staff.post(_url(resource), {"text": json.dumps(SCHEMA, ensure_ascii=False)})
    assert response.status_code == 302
    page = staff.get(_url(resource)).content.decode()
    assert "面積（㎡）" in page and ResourceSchema.objects.get(resource=resource)


@pytest.mark.django_db
def test_the_staff_page_takes_an_uploaded_file_and_removes_it(staff, org, editor):
    resource = make_resource(org, editor)
    upload = SimpleUploadedFile("schema.json", json.dumps(SCHEMA).encode(), "application/json")
    assert staff.post(_url(resource), {"file": upload}).status_code == 302
    assert ResourceSchema.objects.filter(resource=resource).exists()
    assert staff.post(_url(resource) + "remove/").status_code == 302
    assert not ResourceSchema.objects.filter(resource=resource).exists()


@pytest.mark.django_db
def test_a_bad_schema_on_the_staff_page_is_a_400_with_the_reason(staff, org, editor):
    resource = make_resource(org, editor)
    response = staff.post(_url(resource), {"text": '{"fields": "no"}'})
    assert response.status_code == 400
    assert "fields" in response.content.decode()
    assert not ResourceSchema.objects.exists()


@pytest.mark.django_db
def test_the_staff_page_is_404_for_viewers(client, settings, org, editor, viewer):
    settings.REQUIRE_2FA = False
    resource = make_resource(org, editor)
    client.force_login(viewer)
    assert client.get(_url(resource)).status_code == 404


@pytest.mark.django_db
def test_the_table_page_links_editors_to_the_schema_page(staff, org, editor):
    resource = make_resource(org, editor)
    ingest(resource)
    page = staff.get(f"/dataset/{resource.dataset.slug}/resource/{resource.pk}/table/")
    assert _url(resource) in page.content.decode()


@pytest.mark.django_db
def test_the_check_page_uses_an_uploaded_schema(staff):
    from tabular.tests.test_pages import PARKS

    data = SimpleUploadedFile("parks.csv", PARKS.encode("cp932"), "text/csv")
    schema = SimpleUploadedFile("schema.json", json.dumps(SCHEMA).encode(), "application/json")
    response = staff.post("/staff/check/", {"file": data, "schema": schema})
    assert response.status_code == 200
    assert "constraint-error" in response.content.decode()
