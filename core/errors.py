"""Errors raised by service functions, each carrying a translated message.

Messages are written in Japanese (the gettext source language) and translated to English;
``both()`` gives the "日本語 / English" form used by command-line tools and API envelopes.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import lazy


def both(message) -> str:
    """The message in Japanese and English, for logs-free CLI and API output."""
    with translation.override("ja"):
        ja = str(message)
    with translation.override("en"):
        en = str(message)
    return ja if ja == en else f"{ja} / {en}"


def _format(message, params: dict) -> str:
    return str(message) % params


_lazy_format = lazy(_format, str)


def formatted(message, **params):
    """A lazily translated message with %-placeholders filled in when it is rendered, so that
    both() can still give it in Japanese and in English."""
    return _lazy_format(message, params)


class Pair:
    """A message that already exists in both languages (e.g. from a pure engine without gettext):
    str() gives the one of the active language, so both() and templates work as with gettext."""

    def __init__(self, ja: str, en: str) -> None:
        self.ja = ja
        self.en = en

    def __str__(self) -> str:
        return self.en if (translation.get_language() or "ja").startswith("en") else self.ja


class ServiceError(Exception):
    """Base class: a service refused to act, with a user-facing message."""

    status = 400

    def __init__(self, message, *, field_errors: dict | None = None):
        super().__init__(str(message))
        self.message = message
        self.field_errors = field_errors or {}

    def __str__(self) -> str:
        return str(self.message)

    def both(self) -> str:
        """The message in both languages."""
        return both(self.message)


class PermissionDenied(ServiceError):
    """The actor may not do this."""

    status = 403


class NotFound(ServiceError):
    """The target does not exist or is not visible to the actor."""

    status = 404


class InvalidInput(ServiceError):
    """The input failed validation; field_errors maps field names to messages."""

    status = 409


class TooLarge(ServiceError):
    """An upload exceeds the configured size limit."""

    status = 413
