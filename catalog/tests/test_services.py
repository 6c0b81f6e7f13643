"""Dataset and resource services: permissions, validation, versions, audit."""

import io
import zipfile
from unittest import mock

import pytest
from django.db import transaction

from catalog.models import Dataset, ResourceVersion
from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    deferred_refresh,
    delete_dataset,
    publish_dataset,
    refresh_derived_fields,
    replace_resource_file,
    unpublish_dataset,
    update_dataset,
)
from catalog.tests.conftest import upload
from core.errors import InvalidInput, PermissionDenied, TooLarge
from core.models import AuditEntry
from tests.fixtures import actor


@pytest.mark.django_db
def test_editor_creates_a_draft_and_publishes_it(make_dataset, editor):
    dataset = make_dataset(publish=False)
    assert dataset.state == Dataset.State.DRAFT
    publish_dataset(actor=actor(editor), dataset=dataset)
    assert dataset.state == Dataset.State.PUBLISHED and dataset.published_at is not None
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == ["dataset.create", "resource.create", "dataset.publish"]


@pytest.mark.django_db
def test_viewers_and_outsiders_cannot_write(org, viewer, outsider, make_dataset):
    with pytest.raises(PermissionDenied):
        create_dataset(actor=actor(viewer), organisation=org,
                       data=DatasetData(slug="x1", title="x"))
    dataset = make_dataset()
    for who in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            update_dataset(actor=actor(who), dataset=dataset,
                           data=DatasetData(slug=dataset.slug, title="乗っ取り"))
        with pytest.raises(PermissionDenied):
            delete_dataset(actor=actor(who), dataset=dataset)


@pytest.mark.django_db
def test_validation_errors_name_the_fields(org, editor):
    with pytest.raises(InvalidInput) as excinfo:
        create_dataset(actor=actor(editor), organisation=org,
                       data=DatasetData(slug="Bad Slug!", title="t", licence="nope",
                                        standard="no-such-standard"))
    assert set(excinfo.value.field_errors) >= {"slug", "licence", "standard"}


@pytest.mark.django_db
def test_slugs_are_unique_and_reserved_words_refused(make_dataset, org, editor):
    make_dataset(slug="parks")
    for slug in ("parks", "new"):
        with pytest.raises(InvalidInput) as excinfo:
            create_dataset(actor=actor(editor), organisation=org,
                           data=DatasetData(slug=slug, title="t"))
        assert "slug" in excinfo.value.field_errors


@pytest.mark.django_db
def test_replacing_a_file_keeps_every_version(make_dataset, editor):
    dataset = make_dataset()
    resource = dataset.resources.get()
    version = replace_resource_file(actor=actor(editor), resource=resource,
                                    upload=upload(b"name,addr\nB,2\n", "parks-2025.csv"))
    assert version.number == 2
    resource.refresh_from_db()
    assert resource.current_version == version
    versions = ResourceVersion.objects.filter(resource=resource)
    numbers = list(versions.values_list("number", flat=True))
    assert numbers == [2, 1]
    first = resource.versions.get(number=1)
    assert first.sha256 != version.sha256


@pytest.mark.django_db
def test_content_that_does_not_match_its_claimed_type_is_refused(make_dataset, editor):
    dataset = make_dataset()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    cases = [
        (buffer.getvalue(), "data.csv"),          # an XLSX named .csv
        (b"just text", "report.pdf"),             # text named .pdf
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "tool.zip"),  # an executable
    ]
    for data, name in cases:
        with pytest.raises(InvalidInput) as excinfo:
            add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(),
                         upload=upload(data, name))
        assert "file" in excinfo.value.field_errors
    assert dataset.resources.count() == 1


@pytest.mark.django_db
def test_an_xlsx_named_xls_is_accepted(make_dataset, editor):
    dataset = make_dataset()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    resource = add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(),
                            upload=upload(buffer.getvalue(), "statistics.xls"))
    assert resource.current_version.detected_kind == "XLSX"


@pytest.mark.django_db
def test_oversized_upload_raises_too_large(make_dataset, editor, settings):
    settings.MAX_UPLOAD_BYTES = 100
    dataset = make_dataset()
    with pytest.raises(TooLarge):
        add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(),
                     upload=upload(b"a,b\n" * 100, "big.csv"))


