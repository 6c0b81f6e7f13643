"""Staff screen: attach a Frictionless Table Schema to a resource (or remove it). Writes go
through tabular.schemas; the current version is checked again at once."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actor import Actor
from core.errors import ServiceError
from tabular import schemas
from tabular.forms import TableSchemaForm
from tabular.views.staff import _apply_errors, _editable


@login_required
def table_schema(request, slug: str, resource_id: int):
    """Show the attached schema and a form to attach (or replace) one."""
    found = _editable(request, slug, resource_id)
    form = TableSchemaForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                descriptor = schemas.parse_table_schema(form.cleaned_data["raw"])
                schemas.attach_table_schema(actor=Actor.from_request(request),
                                            resource=found.resource, descriptor=descriptor)
            except ServiceError as exc:
                for error in exc.field_errors.get("schema", []):
                    form.add_error(None, str(error))
                if "schema" not in exc.field_errors:
                    _apply_errors(form, exc)
            else:
                messages.success(request, _("テーブルスキーマを設定しました。"
                                            "現在の版をこのスキーマで検査し直します。"))
                return redirect("tabular:staff_schema", slug=slug, resource_id=resource_id)
    current = schemas.schema_for(found.resource)
    return render(request, "tabular/table_schema.html", {
        "form": form, "dataset": found.dataset, "resource": found.resource,
        "current": json.dumps(current, ensure_ascii=False, indent=2) if current else "",
        "field_names": [f.get("name") for f in current["fields"]] if current else [],
    }, status=status)


@login_required
@require_POST
def remove_table_schema(request, slug: str, resource_id: int):
    """Remove the attached schema: back to matching the standard datasets."""
    found = _editable(request, slug, resource_id)
    if schemas.detach_table_schema(actor=Actor.from_request(request), resource=found.resource):
        messages.success(request, _("テーブルスキーマを外しました。"
                                    "標準データセットで検査し直します。"))
    return redirect("tabular:staff_schema", slug=slug, resource_id=resource_id)
