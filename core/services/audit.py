"""Write and verify the hash-chained audit log."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from core.actor import Actor
from core.models import AuditEntry

GENESIS = "0" * 64
_LOCK_KEY = 7_021_946  # arbitrary advisory-lock id for the audit chain on PostgreSQL


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "created": entry.created.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "token_prefix": entry.token_prefix,
        "organisation": entry.organisation_id,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "result": entry.result,
        "ip": entry.ip,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()


def compute_hash(entry: AuditEntry) -> str:
    """The SHA-256 of an entry's canonical JSON (including the previous entry's hash)."""
    return hashlib.sha256(_canonical(entry)).hexdigest()


def record(
    *,
    actor: Actor,
    action: str,
    target=None,
    organisation=None,
    result: str = AuditEntry.Result.OK,
    details: dict | None = None,
) -> AuditEntry:
    """Append an entry. Callers pass only non-personal details (ids, field names, counts)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").only("entry_hash").first()
        user = actor.user if actor.is_authenticated else None
        entry = AuditEntry(
            created=timezone.now(),
            actor=user,
            actor_label=actor.label,
            token_prefix=actor.token_prefix,
            organisation=organisation,
            action=action,
            target_type=type(target).__name__.lower() if target is not None else "",
            target_id=str(getattr(target, "pk", "") or "") if target is not None else "",
            result=result,
            ip=actor.ip,
            details=details or {},
            prev_hash=last.entry_hash if last else GENESIS,
        )
        entry.entry_hash = compute_hash(entry)
        AuditEntry.objects.bulk_create([entry])
    return entry


@dataclass
class VerifyResult:
    """Outcome of a chain verification."""

    checked: int
    broken_at: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """True when every entry and link is intact."""
        return self.broken_at is None


def verify_chain() -> VerifyResult:
    """Recompute every hash in order; report the first entry that was changed or removed."""
    previous = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != previous:
            return VerifyResult(checked, entry.pk, "link to the previous entry is broken")
        if compute_hash(entry) != entry.entry_hash:
            return VerifyResult(checked, entry.pk, "entry content does not match its hash")
        previous = entry.entry_hash
        checked += 1
    return VerifyResult(checked, None)
