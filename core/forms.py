"""Forms for login, two-factor setup and API tokens."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    """Username, password and (for staff with an authenticator app) the 6-digit code."""

    username = forms.CharField(label=_("ユーザー名"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(label=_("パスワード"), max_length=200, strip=False,
                               widget=forms.PasswordInput(
                                   attrs={"autocomplete": "current-password"}))
    otp_token = forms.CharField(
        label=_("確認コード（6桁）"), required=False, max_length=8,
        help_text=_("2段階認証を設定済みの場合は、認証アプリに表示される6桁の数字を入力してください"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class OtpForm(forms.Form):
    """A 6-digit TOTP code."""

    otp_token = forms.RegexField(
        label=_("確認コード（6桁）"), regex=r"^\s*\d{6}\s*$", max_length=8,
        error_messages={"invalid": _("6桁の数字を入力してください")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TokenForm(forms.Form):
    """Name and optional expiry date of a new API token."""

    name = forms.CharField(label=_("トークンの名前"), max_length=200,
                           help_text=_("用途がわかる名前（例: 更新スクリプト）"))
    expires_on = forms.DateField(label=_("有効期限（任意）"), required=False,
                                 help_text=_("例: 2027-03-31"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
