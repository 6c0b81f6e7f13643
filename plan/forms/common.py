"""Pieces shared by the plan's staff forms: the reason field and error mapping."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError


def reason_field() -> forms.CharField:
    """The required 'reason for the change' that every plan change keeps in its history."""
    return forms.CharField(
        label=_("変更理由"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("改訂履歴に残ります。例: 令和7年度の見直しによる"),
        error_messages={"required": _("変更理由を入力してください")},
    )


def apply_errors(form: forms.Form, exc: ServiceError) -> None:
    """Show a service's refusal on the form: on its fields where they exist, else on top."""
    for name, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, str(error))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))
