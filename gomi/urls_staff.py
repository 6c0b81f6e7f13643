"""URLs of the gomi staff screens (under /staff/, so the two-factor middleware guards them)."""

from django.urls import path

from gomi.views_staff import dictionary, drafts, notices, overview, preview, schedule

BASE = "staff/gomi/<str:lgcode>/"

urlpatterns = [
    path("staff/gomi/", overview.index, name="staff_index"),
    path(BASE, overview.overview, name="staff_overview"),
    path(f"{BASE}import/5374/", overview.import_5374, name="staff_import_5374"),
    path(f"{BASE}import/csv/", overview.import_csv, name="staff_import_csv"),
    path(f"{BASE}export/5374.zip", overview.export_5374, name="staff_export_5374"),
    path(f"{BASE}export/sorting.csv", overview.export_csv, name="staff_export_csv"),
    path(f"{BASE}areas/", schedule.area_list, name="staff_areas"),
    path(f"{BASE}areas/new/", schedule.area_edit, name="staff_area_new"),
    path(f"{BASE}areas/<int:pk>/", schedule.area_edit, name="staff_area"),
    path(f"{BASE}areas/<int:pk>/delete/", schedule.area_delete, name="staff_area_delete"),
    path(f"{BASE}areas/<int:pk>/rules/<int:category_id>/", schedule.rule_edit,
         name="staff_rule"),
    path(f"{BASE}categories/", schedule.category_list, name="staff_categories"),
    path(f"{BASE}categories/new/", schedule.category_edit, name="staff_category_new"),
    path(f"{BASE}categories/<int:pk>/", schedule.category_edit, name="staff_category"),
    path(f"{BASE}categories/<int:pk>/delete/", schedule.category_delete,
         name="staff_category_delete"),
    path(f"{BASE}closures/", schedule.closure_list, name="staff_closures"),
    path(f"{BASE}closures/policy/", schedule.closure_policy, name="staff_closure_policy"),
    path(f"{BASE}closures/<int:pk>/delete/", schedule.closure_delete,
         name="staff_closure_delete"),
    path(f"{BASE}items/", dictionary.item_list, name="staff_items"),
    path(f"{BASE}items/new/", dictionary.item_edit, name="staff_item_new"),
    path(f"{BASE}items/<int:pk>/", dictionary.item_edit, name="staff_item"),
    path(f"{BASE}items/<int:pk>/delete/", dictionary.item_delete, name="staff_item_delete"),
    path(f"{BASE}translations/<str:kind>/<int:pk>/", dictionary.translations,
         name="staff_translations"),
    path(f"{BASE}preview/", preview.preview, name="staff_preview"),
    path(f"{BASE}draft/", drafts.draft, name="staff_draft"),
    path(f"{BASE}draft/publish/", drafts.publish, name="staff_draft_publish"),
    path(f"{BASE}draft/discard/", drafts.discard_all, name="staff_draft_discard"),
    path(f"{BASE}draft/<int:pk>/discard/", drafts.discard_one,
         name="staff_draft_discard_change"),
    path(f"{BASE}notices/", notices.notices, name="staff_notices"),
    path(f"{BASE}notices/<int:pk>/withdraw/", notices.notice_withdraw,
         name="staff_notice_withdraw"),
    path(f"{BASE}misses/", overview.misses, name="staff_misses"),
]
