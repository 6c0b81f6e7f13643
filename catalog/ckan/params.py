"""Typed reading of action parameters (CKAN sends strings from GET/forms, JSON from bodies)."""

from __future__ import annotations

import json
import uuid

from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput, formatted


def as_bool(data: dict, key: str, default: bool = False) -> bool:
    """A boolean parameter ('true'/'false' strings or JSON booleans)."""
    value = data.get(key, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value.lower() in ("true", "1", "yes", "on"):
            return True
        if value.lower() in ("false", "0", "no", "off", ""):
            return False
    raise InvalidInput(_("真偽値を指定してください"), field_errors={key: [_("true か false")]})


def as_int(data: dict, key: str, default: int, *, lo: int = 0, hi: int = 10**9) -> int:
    """An integer parameter within bounds."""
    value = data.get(key, default)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(
            _("整数を指定してください"), field_errors={key: [_("整数を指定してください")]}
        ) from exc
    if not lo <= number <= hi:
        raise InvalidInput(
            _("値が範囲外です"),
            field_errors={key: [formatted(_("%(lo)s から %(hi)s の値"), lo=lo, hi=hi)]},
        )
    return number


def as_list(data: dict, key: str) -> list:
    """A list parameter: a JSON list, a JSON-encoded list string, or repeated values."""
    value = data.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                parsed = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise InvalidInput(
                    _("JSON のリストを指定してください"),
                    field_errors={key: [_("JSON の形式が正しくありません")]},
                ) from exc
            if isinstance(parsed, list):
                return parsed
        return [value]
    raise InvalidInput(_("リストを指定してください"), field_errors={key: [_("リストが必要です")]})


def required(data: dict, key: str) -> str:
    """A required string parameter."""
    value = data.get(key)
    if value in (None, ""):
        raise InvalidInput(
            formatted(_("必須の項目がありません: %(k)s"), k=key),
            field_errors={key: [_("必須です")]},
        )
    if not isinstance(value, str | int):
        raise InvalidInput(
            _("文字列を指定してください"), field_errors={key: [_("文字列が必要です")]}
        )
    return str(value)


def maybe_uuid(value: str) -> uuid.UUID | None:
    """The UUID in a string, or None if it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
