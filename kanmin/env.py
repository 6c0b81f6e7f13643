"""Typed readers for ``KANMIN_*`` environment variables.

Settings come from the environment only (DESIGN.md rule 3). Each helper names the
variable without its prefix, returns a typed value and fails loudly on a malformed one,
so a typo in production never silently falls back to an unsafe default.
"""

from __future__ import annotations

import os
from pathlib import Path

PREFIX = "KANMIN_"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(RuntimeError):
    """A KANMIN_* variable has a value Kanmin cannot use."""


def raw(name: str) -> str | None:
    """The variable's raw value, or None when unset."""
    return os.environ.get(PREFIX + name)


def env_str(name: str, default: str = "") -> str:
    """A string variable."""
    value = raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean variable: 1/true/yes/on or 0/false/no/off."""
    value = raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{PREFIX}{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    """An integer variable."""
    value = raw(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{PREFIX}{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list variable."""
    value = raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    """A filesystem path variable, made absolute."""
    value = raw(name)
    return (Path(value) if value else default).expanduser().resolve()
