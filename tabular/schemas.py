"""User-supplied Frictionless Table Schemas: parse, attach to a resource, detach.

A resource with a schema attached is validated against it (type, required, unique, enum,
pattern, minimum/maximum…) instead of the automatically matched standard dataset; attaching or
removing one ingests the current version again so that the report follows at once.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, Pair
from core.models import Role
from core.permissions import require_role
from core.services import audit
from tabular.models import ResourceSchema

#: Largest descriptor accepted (a schema of a few hundred fields is far smaller).
MAX_SCHEMA_BYTES = 256 * 1024
#: Field types frictionless defines; the engine checks the first seven, keeps the rest as text.
FIELD_TYPES = {"string", "integer", "number", "date", "time", "datetime", "boolean", "year",
               "yearmonth", "duration", "geopoint", "geojson", "object", "array", "list", "any"}


def _bad(ja: str, en: str) -> InvalidInput:
    """The error for a descriptor that is not a usable Table Schema."""
    return InvalidInput(_("テーブルスキーマを読めませんでした"),
                        field_errors={"schema": [Pair(ja, en)]})


def parse_table_schema(raw: bytes | str) -> dict[str, Any]:
    """Parse and check a Table Schema descriptor (JSON); InvalidInput says what is wrong."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_SCHEMA_BYTES:
        raise _bad(f"テーブルスキーマが大きすぎます（上限 {MAX_SCHEMA_BYTES // 1024} KB）。",
                   f"The Table Schema is too large (limit {MAX_SCHEMA_BYTES // 1024} KB).")
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _bad("テーブルスキーマは UTF-8 の JSON で書いてください。",
                   "Write the Table Schema as UTF-8 JSON.") from None
    except json.JSONDecodeError as exc:
        raise _bad(f"JSON として読めません（{exc.lineno} 行 {exc.colno} 文字目）。",
                   f"Not valid JSON (line {exc.lineno}, column {exc.colno}).") from None
    fields = descriptor.get("fields") if isinstance(descriptor, dict) else None
    if not isinstance(fields, list) or not fields:
        raise _bad("フィールドの一覧（\"fields\"）がありません。",
                   "The schema has no list of fields (\"fields\").")
    seen: set[str] = set()
    for i, field in enumerate(fields, start=1):
        name = field.get("name") if isinstance(field, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise _bad(f"{i} 番目のフィールドに名前（\"name\"）がありません。",
                       f"Field {i} has no name (\"name\").")
        if name in seen:
            raise _bad(f"フィールド名「{name}」が重複しています。",
                       f"The field name \"{name}\" is used twice.")
        seen.add(name)
        ftype = field.get("type", "string")
        if ftype not in FIELD_TYPES:
            raise _bad(f"フィールド「{name}」の型「{ftype}」は Table Schema の型ではありません。",
                       f"The type \"{ftype}\" of field \"{name}\" is not a Table Schema type.")
        constraints = field.get("constraints", {})
        if not isinstance(constraints, dict):
            raise _bad(f"フィールド「{name}」の constraints はオブジェクトにしてください。",
                       f"The constraints of field \"{name}\" must be an object.")
    return descriptor


def schema_for(resource) -> dict[str, Any] | None:
    """The Table Schema attached to a resource, or None."""
    attached = ResourceSchema.objects.filter(resource=resource).first()
    return attached.descriptor if attached else None


def _reingest(actor: Actor, resource) -> None:
    """Ingest the resource's current version again, when it was ingested at all."""
    from tabular.models import Ingestion
    from tabular.services import queue_ingestion

    version = resource.current_version
    if version is not None and Ingestion.objects.filter(version=version).exists():
        queue_ingestion(actor=actor, version=version)


def attach_table_schema(*, actor: Actor, resource, descriptor: dict[str, Any]) -> ResourceSchema:
    """Attach (or replace) a resource's Table Schema and re-check its current version."""
    organisation = resource.dataset.organisation
    require_role(actor, organisation, Role.EDITOR)
    descriptor = parse_table_schema(json.dumps(descriptor, ensure_ascii=False))
    with transaction.atomic():
        attached, _created = ResourceSchema.objects.update_or_create(
            resource=resource, defaults={"descriptor": descriptor,
                                         "set_by": actor.user if actor.is_authenticated else None})
        audit.record(actor=actor, action="tabular.attach_schema", target=resource,
                     organisation=organisation,
                     details={"fields": len(descriptor["fields"])})
        _reingest(actor, resource)
    return attached


def detach_table_schema(*, actor: Actor, resource) -> bool:
    """Remove a resource's Table Schema (back to automatic matching); False if it had none."""
    organisation = resource.dataset.organisation
    require_role(actor, organisation, Role.EDITOR)
    with transaction.atomic():
        deleted, _ = ResourceSchema.objects.filter(resource=resource).delete()
        if deleted:
            audit.record(actor=actor, action="tabular.detach_schema", target=resource,
                         organisation=organisation, details={})
            _reingest(actor, resource)
    return bool(deleted)
