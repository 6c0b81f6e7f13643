"""URLs of the tabular pages: a resource's table, its report, downloads, progress and the
staff controls; and the staff's "check before publishing" page."""

from django.urls import path

from tabular.views import downloads, progress, report, schema, staff, table

app_name = "tabular"

TABLE = "dataset/<slug:slug>/resource/<int:resource_id>/table/"
# Staff writes live under /staff/ so that the two-factor middleware guards them.
STAFF = "staff/datasets/<slug:slug>/resources/<int:resource_id>/table/"

urlpatterns = [
    path(TABLE, table.table_page, name="table"),
    path(f"{TABLE}status.json", progress.status_json, name="status"),
    path(f"{TABLE}report/", report.report_page, name="report"),
    path(f"{TABLE}data.geojson", downloads.geojson, name="geojson"),
    path(f"{TABLE}download/<str:fmt>/", downloads.export_table, name="export"),
    path(f"{STAFF}encoding/", staff.set_encoding, name="staff_encoding"),
    path(f"{STAFF}sheet/", staff.select_sheet, name="staff_sheet"),
    path(f"{STAFF}rerun/", staff.rerun, name="staff_rerun"),
    path(f"{STAFF}schema/", schema.table_schema, name="staff_schema"),
    path(f"{STAFF}schema/remove/", schema.remove_table_schema, name="staff_schema_remove"),
    path("staff/check/", staff.check, name="check"),
]
