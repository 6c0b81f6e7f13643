"""Login with TOTP, two-factor setup, API tokens page, and error pages."""

from __future__ import annotations

import base64
import datetime as dt

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.actor import Actor, client_ip
from core.errors import ServiceError
from core.forms import LoginForm, OtpForm, TokenForm
from core.models import ApiToken, Job
from core.services import audit, tokens, two_factor
from core.services import login as throttle


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return None


def login_view(request):
    """Password login; staff with a confirmed TOTP device must give the code too."""
    form = LoginForm(request.POST or None)
    error = None
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        if throttle.is_throttled(username, ip):
            error = _("ログインの失敗が続いたため、しばらく時間をおいてから再度お試しください")
            status = 429
        else:
            user = authenticate(request, username=username,
                                password=form.cleaned_data["password"])
            device = None
            if user is not None:
                device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
                token = (form.cleaned_data.get("otp_token") or "").strip()
                if device is not None and not (token and device.verify_token(token)):
                    user = None
            if user is None:
                throttle.record_failure(username, ip)
                audit.record(actor=Actor(ip=ip), action="auth.login",
                             result="denied", details={})
                error = _("ユーザー名、パスワードまたは確認コードが正しくありません")
            else:
                throttle.clear_failures(username)
                login(request, user)
                if device is not None:
                    otp_login(request, device)
                audit.record(actor=Actor(user=user, ip=ip), action="auth.login")
                if settings.REQUIRE_2FA and device is None:
                    return redirect("core:otp_setup")
                return redirect(_safe_next(request) or settings.LOGIN_REDIRECT_URL)
    return render(request, "core/login.html",
                  {"form": form, "error": error, "next": _safe_next(request) or ""},
                  status=status)


@require_POST
def logout_view(request):
    """Log out (POST only, CSRF-protected)."""
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
def otp_setup(request):
    """Register an authenticator app: show the QR code, confirm with a first code."""
    actor = Actor.from_request(request)
    device = two_factor.pending_device(actor=actor)
    if device is None:
        return redirect("core:otp_verify")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_device(actor=actor, device=device,
                                     token=form.cleaned_data["otp_token"]):
            otp_login(request, device)
            messages.success(request, _("2段階認証を設定しました"))
            return redirect(settings.LOGIN_REDIRECT_URL)
        form.add_error("otp_token", _("確認コードが正しくありません"))
    qr_svg = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "core/otp_setup.html",
                  {"form": form, "qr_svg": qr_svg, "secret": secret})


@login_required
def otp_verify(request):
    """Enter a TOTP code for a session that logged in without one."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("core:otp_setup")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"].strip()):
            otp_login(request, device)
            return redirect(_safe_next(request) or settings.LOGIN_REDIRECT_URL)
        form.add_error("otp_token", _("確認コードが正しくありません"))
    return render(request, "core/otp_verify.html", {"form": form})


@login_required
def token_list(request):
    """The user's API tokens; create a new one (its secret is shown once)."""
    actor = Actor.from_request(request)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        expires = form.cleaned_data.get("expires_on")
        expires_at = None
        if expires:
            expires_at = timezone.make_aware(dt.datetime.combine(expires, dt.time(23, 59, 59)))
        try:
            _token, secret = tokens.create_api_token(actor=actor, name=form.cleaned_data["name"],
                                                     expires_at=expires_at)
            form = TokenForm()
        except ServiceError as exc:
            for field, errs in exc.field_errors.items():
                for err in errs:
                    form.add_error(field if field in form.fields else None, err)
            if not exc.field_errors:
                form.add_error(None, exc.message)
    items = ApiToken.objects.filter(user=request.user)
    return render(request, "core/tokens.html", {"form": form, "tokens": items, "secret": secret})


@login_required
@require_POST
def token_revoke(request, pk: int):
    """Revoke one of the user's tokens."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke_api_token(actor=Actor.from_request(request), token=token)
    messages.success(request, _("トークンを失効させました"))
    return redirect("core:tokens")


def error_404(request, exception=None):
    """Not found page."""
    return render(request, "404.html", status=404)


def error_500(request):
    """Server error page."""
    return render(request, "500.html", status=500)


def error_403(request, exception=None):
    """Forbidden page (including CSRF failures)."""
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """CSRF failure page."""
    return render(request, "403.html", {"csrf": True}, status=403)


@login_required
def job_list(request):
    """Jobs of the user's organisations (all jobs for a site administrator)."""
    from core.permissions import readable_organisation_ids

    readable = readable_organisation_ids(Actor.from_request(request))
    jobs = Job.objects.select_related("organisation")
    if readable is not None:
        jobs = jobs.filter(organisation_id__in=readable) | jobs.filter(created_by=request.user)
    return render(request, "core/jobs.html", {"jobs": jobs.order_by("-created")[:100]})


@login_required
def job_detail(request, pk: int):
    """One job's status, progress and log."""
    from core.permissions import readable_organisation_ids

    job = get_object_or_404(Job.objects.select_related("organisation"), pk=pk)
    readable = readable_organisation_ids(Actor.from_request(request))
    own = job.created_by_id == request.user.pk
    if readable is not None and job.organisation_id not in readable and not own:
        raise Http404
    return render(request, "core/job.html", {"job": job})
