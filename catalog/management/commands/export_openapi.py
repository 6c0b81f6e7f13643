"""Write the native API's OpenAPI document: `python manage.py export_openapi`."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from catalog.api.main import openapi_document

DEFAULT_PATH = Path(settings.BASE_DIR) / "openapi" / "v1.json"


def render_document() -> str:
    """The document as committed: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(openapi_document(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    """Regenerate openapi/v1.json from the code (a test fails when the two differ)."""

    help = "Write the OpenAPI 3 document of /api/v1/ to openapi/v1.json (or --output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(DEFAULT_PATH),
                            help="where to write the document ('-' for standard output)")

    def handle(self, *args, output: str, **options):
        text = render_document()
        if output == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        unchanged = path.exists() and path.read_text(encoding="utf-8") == text
        path.write_text(text, encoding="utf-8")
        state = "unchanged" if unchanged else "written"
        self.stdout.write(f"{path} ({state})")