@pytest.mark.django_db
def test_link_resources_accept_only_http_urls(make_dataset, editor):
    dataset = make_dataset()
    for url in ("javascript:alert(1)", "file:///etc/passwd", "ftp://x/y.csv"):
        with pytest.raises(InvalidInput):
            add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(), url=url)
    resource = add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(name="予算書"),
                            url="https://example.jp/budget.pdf")
    assert resource.format == "PDF"


@pytest.mark.django_db
def test_stars_and_quality_follow_the_metadata(make_dataset, editor):
    dataset = make_dataset(
        description="デモ市内の都市公園の一覧です。" * 10, title_en="Parks", tags=["公園"],
        contact_name="公園緑地課", standard="public-facilities",
    )
    assert dataset.stars == 3  # open licence, CSV
    assert dataset.quality >= 80
    unpublish_dataset(actor=actor(editor), dataset=dataset)
    assert dataset.state == Dataset.State.DRAFT


def _index_spy():
    """A spy on the search tokeniser that still does the real work."""
    from catalog import search

    return mock.patch.object(search, "index_fields", wraps=search.index_fields)


@pytest.mark.django_db
def test_deferred_refresh_tokenises_a_dataset_once_after_several_writes(make_dataset, editor):
    dataset = make_dataset(resource=False)
    who = actor(editor)
    with _index_spy() as spy, transaction.atomic(), deferred_refresh():
        add_resource(actor=who, dataset=dataset, data=ResourceData(name="一覧"),
                     url="https://example.jp/parks.csv")
        add_resource(actor=who, dataset=dataset, data=ResourceData(name="地図"),
                     url="https://example.jp/parks.json")
        update_dataset(actor=who, dataset=dataset,
                       data=DatasetData(slug=dataset.slug, title="都市公園の一覧"))
        assert spy.call_count == 0
    assert spy.call_count == 1
    stored = Dataset.objects.get(pk=dataset.pk)
    assert (stored.formats, stored.stars) == ("CSV JSON", 3)
    assert "都市公園" in stored.search_title


@pytest.mark.django_db
def test_deferred_writes_are_audited_as_usual(make_dataset, editor):
    dataset = make_dataset(resource=False)
    with transaction.atomic(), deferred_refresh():
        add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(name="一覧"),
                     url="https://example.jp/parks.csv")
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == ["dataset.create", "dataset.publish", "resource.create"]


@pytest.mark.django_db
def test_deferred_fields_equal_those_of_an_immediate_refresh(make_dataset, editor):
    dataset = make_dataset(resource=False, tags=["公園"], contact_name="公園緑地課")
    with transaction.atomic(), deferred_refresh():
        for name in ("a.csv", "b.pdf", "c.ttl"):
            add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(),
                         url=f"https://example.jp/{name}")
    deferred = Dataset.objects.values("formats", "stars", "quality", "search_tokens",
                                      "search_title").get(pk=dataset.pk)
    refresh_derived_fields(Dataset.objects.get(pk=dataset.pk))
    immediate = Dataset.objects.values("formats", "stars", "quality", "search_tokens",
                                       "search_title").get(pk=dataset.pk)
    assert deferred == immediate


@pytest.mark.django_db
def test_a_failing_deferred_block_refreshes_nothing(make_dataset, editor):
    dataset = make_dataset(resource=False)
    with _index_spy() as spy, pytest.raises(InvalidInput), transaction.atomic(), \
            deferred_refresh():
        add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(),
                     url="https://example.jp/parks.csv")
        add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(),
                     url="javascript:alert(1)")
    assert spy.call_count == 0
    assert not dataset.resources.exists()


@pytest.mark.django_db
def test_a_nested_deferred_block_leaves_the_refresh_to_the_outer_one(make_dataset, editor):
    dataset = make_dataset(resource=False)
    with _index_spy() as spy, transaction.atomic(), deferred_refresh():
        with deferred_refresh():
            add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(),
                         url="https://example.jp/parks.csv")
        assert spy.call_count == 0
    assert spy.call_count == 1


def test_deferred_refresh_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError), deferred_refresh():
        pass
