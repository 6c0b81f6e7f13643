"""Staff pages of the guard: the scans needing attention, one scan's findings, the override."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.actor import Actor
from core.errors import NotFound, ServiceError
from core.models import Role
from core.permissions import has_role
from privacy import selectors
from privacy.models import GuardScan
from privacy.services import guard as guard_services


class OverrideForm(forms.Form):
    """The administrator's written reason for publishing a blocked version anyway."""

    reason = forms.CharField(
        label=gettext_lazy("公開を許可する理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("監査ログに記録されます。個人番号などの値は書かないでください。"),
        max_length=2000,
    )


def _language() -> str:
    return translation.get_language() or "ja"


@login_required
def guard_list(request):
    """Versions whose scan is not clear, in the organisations the user belongs to."""
    actor = Actor.from_request(request)
    scans = list(selectors.scans_needing_attention(actor)[:500])
    return render(request, "privacy/guard_list.html", {"scans": scans})


def _counts(scan: GuardScan, language: str) -> list[dict]:
    """The scan's counts with translated kind labels, largest first."""
    return [{"kind": kind, "label": guard_services.kind_label(kind, language), "count": n}
            for kind, n in sorted(scan.counts.items(), key=lambda kv: -kv[1])]


def _findings(scan: GuardScan, language: str) -> list[dict]:
    """The kept findings with translated labels and reasons (values are already masked)."""
    en = language.startswith("en")
    return [{**f, "label": guard_services.kind_label(f["kind"], language),
             "reason": f["reason_en"] if en else f["reason_ja"]} for f in scan.findings]


@login_required
def guard_version(request, version_id: int):
    """One version's findings (row, column, kind, masked value) and the override form."""
    actor = Actor.from_request(request)
    try:
        scan = selectors.scan_for(actor, version_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    resource = scan.version.resource
    can_override = (has_role(actor, resource.dataset.organisation, Role.ADMIN)
                    and scan.outcome == GuardScan.Outcome.BLOCK and not scan.is_overridden)
    form = OverrideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_override:
            raise Http404(_("解除できる検査結果がありません"))
        if form.is_valid():
            try:
                guard_services.override_block(actor=actor, scan=scan,
                                              reason=form.cleaned_data["reason"])
            except ServiceError as exc:
                for field, errors in exc.field_errors.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, str(error))
                if not exc.field_errors:
                    form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("公開を許可しました。理由は監査ログに記録されました。"))
                return redirect("privacy:guard_version", version_id=version_id)
        status = 400
    language = _language()
    return render(request, "privacy/guard_version.html", {
        "scan": scan, "resource": resource, "dataset": resource.dataset,
        "counts": _counts(scan, language), "findings": _findings(scan, language),
        "form": form, "can_override": can_override,
    }, status=status)
