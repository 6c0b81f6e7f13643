"""URLs of the gomi pages."""

from django.urls import include, path

app_name = "gomi"

urlpatterns = [
    path("", include("gomi.urls_staff")),
]
