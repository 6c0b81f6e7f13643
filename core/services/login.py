"""Login throttling: too many failures for an account or an address lock it out for a while."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.models import LoginAttempt


def _key(kind: str, value: str) -> str:
    # Hashed so that neither usernames nor addresses are kept in clear.
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def _keys(username: str, ip: str | None) -> list[str]:
    keys = [_key("user", (username or "").strip().lower())]
    if ip:
        keys.append(_key("ip", ip))
    return keys


def is_throttled(username: str, ip: str | None) -> bool:
    """True when the account or the address has too many recent failures."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)
    for key in _keys(username, ip):
        if LoginAttempt.objects.filter(key=key, created__gte=since).count() >= (
            settings.LOGIN_THROTTLE_ATTEMPTS
        ):
            return True
    return False


def record_failure(username: str, ip: str | None) -> None:
    """Remember a failed login and forget failures older than the window."""
    LoginAttempt.objects.bulk_create([LoginAttempt(key=k) for k in _keys(username, ip)])
    cutoff = timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)
    LoginAttempt.objects.filter(created__lt=cutoff).delete()


def clear_failures(username: str) -> None:
    """Forget an account's failures after a successful login."""
    LoginAttempt.objects.filter(key=_key("user", (username or "").strip().lower())).delete()
