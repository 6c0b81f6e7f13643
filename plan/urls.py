"""URLs of the plan pages: staff pages under /staff/plan/, the public page under /plan/."""

from django.urls import path

from plan.views import pages, rounds

app_name = "plan"

urlpatterns = [
    path("staff/plan/", pages.plan_list, name="staff_plans"),
    path("staff/plan/<int:plan_id>/", pages.dashboard, name="dashboard"),
    path("staff/plan/<int:plan_id>/document/", pages.document_html, name="document"),
    path("staff/plan/<int:plan_id>/document.pdf", pages.document_pdf, name="document_pdf"),
    path("staff/plan/<int:plan_id>/progress.<str:fmt>", pages.progress_export,
         name="progress_export"),
    path("staff/plan/<int:plan_id>/rounds/", rounds.round_list, name="rounds"),
    path("staff/plan/rounds/<int:round_id>/", rounds.round_detail, name="round"),
    path("staff/plan/rounds/<int:round_id>/close/", rounds.close, name="round_close"),
    path("staff/plan/rounds/<int:round_id>/report/", rounds.report, name="round_report"),
    path("staff/plan/submissions/<int:submission_id>/", rounds.submission_form,
         name="submission"),
    path("staff/plan/submissions/<int:submission_id>/review/", rounds.review, name="review"),
    path("plan/<slug:slug>/", pages.public_page, name="public"),
    path("plan/<slug:slug>/<int:plan_id>/document/", pages.public_document,
         name="public_document"),
    path("plan/<slug:slug>/<int:plan_id>/document.pdf", pages.public_document_pdf,
         name="public_document_pdf"),
]
