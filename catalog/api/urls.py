"""URLs of the native API (included from kanmin/urls.py)."""

from django.urls import path, re_path

from catalog.api import docs
from catalog.api.main import api, unknown_path

urlpatterns = [
    path("api/v1/docs", docs.docs_page, name="api_docs"),
    path("api/v1/", api.urls),
    # Any other URL under /api/v1/ is a JSON 404 in the API's error shape, not the HTML page.
    re_path(r"^api/v1/", unknown_path),
]
