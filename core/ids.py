"""Identifiers supplied by callers (CKAN clients send their own UUIDs)."""

from __future__ import annotations

import uuid as uuid_mod

from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput


def valid_uuid(value, model):
    """A UUID from the caller (CKAN clients send ids), refused if malformed or taken."""
    try:
        parsed = uuid_mod.UUID(str(value))
    except ValueError as exc:
        raise InvalidInput(_("IDの形式が正しくありません"),
                           field_errors={"id": [_("UUIDを指定してください")]}) from exc
    if model.objects.filter(uuid=parsed).exists():
        raise InvalidInput(_("このIDは既に使われています"),
                           field_errors={"id": [_("このIDは既に使われています")]})
    return parsed
