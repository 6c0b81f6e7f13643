"""URLs of the privacy app: the guard's staff pages and the anonymisation screens."""

from django.urls import include, path

app_name = "privacy"

urlpatterns = [
    path("", include("privacy.urls_guard")),
    path("", include("privacy.urls_release")),
]
