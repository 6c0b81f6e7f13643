"""Add a harvest source from the command line and print its id."""

from django.core.management.base import BaseCommand, CommandError

from catalog.harvest import registry
from catalog.harvest.services import create_source, system_actor
from catalog.models import HarvestSource
from core.errors import ServiceError
from core.models import Organisation


class Command(BaseCommand):
    """manage.py add_harvest_source --url URL --kind ckan|dcat|kanmin --organization NAME"""

    help = "Add a harvest source whose datasets land in a local organisation; prints its id."

    def add_arguments(self, parser):
        parser.add_argument("--url", required=True,
                            help="CKAN/Kanmin site root, or the DCAT catalogue's URL")
        parser.add_argument("--kind", required=True, choices=registry.kinds())
        parser.add_argument("--organization", required=True,
                            help="slug of the local organisation the datasets land in")
        parser.add_argument("--title", default="", help="a name shown to staff")
        parser.add_argument("--schedule", default=HarvestSource.Schedule.DAILY,
                            choices=HarvestSource.Schedule.values)
        parser.add_argument("--remote-organization", default="",
                            help="CKAN/Kanmin only: harvest just this organisation of the source")
        parser.add_argument("--inactive", action="store_true", help="add it switched off")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["organization"]).first()
        if organisation is None:
            raise CommandError(f"no organisation with the slug {options['organization']!r}")
        try:
            source = create_source(
                actor=system_actor(), organisation=organisation, kind=options["kind"],
                url=options["url"], title=options["title"], schedule=options["schedule"],
                remote_organisation=options["remote_organization"],
                active=not options["inactive"],
            )
        except ServiceError as exc:
            details = "; ".join(f"{k}: {', '.join(str(m) for m in v)}"
                                for k, v in exc.field_errors.items())
            raise CommandError(exc.both() + (f" ({details})" if details else "")) from exc
        self.stdout.write(str(source.pk))
