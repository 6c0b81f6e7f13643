"""Run harvest sources now (or enqueue them), and print each run's report.

From cron or a systemd timer, hourly: ``manage.py run_harvest --due`` runs the sources whose
schedule (daily, weekly) says a run is due. ``--enqueue`` hands the runs to the task worker.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from catalog.harvest.services import due_sources, request_harvest, run_now, system_actor
from catalog.models import HarvestSource


class Command(BaseCommand):
    """manage.py run_harvest [--source ID] [--due] [--full] [--enqueue] [--json]"""

    help = "Harvest one source or all active ones now and print the reports."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, help="only this source (even if inactive)")
        parser.add_argument("--due", action="store_true",
                            help="only active sources whose schedule says a run is due")
        parser.add_argument("--full", action="store_true",
                            help="fetch every dataset's details, not only those changed")
        parser.add_argument("--enqueue", action="store_true",
                            help="create jobs for the task worker instead of running here")
        parser.add_argument("--json", action="store_true", help="print the reports as JSON")

    def handle(self, *args, **options):
        if options["source"] is not None:
            sources = list(HarvestSource.objects.filter(pk=options["source"])
                           .select_related("organisation"))
            if not sources:
                raise CommandError(f"no harvest source with id {options['source']}")
        elif options["due"]:
            sources = due_sources()
        else:
            sources = list(HarvestSource.objects.filter(active=True)
                           .select_related("organisation"))
        if options["enqueue"]:
            actor = system_actor()
            for source in sources:
                job = request_harvest(actor=actor, source=source, full=options["full"])
                self.stdout.write(f"source #{source.pk}: job #{job.pk}")
            return
        reports, failed = [], 0
        for source in sources:
            job, report = run_now(source, full=options["full"])
            if report is None:
                self.stdout.write(f"source #{source.pk}: another run is in progress")
                continue
            failed += bool(report.failed)
            if options["json"]:
                reports.append({**report.as_dict(), "job": job.pk})
            else:
                self.stdout.write("\n".join([*report.lines(), f"job #{job.pk}", ""]))
        if options["json"]:
            self.stdout.write(json.dumps(reports, ensure_ascii=False, indent=1))
        if failed:
            raise CommandError(f"{failed} source(s) failed")
