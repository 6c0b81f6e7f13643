"""The guard scans every new resource version: the issue's acceptance vectors end to end."""

from __future__ import annotations

import logging

import pytest

from catalog.extensions import resource_show_extras
from catalog.services import DatasetData, ResourceData, add_resource, create_dataset
from core.models import AuditEntry
from privacy.models import GuardScan
from privacy.services import guard
from privacy.tests.test_guard_support import (
    NUMBERS,
    absent,
    full_width,
    grouped,
    ingest,
    person_csv,
    upload,
)
from tests.fixtures import actor


def _add(org, editor, data: bytes, name: str = "people.csv", **kwargs):
    who = actor(editor)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug="scan-test", title="検査"))
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name="名簿"),
                            upload=upload(data, name) if data is not None else None, **kwargs)
    resource.refresh_from_db()
    return resource


def _scan(resource) -> GuardScan:
    return GuardScan.objects.get(version=resource.current_version)


def test_the_acceptance_check_digits_hold():
    from jp.mynumber import is_valid

    assert is_valid("621498320257") and not is_valid("621498320258")


@pytest.mark.django_db
def test_a_column_named_kojin_bangou_of_valid_numbers_is_blocked(org, editor):
    scan = _scan(_add(org, editor, person_csv("個人番号")))
    assert scan.outcome == GuardScan.Outcome.BLOCK
    assert scan.counts["mynumber"] == len(NUMBERS)


@pytest.mark.django_db
def test_the_same_numbers_under_kanri_bangou_are_a_warning(org, editor):
    scan = _scan(_add(org, editor, person_csv("管理番号")))
    assert scan.outcome == GuardScan.Outcome.WARN
    assert scan.counts["mynumber"] == len(NUMBERS)


@pytest.mark.django_db
def test_grouped_numbers_are_caught(org, editor):
    scan = _scan(_add(org, editor, person_csv("個人番号", forms=grouped)))
    assert scan.outcome == GuardScan.Outcome.BLOCK


@pytest.mark.django_db
def test_full_width_grouped_numbers_are_caught(org, editor):
    data = person_csv("個人番号", forms=lambda n: full_width(grouped(n)))
    scan = _scan(_add(org, editor, data))
    assert scan.outcome == GuardScan.Outcome.BLOCK


@pytest.mark.django_db
def test_findings_give_row_column_and_a_fully_masked_value(org, editor):
    scan = _scan(_add(org, editor, person_csv("個人番号")))
    first = scan.findings[0]
    assert (first["row"], first["column"], first["header"]) == (2, 4, "個人番号")
    assert set(first["masked"]) == {"*"}


@pytest.mark.django_db
def test_the_ingestion_job_scans_the_parsed_table_before_the_version_is_ready(org, editor):
    resource = _add(org, editor, person_csv("個人番号"))
    GuardScan.objects.filter(version=resource.current_version).update(
        outcome=GuardScan.Outcome.PENDING, counts={}, findings=[])
    ingestion = ingest(resource.current_version)
    assert ingestion.state == ingestion.State.READY
    assert _scan(resource).outcome == GuardScan.Outcome.BLOCK


@pytest.mark.django_db
def test_a_large_tabular_file_stays_pending_until_its_ingestion(org, editor, monkeypatch):
    monkeypatch.setattr(guard, "SYNC_MAX_BYTES", 10)
    resource = _add(org, editor, person_csv("個人番号"))
    assert _scan(resource).outcome == GuardScan.Outcome.PENDING
    ingest(resource.current_version)
    assert _scan(resource).outcome == GuardScan.Outcome.BLOCK


@pytest.mark.django_db
def test_a_file_no_reader_understands_is_unscannable(org, editor):
    resource = _add(org, editor, b"%PDF-1.4\n%binary\n", name="report.pdf")
    scan = _scan(resource)
    assert (scan.outcome, scan.note) == (GuardScan.Outcome.UNSCANNABLE, GuardScan.Note.UNREADABLE)


@pytest.mark.django_db
def test_a_link_cannot_be_scanned_and_says_so(org, editor):
    resource = _add(org, editor, None, url="https://example.org/data.csv")
    extras = resource_show_extras(resource)["privacy_guard"]
    assert (extras["outcome"], extras["note"]) == ("unscannable", "link")


@pytest.mark.django_db
def test_no_detected_number_is_stored_in_guard_scans_or_the_audit_log(org, editor, org_admin):
    resource = _add(org, editor, person_csv("個人番号", forms=grouped))
    guard.override_block(actor=actor(org_admin), scan=_scan(resource),
                         reason="検証用の架空の番号であることを確認済み")
    dump = []
    for model in (GuardScan, AuditEntry):
        for row in model.objects.values():
            dump.extend(str(v) for v in row.values())
    assert dump and absent("\n".join(dump))


@pytest.mark.django_db
def test_no_detected_number_reaches_the_logs(org, editor, caplog):
    caplog.set_level(logging.DEBUG)
    resource = _add(org, editor, person_csv("個人番号"))
    ingest(resource.current_version)
    assert caplog.records and absent(caplog.text)
