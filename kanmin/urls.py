"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"

urlpatterns = [
    path("admin/login/", RedirectView.as_view(pattern_name="core:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("catalog.ckan.urls")),
    path("", include("catalog.dcat.urls")),
    path("", include("catalog.api.urls")),
    path("", include("core.urls")),
    path("", include("tabular.urls")),
    path("", include("privacy.urls")),
    path("", include("gomi.urls")),
    path("", include("plan.urls")),
    path("", include("catalog.urls")),
]
