"""Staff screens: list, create, edit, publish, unpublish and delete datasets and resources."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog import selectors, services
from catalog.forms import DatasetForm, NewVersionForm, ResourceForm
from catalog.models import Dataset
from catalog.services import DatasetData
from core.actor import Actor
from core.errors import NotFound, PermissionDenied, ServiceError, TooLarge
from core.models import Organisation, Role
from core.permissions import editable_organisations, has_role


def _lang() -> str:
    return translation.get_language() or "ja"


def _apply_errors(form, exc: ServiceError) -> None:
    for field, errs in exc.field_errors.items():
        for err in errs:
            form.add_error(field if field in form.fields else None, str(err))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))


def _editable_dataset(request, slug: str) -> tuple[Actor, Dataset]:
    actor = Actor.from_request(request)
    try:
        dataset = selectors.dataset_for(actor, slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if not has_role(actor, dataset.organisation, "editor"):
        raise Http404(_("データセットが見つかりません"))
    return actor, dataset


@login_required
def dataset_list(request):
    """Datasets of the organisations the user edits."""
    actor = Actor.from_request(request)
    orgs = list(editable_organisations(actor))
    datasets = (
        Dataset.objects.filter(organisation__in=orgs).exclude(state=Dataset.State.DELETED)
        .select_related("organisation").order_by("-modified")[:500]
    )
    admin_orgs = [o for o in orgs if has_role(actor, o, Role.ADMIN)]
    return render(request, "catalog/staff/dataset_list.html",
                  {"datasets": datasets, "organisations": orgs, "admin_orgs": admin_orgs})


@login_required
def dataset_create(request):
    """Create a dataset in one of the user's organisations."""
    actor = Actor.from_request(request)
    orgs = list(editable_organisations(actor))
    if not orgs:
        raise Http404(_("編集できる団体がありません"))
    org = orgs[0]
    wanted = request.POST.get("organisation") or request.GET.get("organisation")
    if wanted:
        org = next((o for o in orgs if o.slug == wanted), None)
        if org is None:
            raise Http404(_("団体が見つかりません"))
    form = DatasetForm(request.POST or None, organisation=org, language=_lang(),
                       initial={"licence": "cc-by-4.0", "update_frequency": "irregular"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                dataset = services.create_dataset(actor=actor, organisation=org,
                                                  data=form.to_data())
            except ServiceError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("データセットを作成しました（下書き）"))
                return redirect("catalog:staff_dataset_edit", slug=dataset.slug)
        status = 400
    return render(request, "catalog/staff/dataset_form.html",
                  {"form": form, "org": org, "organisations": orgs, "dataset": None},
                  status=status)


@login_required
def dataset_edit(request, slug: str):
    """Edit a dataset's metadata and manage its resources."""
    actor, dataset = _editable_dataset(request, slug)
    initial = DatasetForm.initial_from(DatasetData.from_dataset(dataset))
    form = DatasetForm(request.POST or None, organisation=dataset.organisation,
                       language=_lang(), initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_dataset(actor=actor, dataset=dataset, data=form.to_data())
            except ServiceError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("保存しました"))
                return redirect("catalog:staff_dataset_edit", slug=dataset.slug)
        status = 400
    resources = dataset.resources.filter(deleted=False).select_related("current_version")
    return render(request, "catalog/staff/dataset_form.html", {
        "form": form, "org": dataset.organisation, "dataset": dataset, "resources": resources,
        "resource_form": ResourceForm(),
    }, status=status)


@login_required
@require_POST
def dataset_action(request, slug: str, action: str):
    """Publish, unpublish or delete a dataset."""
    actor, dataset = _editable_dataset(request, slug)
    handlers = {
        "publish": (services.publish_dataset, _("公開しました")),
        "unpublish": (services.unpublish_dataset, _("非公開（下書き）に戻しました")),
        "delete": (services.delete_dataset, _("削除しました")),
    }
    if action not in handlers:
        raise Http404("unknown action")
    handler, done = handlers[action]
    try:
        handler(actor=actor, dataset=dataset)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        return redirect("catalog:staff_dataset_edit", slug=dataset.slug)
    messages.success(request, done)
    if action == "delete":
        return redirect("catalog:staff_datasets")
    return redirect("catalog:staff_dataset_edit", slug=dataset.slug)


@login_required
def resource_create(request, slug: str):
    """Add a resource (upload or URL) to a dataset."""
    actor, dataset = _editable_dataset(request, slug)
    form = ResourceForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_resource(actor=actor, dataset=dataset, data=form.to_data(),
                                      upload=form.cleaned_data.get("file"),
                                      url=form.cleaned_data.get("url") or "")
            except TooLarge as exc:
                _apply_errors(form, exc)
                status = 413
            except ServiceError as exc:
                _apply_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("リソースを追加しました"))
                return redirect("catalog:staff_dataset_edit", slug=dataset.slug)
        else:
            status = 400
    return render(request, "catalog/staff/resource_form.html",
                  {"form": form, "dataset": dataset}, status=status)


@login_required
def resource_version_create(request, slug: str, resource_id: int):
    """Replace a resource's file: a new version, the old ones stay."""
    actor, dataset = _editable_dataset(request, slug)
    try:
        resource = selectors.resource_for(actor, dataset, resource_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    form = NewVersionForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.replace_resource_file(actor=actor, resource=resource,
                                               upload=form.cleaned_data.get("file"),
                                               url=form.cleaned_data.get("url") or "")
            except TooLarge as exc:
                _apply_errors(form, exc)
                status = 413
            except ServiceError as exc:
                _apply_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("新しい版を登録しました"))
                return redirect("catalog:staff_dataset_edit", slug=dataset.slug)
        else:
            status = 400
    return render(request, "catalog/staff/version_form.html",
                  {"form": form, "dataset": dataset, "resource": resource}, status=status)


@login_required
@require_POST
def resource_delete(request, slug: str, resource_id: int):
    """Remove a resource from a dataset (files are kept in storage)."""
    actor, dataset = _editable_dataset(request, slug)
    try:
        resource = selectors.resource_for(actor, dataset, resource_id)
        services.delete_resource(actor=actor, resource=resource)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, _("リソースを削除しました"))
    return redirect("catalog:staff_dataset_edit", slug=dataset.slug)




@login_required
@require_POST
def refresh_scores(request, org_slug: str):
    """Start a job recomputing the quality scores of an organisation's datasets."""
    actor = Actor.from_request(request)
    org = Organisation.objects.filter(slug=org_slug).first()
    if org is None:
        raise Http404(_("団体が見つかりません"))
    try:
        job = services.request_score_refresh(actor=actor, organisation=org)
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, _("再計算のジョブを登録しました"))
    return redirect("core:job", pk=job.pk)
