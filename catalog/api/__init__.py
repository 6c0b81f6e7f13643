"""Kanmin's own REST API (/api/v1/), built with django-ninja.

Reads use the same selectors as the pages (a token or session shows members their private
datasets and drafts); writes need an API token and call the catalog services. The OpenAPI
document is committed at openapi/v1.json (``manage.py export_openapi``); /api/v1/docs renders
it as an accessible page with no external assets.
"""
