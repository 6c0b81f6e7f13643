"""The NinjaAPI instance of /api/v1/."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from catalog.api import errors, read, write  # noqa: F401 - write registers its operations
from core.errors import both

DESCRIPTION = (
    "官民データ活用基盤 Kanmin のAPIです。読み取りは誰でも、書き込みにはAPIトークンが"
    "必要です（Authorization: Bearer kmn_…）。"
    "エラーはすべて同じ形（error, message, fields）で返ります。\n\n"
    "The Kanmin API. Anyone may read; writes need an API token (Authorization: Bearer kmn_…). "
    "Every error has the same shape (error, message, fields). A CKAN-compatible Action API is "
    "also served at /api/3/action/, and DCAT-AP 3 at /catalog.ttl, .jsonld and .rdf."
)


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Japanese text as UTF-8 rather than \\u escapes (as the CKAN API sends)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Kanmin API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,  # django-ninja's page loads Swagger UI from a CDN; see catalog.api.docs
    openapi_url="/openapi.json",
    renderer=Utf8JSONRenderer(),
)
errors.install(api)
api.add_router("", read.router)


def unknown_path(request, *args, **kwargs):
    """A URL under /api/v1/ that no operation serves."""
    body = {"error": "not_found", "message": both(_("ページが見つかりません")), "fields": {}}
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})


def openapi_document() -> dict:
    """The OpenAPI document of the API (the same as /api/v1/openapi.json)."""
    return api.get_openapi_schema()
