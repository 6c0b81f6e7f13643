"""The audit log is append-only and its hash chain detects tampering."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.actor import Actor
from core.models import AuditEntry
from core.services import audit
from tests.fixtures import actor


@pytest.mark.django_db
def test_entries_chain_to_the_previous_hash(editor):
    first = audit.record(actor=actor(editor), action="test.one", details={"n": 1})
    second = audit.record(actor=actor(editor), action="test.two", details={"n": 2})
    assert first.prev_hash == audit.GENESIS
    assert second.prev_hash == first.entry_hash
    assert audit.verify_chain().ok
    assert second.created.utcoffset() is not None  # timestamp with offset


@pytest.mark.django_db
def test_a_changed_entry_breaks_verification(editor):
    audit.record(actor=actor(editor), action="test.one")
    victim = audit.record(actor=actor(editor), action="test.two")
    audit.record(actor=actor(editor), action="test.three")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = %s WHERE id = %s",
                       ["test.forged", victim.pk])
    result = audit.verify_chain()
    assert not result.ok
    assert result.broken_at == victim.pk
    with pytest.raises(CommandError, match="tampered"):
        call_command("verify_audit_log")


@pytest.mark.django_db
def test_a_removed_entry_breaks_verification(editor):
    audit.record(actor=actor(editor), action="test.one")
    victim = audit.record(actor=actor(editor), action="test.two")
    after = audit.record(actor=actor(editor), action="test.three")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [victim.pk])
    assert audit.verify_chain().broken_at == after.pk


@pytest.mark.django_db
def test_verify_command_passes_on_an_intact_log(editor, capsys):
    audit.record(actor=actor(editor), action="test.one")
    call_command("verify_audit_log")
    assert "1 entries verified" in capsys.readouterr().out


@pytest.mark.django_db
def test_entries_cannot_be_updated_or_deleted_through_the_orm(editor):
    entry = audit.record(actor=actor(editor), action="test.one")
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(action="x")


@pytest.mark.django_db
def test_entries_record_who_what_and_where(editor, org):
    entry = audit.record(actor=Actor(user=editor, ip="198.51.100.7"), action="test.where",
                         organisation=org, target=org)
    entry.refresh_from_db()
    assert entry.actor_label == "editor"
    assert entry.ip == "198.51.100.7"
    assert entry.organisation == org
    assert entry.target_type == "organisation"
    assert entry.target_id == str(org.pk)
