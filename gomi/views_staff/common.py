"""What every gomi staff view needs: the municipality, the actor and what they may do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.actor import Actor
from core.errors import ServiceError
from core.models import Organisation, Role
from core.permissions import has_role
from gomi import selectors
from gomi.models import DraftChange


@dataclass(frozen=True)
class Staff:
    """The acting staff member and the municipality whose gomi data the page shows."""

    actor: Actor
    municipality: Organisation
    can_edit: bool

    def context(self, **extra) -> dict:
        """The template context every gomi staff page gets (draft_count: for the menu)."""
        return {"municipality": self.municipality, "lgcode": self.municipality.lgcode,
                "can_edit": self.can_edit, "public_url": f"/gomi/{self.municipality.lgcode}/",
                "draft_count": DraftChange.objects.filter(
                    municipality=self.municipality).count(),
                **extra}

    def require_edit(self) -> None:
        """Refuse a change to viewers with 403 (the services refuse it too)."""
        if not self.can_edit:
            raise PermissionDenied(_("この操作を行う権限がありません"))

    def get(self, model, pk: int):
        """One row of this municipality, 404 for another's (never revealing it exists)."""
        return get_object_or_404(model, pk=pk, municipality=self.municipality)


def staff_for(request, lgcode: str) -> Staff:
    """The Staff of a request: 404 unless the user has a role in the municipality."""
    municipality = selectors.municipality_by_lgcode(lgcode)
    actor = Actor.from_request(request)
    if municipality is None or not has_role(actor, municipality, Role.VIEWER):
        raise Http404(_("団体が見つかりません"))
    return Staff(actor=actor, municipality=municipality,
                 can_edit=has_role(actor, municipality, Role.EDITOR))


def apply_errors(form, exc: ServiceError) -> None:
    """Show a service's refusal on the form: on the field at fault, else at the top."""
    for name, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, str(error))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))


def save_form(request, staff, form, save, done: str | Callable[[Any], str]):
    """Validate, call the service and say so; returns the saved object (True when the
    service returns nothing) or None (re-render). ``done`` is the message, or a function of
    what the service returned that gives it."""
    if request.method != "POST":
        return None
    staff.require_edit()
    if not form.is_valid():
        return None
    try:
        saved = save(form)
    except ServiceError as exc:
        apply_errors(form, exc)
        return None
    messages.success(request, done(saved) if callable(done) else done)
    return saved if saved is not None else True


def form_status(request, form) -> int:
    """400 for a refused POST (so tests and tools see the failure), else 200."""
    return 400 if request.method == "POST" and form.errors else 200
