"""URLs of the plan pages: staff pages under /staff/plan/, the public page under /plan/."""

from django.urls import path

from plan.views import manage, measures, pages, rounds

app_name = "plan"

urlpatterns = [
    path("staff/plan/", pages.plan_list, name="staff_plans"),
    path("staff/plan/<int:plan_id>/", pages.dashboard, name="dashboard"),
    path("staff/plan/<int:plan_id>/document/", pages.document_html, name="document"),
    path("staff/plan/<int:plan_id>/document.pdf", pages.document_pdf, name="document_pdf"),
    path("staff/plan/<int:plan_id>/progress.<str:fmt>", pages.progress_export,
         name="progress_export"),
    path("staff/plan/<int:plan_id>/rounds/", rounds.round_list, name="rounds"),
    path("staff/plan/<int:plan_id>/manage/", manage.manage, name="manage"),
    path("staff/plan/<int:plan_id>/edit/", manage.edit, name="edit"),
    path("staff/plan/<int:plan_id>/grading/", manage.thresholds, name="thresholds"),
    path("staff/plan/<int:plan_id>/visibility/", manage.visibility, name="visibility"),
    path("staff/plan/<int:plan_id>/revisions/", manage.revisions, name="revisions"),
    path("staff/plan/<int:plan_id>/revisions/<int:number>/", manage.revision, name="revision"),
    path("staff/plan/<int:plan_id>/reporters/", measures.reporters, name="reporters"),
    path("staff/plan/<int:plan_id>/reporters/<int:reporter_id>/remove/",
         measures.reporter_remove, name="reporter_remove"),
    path("staff/plan/<int:plan_id>/measures/<int:measure_id>/", measures.measure,
         name="measure"),
    path("staff/plan/<int:plan_id>/measures/<int:measure_id>/datasets/", measures.datasets,
         name="measure_datasets"),
    path("staff/plan/<int:plan_id>/measures/<int:measure_id>/kpis/new/", measures.kpi_form,
         name="kpi_new"),
    path("staff/plan/<int:plan_id>/measures/<int:measure_id>/kpis/<int:kpi_id>/",
         measures.kpi_form, name="kpi"),
    path("staff/plan/<int:plan_id>/measures/<int:measure_id>/kpis/<int:kpi_id>/delete/",
         measures.kpi_delete, name="kpi_delete"),
    path("staff/plan/<int:plan_id>/measures/<int:measure_id>/milestones/new/",
         measures.milestone_form, name="milestone_new"),
    path("staff/plan/<int:plan_id>/measures/<int:measure_id>/milestones/<int:milestone_id>/",
         measures.milestone_form, name="milestone"),
    path("staff/plan/<int:plan_id>/measures/<int:measure_id>/milestones/<int:milestone_id>/"
         "delete/", measures.milestone_delete, name="milestone_delete"),
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
