"""Run the periodic tasks every minute (``--once``: run what is due now and stop)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from core import schedule


class Command(BaseCommand):
    """The scheduler process started beside the job worker."""

    help = "Run the registered periodic tasks (reminders, metric snapshots) every minute."

    def add_arguments(self, parser) -> None:
        """--once: a single pass, for cron or tests."""
        parser.add_argument("--once", action="store_true", help="run what is due, then stop")

    def handle(self, *args, once: bool = False, **options) -> None:
        """Loop until stopped, waking at the start of every minute."""
        while True:
            ran = schedule.run_due(now=timezone.now())
            if ran:
                self.stdout.write("ran: " + ", ".join(ran))
            if once:
                return
            time.sleep(60 - timezone.now().second % 60)
