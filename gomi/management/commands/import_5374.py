"""python manage.py import_5374 DIR --municipality LGCODE: import a 5374 data folder."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from gomi.selectors import municipality_by_lgcode
from gomi.services import command_actor
from gomi.services.imports import import_5374


class Command(BaseCommand):
    """Import area_days/description/target/center/remarks.csv into a municipality."""

    help = "5374 のデータフォルダを取り込みます / Import a 5374 data folder"

    def add_arguments(self, parser):
        """DIR and --municipality LGCODE (both required), --no-publish."""
        parser.add_argument("dir", help="5374 data folder (area_days.csv …)")
        parser.add_argument("--municipality", required=True, help="全国地方公共団体コード")
        parser.add_argument("--no-publish", action="store_true",
                            help="do not update the catalog datasets")

    def handle(self, *args, **options):
        """Run the import and print a summary, or fail with a bilingual message."""
        folder = Path(options["dir"])
        municipality = municipality_by_lgcode(options["municipality"])
        if municipality is None:
            raise CommandError(
                f"団体コード {options['municipality']} の団体が登録されていません。 / "
                f"No organisation has the code {options['municipality']}.")
        if not folder.is_dir():
            raise CommandError(f"フォルダ {folder} がありません。 / The folder {folder} "
                               "does not exist.")
        try:
            summary = import_5374(actor=command_actor(), municipality=municipality,
                                  folder=folder, publish=not options["no_publish"])
        except ServiceError as exc:
            raise CommandError(exc.both()) from exc
        self.stdout.write(
            f"地区 {summary.areas} / 分別区分 {summary.categories} / 収集ルール {summary.rules} / "
            f"品目 {summary.items} / 休止期間 {summary.closures}\n"
            f"areas {summary.areas}, categories {summary.categories}, rules {summary.rules}, "
            f"items {summary.items}, closures {summary.closures}")
        for notice in summary.notices:
            where = f" (行 {notice.row} / line {notice.row})" if notice.row else ""
            self.stdout.write(f"  ! {notice.message_ja} / {notice.message_en}{where}")
