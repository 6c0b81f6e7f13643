"""WSGI entry point (gunicorn kanmin.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kanmin.settings")
application = get_wsgi_application()
