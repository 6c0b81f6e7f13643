"""URLs of the guard's staff pages (under /staff/, so the two-factor middleware guards them)."""

from django.urls import path

from privacy.views import guard

urlpatterns = [
    path("staff/privacy/guard/", guard.guard_list, name="guard_list"),
    path("staff/privacy/guard/versions/<int:version_id>/", guard.guard_version,
         name="guard_version"),
]
