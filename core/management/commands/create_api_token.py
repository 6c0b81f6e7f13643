"""Print a new API token for a user (for scripts)."""

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from core.services.tokens import token_for_username


class Command(BaseCommand):
    """manage.py create_api_token --user NAME [--name LABEL]"""

    help = "Create an API token for a user and print it (shown once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--name", default="script", help="a label for the token")

    def handle(self, *args, **options):
        try:
            _token, secret = token_for_username(options["user"], name=options["name"])
        except ServiceError as exc:
            raise CommandError(exc.both()) from exc
        self.stdout.write(secret)
