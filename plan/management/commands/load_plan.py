"""manage.py load_plan FILE | --example NAME [--organisation SLUG]: load a plan, print its id."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from core.models import Organisation
from plan import importer


class Command(BaseCommand):
    """Load a kanmin-plan/1 file (or a shipped example) and print the plan's id."""

    help = ("計画ファイル（kanmin-plan/1）を読み込み、計画のIDを表示します / "
            "Load a plan file (kanmin-plan/1) and print the plan's id")

    def add_arguments(self, parser):
        """FILE or --example NAME, and optionally the organisation to load into."""
        parser.add_argument("file", nargs="?", help="YAML or JSON file")
        parser.add_argument("--example", choices=importer.EXAMPLES,
                            help="a plan shipped with Kanmin")
        parser.add_argument("--organisation", help="organisation slug (default: by lgcode)")

    def handle(self, *args, **options):
        """Validate, load and print the id (errors name their path, in both languages)."""
        if bool(options["file"]) == bool(options["example"]):
            raise CommandError("FILE か --example NAME のどちらかを指定してください / "
                               "give either FILE or --example NAME")
        path = importer.example_path(options["example"]) if options["example"] \
            else options["file"]
        try:
            doc = importer.read_file(path)
            organisation = None
            if options["organisation"]:
                organisation = Organisation.objects.filter(slug=options["organisation"]).first()
                if organisation is None:
                    raise CommandError(f"団体がありません / no such organisation: "
                                       f"{options['organisation']}")
            result = importer.load(actor=importer.loader_actor(), doc=doc,
                                   organisation=organisation)
        except importer.PlanFormatInvalid as exc:
            raise CommandError("計画ファイルに誤りがあります / the plan file has errors:\n"
                               + str(exc)) from exc
        except ServiceError as exc:
            raise CommandError(exc.both()) from exc
        note = "" if result.created else " (already loaded / 読み込み済み)"
        self.stderr.write(f"{result.plan.organisation.slug}: {result.measures} measures, "
                          f"{result.kpis} KPIs{note}")
        self.stdout.write(str(result.plan.pk))
