"""The periodic task that sends e-mail reminders the evening before collection days."""

from __future__ import annotations

from datetime import datetime

from core.schedule import periodic


@periodic("gomi.reminders", minutes=1)
def send_reminders(now: datetime) -> None:
    """Every minute: mail the subscribers whose chosen time has come, drop stale sign-ups."""
    from gomi.services.reminders import purge_unconfirmed, send_due_reminders

    send_due_reminders(now=now)
    purge_unconfirmed(now=now)
