"""python manage.py export_5374 DIR --municipality LGCODE: write the schedule as 5374 files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gomi.engine.schedule import fiscal_year
from gomi.selectors import municipality_by_lgcode
from gomi.services.exports import export_5374


class Command(BaseCommand):
    """Export a municipality's schedule and dictionary to a 5374 data folder."""

    help = "5374 形式で書き出します / Export in the 5374 format"

    def add_arguments(self, parser):
        """DIR, --municipality LGCODE, and the window for rules written as dates."""
        parser.add_argument("dir")
        parser.add_argument("--municipality", required=True)
        parser.add_argument("--from", dest="start", type=date.fromisoformat, default=None)
        parser.add_argument("--to", dest="end", type=date.fromisoformat, default=None)

    def handle(self, *args, **options):
        """Write the five files (UTF-8, no BOM) into DIR."""
        municipality = municipality_by_lgcode(options["municipality"])
        if municipality is None:
            raise CommandError(
                f"団体コード {options['municipality']} の団体が登録されていません。 / "
                f"No organisation has the code {options['municipality']}.")
        today = timezone.localdate()
        start, end = fiscal_year(today.year if today.month >= 4 else today.year - 1)
        start, end = options["start"] or start, options["end"] or end
        folder = Path(options["dir"])
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in export_5374(municipality=municipality, start=start,
                                         end=end).items():
            (folder / name).write_bytes(content)
        self.stdout.write(f"{folder} に書き出しました。 / Written to {folder}.")
