"""Release services: permissions, audit entries, preview, run, linking maps, publication."""

from __future__ import annotations

import csv
import io
import json

import pytest

from catalog.models import Dataset
from catalog.services import DatasetData, ResourceData, add_resource, create_dataset
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models import AuditEntry
from privacy.models import AnonymisedRelease, LinkingMap
from privacy.services import release as svc
from privacy.services.release_run import execute
from tabular.models import DataTable, Ingestion
from tabular.services import run_ingestion
from tests.fixtures import actor

TOWNS = ["本町", "栄町", "緑町", "旭町"]


def residents_csv(n: int) -> bytes:
    """A resident-like CSV (UTF-8): name, resident number, age, postal code, town, illness."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["氏名", "住民番号", "年齢", "郵便番号", "町名", "病名"])
    for i in range(n):
        writer.writerow([f"住民{i}", f"R{i:06d}", 20 + i % 60, f"444-{i % 7:04d}", TOWNS[i % 4],
                         ["A", "B", "C"][i % 3]])
    return buf.getvalue().encode("utf-8")


CONFIG = {
    "columns": {"氏名": "identifier", "住民番号": "linking",
                "年齢": {"role": "quasi", "hierarchy": "age"},
                "郵便番号": {"role": "quasi", "hierarchy": "postal_code"},
                "町名": {"role": "quasi", "hierarchy": "flat"}, "病名": "sensitive"},
    "model": {"k": 5, "l": 2, "max_suppression": 0.05}, "min_subjects": 100, "metric": "loss",
}


def make_table(org, user, *, rows: int = 400, slug: str = "residents") -> DataTable:
    """A private dataset with the resident CSV, ingested into a ready table."""
    who = actor(user)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug=slug, title="住民台帳（内部）", private=True))
    upload = io.BytesIO(residents_csv(rows))
    upload.name = "residents.csv"
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name="住民"),
                            upload=upload)
    ingestion = Ingestion.objects.get(version=resource.current_version)
    run_ingestion(ingestion)
    ingestion.refresh_from_db()
    assert ingestion.state == Ingestion.State.READY, (ingestion.error_code, ingestion.error_ja)
    return ingestion.tables.get(selected=True)


def configured_release(org, user, *, slug: str = "residents", **config) -> AnonymisedRelease:
    """A release of the resident table with the standard config (overridable)."""
    release = svc.create_release(actor=actor(user), table=make_table(org, user, slug=slug),
                                 title="テスト")
    return svc.update_config(actor=actor(user), release=release, config={**CONFIG, **config})


def done_release(org, user, *, slug: str = "residents", **config) -> AnonymisedRelease:
    """A configured release whose run has completed."""
    release = configured_release(org, user, slug=slug, **config)
    svc.run_release(actor=actor(user), release=release)
    return execute(release)


@pytest.mark.django_db
def test_an_editor_creates_a_release_from_a_ready_table_and_it_is_audited(org, editor):
    table = make_table(org, editor)
    release = svc.create_release(actor=actor(editor), table=table, title="")
    assert release.columns == ["氏名", "住民番号", "年齢", "郵便番号", "町名", "病名"]
    assert release.row_count == 400 and release.status == "draft"
    assert AuditEntry.objects.filter(action="privacy.release.create",
                                     target_id=str(release.pk)).exists()


@pytest.mark.django_db
def test_a_viewer_cannot_create_a_release(org, editor, viewer):
    table = make_table(org, editor)
    with pytest.raises(PermissionDenied):
        svc.create_release(actor=actor(viewer), table=table, title="x")


@pytest.mark.django_db
def test_an_outsider_does_not_see_the_organisations_releases(org, editor, outsider):
    release = configured_release(org, editor)
    with pytest.raises(NotFound):
        svc.release_for(actor(outsider), release.pk)


@pytest.mark.django_db
def test_ready_tables_lists_only_tables_of_editable_organisations(org, editor, outsider):
    table = make_table(org, editor)
    assert list(svc.ready_tables(actor(editor))) == [table]
    assert list(svc.ready_tables(actor(outsider))) == []


@pytest.mark.django_db
def test_configuring_an_unknown_column_is_refused(org, editor):
    release = svc.create_release(actor=actor(editor), table=make_table(org, editor), title="t")
    with pytest.raises(InvalidInput) as caught:
        svc.update_config(actor=actor(editor), release=release,
                          config={**CONFIG, "columns": {"生年月日": "identifier"}})
    assert "columns" in caught.value.field_errors


@pytest.mark.django_db
def test_a_server_path_hierarchy_is_refused_on_the_staff_side(org, editor):
    release = svc.create_release(actor=actor(editor), table=make_table(org, editor), title="t")
    columns = {**CONFIG["columns"], "町名": {"role": "quasi", "hierarchy": "csv:/etc/passwd"}}
    with pytest.raises(InvalidInput):
        svc.update_config(actor=actor(editor), release=release, config={**CONFIG,
                                                                        "columns": columns})


@pytest.mark.django_db
def test_an_invalid_model_gives_the_engines_bilingual_reason(org, editor):
    release = svc.create_release(actor=actor(editor), table=make_table(org, editor), title="t")
    with pytest.raises(InvalidInput) as caught:
        svc.update_config(actor=actor(editor), release=release,
                          config={**CONFIG, "model": {"k": 0}})
    assert "k は1以上" in caught.value.both() and "k must be" in caught.value.both()


@pytest.mark.django_db
def test_configuration_is_audited_with_role_counts_only(org, editor):
    release = configured_release(org, editor)
    entry = AuditEntry.objects.get(action="privacy.release.configure", target_id=str(release.pk))
    assert entry.details["roles"] == {"identifier": 1, "linking": 1, "quasi": 3, "sensitive": 1}


@pytest.mark.django_db
def test_a_small_table_is_previewed_at_once(org, editor):
    release = svc.preview_release(actor=actor(editor), release=configured_release(org, editor))
    assert release.preview["ok"] is True
    assert set(release.preview["levels"]) == {"年齢", "郵便番号", "町名"}
    assert release.preview["k"] >= 5


@pytest.mark.django_db
def test_a_large_table_is_previewed_by_a_job(org, editor, settings):
    settings.PRIVACY_PREVIEW_SYNC_ROWS = 10
    release = svc.preview_release(actor=actor(editor), release=configured_release(org, editor))
    assert release.preview == {"pending": True}
    assert release.preview_job.kind == "privacy.anonymise_preview"


@pytest.mark.django_db
def test_a_preview_below_the_minimum_subjects_shows_the_refusal(org, editor):
    release = configured_release(org, editor, min_subjects=1000)
    release = svc.preview_release(actor=actor(editor), release=release)
    assert release.preview["ok"] is False and release.preview["code"] == "too-few-subjects"


@pytest.mark.django_db
def test_running_queues_the_anonymise_job(org, editor):
    release = configured_release(org, editor)
    job = svc.run_release(actor=actor(editor), release=release)
    release.refresh_from_db()
    assert (job.kind, job.target, release.status) == ("privacy.anonymise", str(release.pk),
                                                      "queued")
    assert AuditEntry.objects.filter(action="privacy.release.run").count() == 1


@pytest.mark.django_db
def test_a_run_stores_the_csv_report_and_a_separate_linking_map(org, editor):
    release = done_release(org, editor)
    assert release.status == "done" and release.output is not None
    assert release.report["k"] >= 5 and "steps" in release.report
    linking = LinkingMap.objects.get(release=release)
    assert linking.columns == ["住民番号"] and linking.codes == 400
    assert linking.file_id != release.output_id


@pytest.mark.django_db
def test_each_release_gets_a_new_random_mapping(org, editor):
    first = done_release(org, editor)
    second = svc.create_release(actor=actor(editor), table=first.source_table, title="2")
    svc.update_config(actor=actor(editor), release=second, config=CONFIG)
    second = execute(second)
    assert _mapping(first)["R000001"] != _mapping(second)["R000001"]


@pytest.mark.django_db
def test_a_release_can_reuse_a_named_earlier_mapping(org, editor):
    first = done_release(org, editor)
    second = svc.create_release(actor=actor(editor), table=first.source_table, title="2")
    svc.update_config(actor=actor(editor), release=second,
                      config={**CONFIG, "reuse_linking_from": first.pk})
    second = execute(second)
    assert _mapping(second) == _mapping(first)
    assert LinkingMap.objects.get(release=second).reused_from_id == first.pk


@pytest.mark.django_db
def test_reusing_a_map_of_another_organisation_is_refused(org, editor, other_org, outsider):
    theirs = done_release(other_org, outsider, slug="their-residents")
    release = svc.create_release(actor=actor(editor), table=make_table(org, editor), title="t")
    with pytest.raises(InvalidInput) as caught:
        svc.update_config(actor=actor(editor), release=release,
                          config={**CONFIG, "reuse_linking_from": theirs.pk})
    assert "reuse_linking_from" in caught.value.field_errors


def _mapping(release) -> dict:
    """The linking map of a release, read as the system would."""
    from core.services import storage

    with storage.open_stored(LinkingMap.objects.get(release=release).file) as fh:
        return json.load(fh)["住民番号"]


@pytest.mark.django_db
def test_only_an_admin_downloads_the_linking_map_and_it_is_audited(org, editor, org_admin):
    release = done_release(org, editor)
    with pytest.raises(PermissionDenied):
        svc.open_linking_map(actor=actor(editor), release=release)
    with svc.open_linking_map(actor=actor(org_admin), release=release) as fh:
        assert "R000001" in json.load(fh)["住民番号"]
    results = list(AuditEntry.objects.filter(action="privacy.linking_map.download")
                   .values_list("actor_label", "result"))
    assert results == [("editor", "denied"), ("orgadmin", "ok")]


@pytest.mark.django_db
def test_only_an_admin_reads_the_processing_steps_and_each_view_is_audited(org, editor,
                                                                             org_admin):
    release = done_release(org, editor)
    with pytest.raises(PermissionDenied):
        svc.processing_steps(actor=actor(editor), release=release)
    steps = svc.processing_steps(actor=actor(org_admin), release=release)
    svc.processing_steps(actor=actor(org_admin), release=release)
    assert any(s["step"] == "delete-identifier" for s in steps)
    assert AuditEntry.objects.filter(action="privacy.release.view_processing",
                                     result="ok").count() == 2


@pytest.mark.django_db
def test_publication_creates_a_dataset_with_the_csv_and_the_public_report(org, editor):
    release = done_release(org, editor)
    # One click: the new files are ingested and guard-scanned in the same request.
    dataset = svc.publish_release(actor=actor(editor), release=release, slug="residents-anon")
    dataset.refresh_from_db()
    assert dataset.state == Dataset.State.PUBLISHED
    formats = sorted(r.format for r in dataset.resources.all())
    assert formats == ["CSV", "JSON"] and release.dataset == dataset
    report_resource = dataset.resources.get(format="JSON")
    from core.services import storage

    with storage.open_stored(report_resource.current_version.stored_file) as fh:
        public = json.load(fh)
    assert public["k"] == release.report["k"] and "steps" not in public


@pytest.mark.django_db
def test_publication_goes_through_catalogs_publish_and_marks_the_release(org, editor,
                                                                           monkeypatch):
    from catalog import services as catalog_services

    calls = []
    monkeypatch.setattr(catalog_services, "publish_dataset",
                        lambda *, actor, dataset: calls.append(dataset) or dataset)
    release = done_release(org, editor)
    dataset = svc.publish_release(actor=actor(editor), release=release)
    release.refresh_from_db()
    assert calls == [dataset] and release.status == "published"
    assert AuditEntry.objects.filter(action="privacy.release.publish").count() == 1


@pytest.mark.django_db
def test_a_refused_publication_keeps_the_draft_and_can_be_retried(org, editor, monkeypatch):
    from catalog import services as catalog_services

    def refuse(*, actor, dataset):
        """Refuse as the guard does while a scan is pending."""
        raise InvalidInput("個人情報の検査により公開できません")

    monkeypatch.setattr(catalog_services, "publish_dataset", refuse)
    release = done_release(org, editor)
    with pytest.raises(InvalidInput):
        svc.publish_release(actor=actor(editor), release=release)
    release.refresh_from_db()
    assert release.status == "done" and release.dataset.state == "draft"
    monkeypatch.setattr(catalog_services, "publish_dataset", lambda *, actor, dataset: dataset)
    assert svc.publish_release(actor=actor(editor), release=release) == release.dataset
    assert Dataset.objects.filter(anonymised_releases=release).count() == 1


@pytest.mark.django_db
def test_a_release_that_has_not_run_cannot_be_published(org, editor):
    release = configured_release(org, editor)
    with pytest.raises(InvalidInput):
        svc.publish_release(actor=actor(editor), release=release)


@pytest.mark.django_db
def test_the_metric_counts_published_releases(org, editor, monkeypatch):
    from catalog import services as catalog_services
    from core.metrics import get

    monkeypatch.setattr(catalog_services, "publish_dataset", lambda *, actor, dataset: dataset)
    release = done_release(org, editor)
    before = get("privacy.anonymised_releases").compute(org)
    svc.publish_release(actor=actor(editor), release=release)
    assert get("privacy.anonymised_releases").compute(org) == before + 1


@pytest.mark.django_db
def test_config_is_frozen_once_the_dataset_is_made(org, editor, monkeypatch):
    from catalog import services as catalog_services

    monkeypatch.setattr(catalog_services, "publish_dataset", lambda *, actor, dataset: dataset)
    release = done_release(org, editor)
    svc.publish_release(actor=actor(editor), release=release)
    with pytest.raises(InvalidInput):
        svc.update_config(actor=actor(editor), release=release, config=CONFIG)
