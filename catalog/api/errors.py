"""One error schema for every failure, and token authentication for writes."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security.http import HttpBearer

from core.actor import Actor
from core.api_auth import actor_for_api
from core.errors import ServiceError, both

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "invalid",
    413: "too_large",
}
# Names of the operations' schema parameters (see read.py and write.py), left out of field paths.
SCHEMA_PARAMETERS = {"body", "params", "meta", "form"}


class Unauthorized(ServiceError):
    """An Authorization header was sent but its token is unknown, revoked or expired."""

    status = 401


def responses(*statuses: int) -> dict:
    """The error part of an operation's `response=` mapping."""
    from catalog.api.schemas import Error

    return dict.fromkeys(statuses, Error)


class TokenAuth(HttpBearer):
    """Writes need an API token (Authorization: Bearer kmn_…); a session cookie never suffices,
    so a page on another site cannot make a visitor's browser write."""

    def __call__(self, request) -> Actor | None:
        actor = actor_for_api(request)
        return actor if actor.token_prefix else None

    def authenticate(self, request, token):  # pragma: no cover - __call__ decides
        return None


def reader(request) -> Actor:
    """The actor of a read: the token's user, the session's, or anonymous. A bad token is 401,
    never silently anonymous."""
    actor = actor_for_api(request)
    if request.META.get("HTTP_AUTHORIZATION") and not actor.token_prefix:
        raise Unauthorized(_("APIトークンが無効か、期限切れです"))
    return actor


def _respond(api, request, status: int, message: str, fields: dict | None = None):
    body = {"error": CODES.get(status, "bad_request"), "message": message, "fields": fields or {}}
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="kanmin"'
    return response


def install(api) -> None:
    """Register the handlers that turn every failure into the Error schema."""

    def service_error(request, exc: ServiceError):
        fields = {key: [str(m) for m in messages] for key, messages in exc.field_errors.items()}
        return _respond(api, request, exc.status, exc.both(), fields)

    def validation_error(request, exc: ValidationError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            # loc is (source, [schema parameter,] field, …): keep the field's own path
            location = [str(part) for part in error.get("loc", ())[1:]]
            if len(location) > 1 and location[0] in SCHEMA_PARAMETERS:
                location = location[1:]
            key = ".".join(location) or "body"
            fields.setdefault(key, []).append(str(error.get("msg", "")))
        return _respond(api, request, 409, both(_("入力内容を確認してください")), fields)

    def http_error(request, exc: HttpError):
        if isinstance(exc, AuthenticationError):
            message = (
                _("APIトークンが無効か、期限切れです")
                if request.META.get("HTTP_AUTHORIZATION")
                else _("書き込みには Authorization ヘッダーのAPIトークンが必要です")
            )
            return _respond(api, request, 401, both(message))
        if exc.status_code == 400:
            return _respond(api, request, 400, both(_("JSON の形式が正しくありません")))
        return _respond(api, request, exc.status_code, str(exc))

    def not_found(request, exc: Http404):
        return _respond(api, request, 404, both(_("データセットが見つかりません")))

    api.add_exception_handler(ServiceError, service_error)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
