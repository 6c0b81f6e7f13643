"""The dispatching view of the CKAN Action API, with CKAN's envelope and error types."""

from __future__ import annotations

import json
import logging

from django.db import transaction
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from catalog.ckan import read, write
from core.api_auth import actor_for_api
from core.errors import ServiceError, both

logger = logging.getLogger(__name__)

READ_ACTIONS = {
    name: getattr(read, name)
    for name in (
        "site_read",
        "status_show",
        "package_list",
        "current_package_list_with_resources",
        "package_show",
        "package_search",
        "resource_show",
        "organization_list",
        "organization_show",
        "organization_list_for_user",
        "group_list",
        "group_show",
        "tag_list",
        "license_list",
    )
}
WRITE_ACTIONS = {
    name: getattr(write, name)
    for name in (
        "package_create",
        "package_update",
        "package_patch",
        "package_delete",
        "resource_create",
        "resource_update",
        "resource_patch",
        "resource_delete",
        "organization_create",
        "organization_update",
        "api_token_create",
        "api_token_revoke",
    )
}
ERROR_TYPES = {
    403: "Authorization Error",
    404: "Not Found Error",
    409: "Validation Error",
    413: "Validation Error",
    400: "Validation Error",
}


def register_action(name: str, func, *, write: bool = False) -> None:
    """Let another app add an action (e.g. the DataStore API) without editing this module."""
    (WRITE_ACTIONS if write else READ_ACTIONS)[name] = func


def _help(request, name: str) -> str:
    return request.build_absolute_uri(f"/api/3/action/help_show?name={name}")


def envelope(request, name: str, *, result=None, error: dict | None = None, status: int = 200):
    """CKAN's {"help", "success", "result"|"error"} response."""
    body = {"help": _help(request, name), "success": error is None}
    if error is None:
        body["result"] = result
    else:
        body["error"] = error
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _params(request) -> dict:
    if request.method == "GET":
        data = {}
        for key in request.GET:
            values = request.GET.getlist(key)
            data[key] = values if len(values) > 1 or key == "fq_list" else values[0]
        return data
    content_type = request.content_type or ""
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        data = {key: request.POST.get(key) for key in request.POST}
        for key in request.FILES:
            data[key] = request.FILES[key]
        for key in ("resources", "tags", "groups", "extras", "fq_list", "facet.field"):
            if isinstance(data.get(key), str) and data[key].strip().startswith("["):
                data[key] = json.loads(data[key])
        return data
    raw = request.body.decode("utf-8") if request.body else ""
    if not raw.strip():
        return {}
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("the request body must be a JSON object")
    return data


def _error(exc: ServiceError) -> dict:
    body = {"__type": ERROR_TYPES.get(exc.status, "Validation Error"), "message": exc.both()}
    for field, messages in exc.field_errors.items():
        body[field] = [str(m) for m in messages]
    return body


@csrf_exempt
def action(request, name: str):
    """Dispatch /api/3/action/NAME. Writes need an API token (never a session cookie)."""
    if name in WRITE_ACTIONS:
        func, is_write = WRITE_ACTIONS[name], True
    elif name in READ_ACTIONS:
        func, is_write = READ_ACTIONS[name], False
    else:
        return envelope(
            request,
            name,
            status=400,
            error={
                "__type": "Bad request",
                "message": f"Bad request - Action name not known: {name}",
            },
        )
    if is_write and request.method != "POST":
        return envelope(
            request,
            name,
            status=400,
            error={"__type": "Bad request", "message": both(_("書き込みは POST で送ってください"))},
        )
    try:
        data = _params(request)
    except (ValueError, UnicodeDecodeError) as exc:
        return envelope(
            request,
            name,
            status=400,
            error={
                "__type": "Bad request",
                "message": "Bad request - JSON Error: " + str(exc)[:200],
            },
        )
    actor = actor_for_api(request)
    if request.META.get("HTTP_AUTHORIZATION") and not actor.is_authenticated:
        return envelope(
            request,
            name,
            status=403,
            error={
                "__type": "Authorization Error",
                "message": both(_("APIトークンが無効か、期限切れです")),
            },
        )
    if is_write and not actor.token_prefix:
        # Session cookies would make writes forgeable from other sites: tokens only.
        return envelope(
            request,
            name,
            status=403,
            error={
                "__type": "Authorization Error",
                "message": both(_("書き込みには Authorization ヘッダーのAPIトークンが必要です")),
            },
        )
    try:
        with transaction.atomic():
            result = func(actor, data)
    except ServiceError as exc:
        return envelope(request, name, status=exc.status, error=_error(exc))
    return envelope(request, name, result=result)
