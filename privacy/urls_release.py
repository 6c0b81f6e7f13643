"""URLs of the anonymisation screens (staff only: /staff/ is guarded by two-factor login)."""

from django.urls import path

from privacy.views import release

BASE = "staff/privacy/releases/"

urlpatterns = [
    path(BASE, release.release_list, name="releases"),
    path(f"{BASE}new/", release.release_new, name="release_new"),
    path(f"{BASE}<int:pk>/", release.release_detail, name="release"),
    path(f"{BASE}<int:pk>/run/", release.release_run, name="release_run"),
    path(f"{BASE}<int:pk>/report/", release.release_report, name="release_report"),
    path(f"{BASE}<int:pk>/processing/", release.release_processing, name="release_processing"),
    path(f"{BASE}<int:pk>/download/", release.release_download, name="release_download"),
    path(f"{BASE}<int:pk>/linking-map/", release.release_linking_map,
         name="release_linking_map"),
    path(f"{BASE}<int:pk>/publish/", release.release_publish, name="release_publish"),
]
