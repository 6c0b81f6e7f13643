"""Staff screens of anonymised releases: choose, configure, preview, run, review, publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actor import Actor
from core.errors import NotFound, PermissionDenied, ServiceError
from core.models import Role
from core.permissions import has_role
from privacy.forms import ConfigForm, NewReleaseForm, PublishForm
from privacy.services import release as svc
from privacy.services.release_files import public_report


def _release(request, pk: int):
    """The actor and a release they may work on; 404 for anyone else."""
    actor = Actor.from_request(request)
    try:
        return actor, svc.release_for(actor, pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _form_errors(form, exc: ServiceError) -> None:
    """Show a service's refusal in the form's error summary."""
    for field, errs in exc.field_errors.items():
        for err in errs:
            form.add_error(field if field in form.fields else None, str(err))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))


@login_required
def release_list(request):
    """Releases of the organisations the user edits."""
    actor = Actor.from_request(request)
    releases = svc.releases_for(actor)[:200]
    return render(request, "privacy/release_list.html", {"releases": releases})


@login_required
def release_new(request):
    """Choose the source table and start a release."""
    actor = Actor.from_request(request)
    form = NewReleaseForm(request.POST or None, tables=svc.ready_tables(actor))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                release = svc.create_release(actor=actor, table=form.cleaned_data["table"],
                                             title=form.cleaned_data["title"])
            except ServiceError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request,
                                 _("匿名加工情報を作成しました。列の役割を設定してください"))
                return redirect("privacy:release", pk=release.pk)
        status = 400
    return render(request, "privacy/release_new.html", {"form": form}, status=status)


@login_required
def release_detail(request, pk: int):
    """Set column roles and the model; preview the search's choice (button "preview")."""
    actor, release = _release(request, pk)
    reusable = svc.reusable_maps(release)
    form = ConfigForm(request.POST or None, columns=release.columns, reusable=reusable,
                      initial=ConfigForm.initial_from(release.config, release.columns))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                svc.update_config(actor=actor, release=release, config=form.to_config())
                if request.POST.get("action") == "preview":
                    svc.preview_release(actor=actor, release=release)
            except ServiceError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("設定を保存しました"))
                return redirect("privacy:release", pk=release.pk)
        status = 400
    return render(request, "privacy/release_detail.html", {
        "release": release, "form": form, "rows": form.rows(),
        "is_admin": has_role(actor, release.organisation, Role.ADMIN),
    }, status=status)


@login_required
@require_POST
def release_run(request, pk: int):
    """Queue the full run."""
    actor, release = _release(request, pk)
    try:
        svc.run_release(actor=actor, release=release)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("匿名加工を開始しました。完了までお待ちください"))
    return redirect("privacy:release", pk=release.pk)


@login_required
def release_report(request, pk: int):
    """The report of a finished run (public part; administrators also reach the steps)."""
    actor, release = _release(request, pk)
    report = public_report(release.report)
    class_sizes = sorted(((int(k), v) for k, v in report.get("class_sizes", {}).items()))
    return render(request, "privacy/release_report.html", {
        "release": release, "report": report, "class_sizes": class_sizes,
        "levels": [(name, lv, report.get("heights", {}).get(name))
                   for name, lv in report.get("levels", {}).items()],
        "is_admin": has_role(actor, release.organisation, Role.ADMIN),
        "has_linking_map": hasattr(release, "linking_map"),
    })


@login_required
def release_processing(request, pk: int):
    """The processing steps (加工方法等情報): administrators only, each view audited."""
    actor, release = _release(request, pk)
    try:
        steps = svc.processing_steps(actor=actor, release=release)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    response = render(request, "privacy/release_processing.html",
                      {"release": release, "steps": steps})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def release_download(request, pk: int):
    """The anonymised CSV, for review before publication (audited)."""
    actor, release = _release(request, pk)
    try:
        handle = svc.open_output(actor=actor, release=release)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return FileResponse(handle, as_attachment=True, filename=f"anonymised-{release.pk}.csv",
                        content_type="text/csv; charset=utf-8")


@login_required
def release_linking_map(request, pk: int):
    """The linking map: administrators only, each download audited."""
    actor, release = _release(request, pk)
    try:
        handle = svc.open_linking_map(actor=actor, release=release)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc)) from exc
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    response = FileResponse(handle, as_attachment=True,
                            filename=f"linking-map-{release.pk}.json",
                            content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


@login_required
def release_publish(request, pk: int):
    """Publish as a new dataset with the CSV and the public report (catalog's services)."""
    actor, release = _release(request, pk)
    dataset = release.dataset
    initial = {"slug": dataset.slug if dataset else svc.default_slug(release),
               "title": dataset.title if dataset else release.title}
    form = PublishForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                dataset = svc.publish_release(actor=actor, release=release,
                                              slug=form.cleaned_data["slug"],
                                              title=form.cleaned_data["title"])
            except ServiceError as exc:
                _form_errors(form, exc)
                release.refresh_from_db()
            else:
                messages.success(request, _("データセットとして公開しました"))
                return redirect("catalog:staff_dataset_edit", slug=dataset.slug)
        status = 400
    return render(request, "privacy/release_publish.html",
                  {"release": release, "form": form}, status=status)
