"""URLs of the catalog app."""

from django.urls import path

from catalog.views import harvest, public, staff

app_name = "catalog"

SLUG = "<slug:slug>"

urlpatterns = [
    path("", public.home, name="home"),
    path("dataset/", public.search, name="search"),
    path(f"dataset/{SLUG}/", public.dataset_detail, name="dataset"),
    path(f"dataset/{SLUG}/resource/<int:resource_id>/download/", public.resource_download,
         name="download"),
    path(f"dataset/{SLUG}/resource/<int:resource_id>/download/<str:filename>",
         public.resource_download, name="download_file"),
    path(f"dataset/{SLUG}/resource/<int:resource_id>/v/<int:number>/download/",
         public.resource_download, name="download_version"),
    path("organization/", public.organisation_list, name="organisations"),
    path("organization/<slug:slug>/", public.organisation_detail, name="organisation"),
    path("staff/", staff.dataset_list, name="staff_datasets"),
    path("staff/organizations/<slug:org_slug>/refresh-scores/", staff.refresh_scores,
         name="staff_refresh_scores"),
    path("staff/datasets/new/", staff.dataset_create, name="staff_dataset_create"),
    path(f"staff/datasets/{SLUG}/", staff.dataset_edit, name="staff_dataset_edit"),
    path(f"staff/datasets/{SLUG}/<str:action>/", staff.dataset_action,
         name="staff_dataset_action"),
    path(f"staff/datasets/{SLUG}/resources/new/", staff.resource_create,
         name="staff_resource_create"),
    path(f"staff/datasets/{SLUG}/resources/<int:resource_id>/version/",
         staff.resource_version_create, name="staff_resource_version"),
    path(f"staff/datasets/{SLUG}/resources/<int:resource_id>/delete/", staff.resource_delete,
         name="staff_resource_delete"),
    path("staff/harvest/", harvest.source_list, name="staff_harvest_sources"),
    path("staff/harvest/new/", harvest.source_create, name="staff_harvest_source_create"),
    path("staff/harvest/<int:pk>/", harvest.source_detail, name="staff_harvest_source"),
    path("staff/harvest/<int:pk>/run/", harvest.source_run, name="staff_harvest_source_run"),
]
