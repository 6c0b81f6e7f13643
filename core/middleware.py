"""Security headers (CSP without inline code) and the staff two-factor requirement."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


def _tile_origin() -> str:
    """The origin of the operator's map tile server, allowed as an image source."""
    from urllib.parse import urlsplit

    parts = urlsplit(getattr(settings, "MAP_TILE_URL", "") or "")
    return f" {parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:" + _tile_origin(),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
# Downloads are user content: sandboxed so an HTML or SVG file cannot run script here.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and related headers to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "is_user_content", False):
            response["Content-Security-Policy"] = DOWNLOAD_CSP
        else:
            response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class UploadLimitMiddleware:
    """Answers 413 before reading a request body larger than the upload limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_UPLOAD_BYTES + 1024 * 1024:
            from django.shortcuts import render

            response = render(request, "413.html", status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


STAFF_PREFIXES = ("/staff/", "/admin/")


class StaffTwoFactorMiddleware:
    """Outside debug mode, a logged-in user must pass TOTP before any staff page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_2FA and request.path.startswith(STAFF_PREFIXES):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and not user.is_verified():
                allowed = {reverse("core:otp_setup"), reverse("core:otp_verify"),
                           reverse("core:logout")}
                if request.path not in allowed:
                    return redirect("core:otp_verify")
        return self.get_response(request)
