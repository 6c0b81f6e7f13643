"""Authenticate API requests by token (Authorization header), for the JSON APIs."""

from __future__ import annotations

from core.actor import Actor, client_ip
from core.services.tokens import authenticate_token


def token_from_header(value: str | None) -> str:
    """The secret from 'Authorization: Bearer kmn_…', 'Token kmn_…' or CKAN's bare 'kmn_…'."""
    value = (value or "").strip()
    for scheme in ("bearer ", "token "):
        if value.lower().startswith(scheme):
            return value[len(scheme):].strip()
    return value


def actor_for_api(request) -> Actor:
    """The actor of an API call: the token's user when a valid token is sent, else the session."""
    secret = token_from_header(request.META.get("HTTP_AUTHORIZATION"))
    if secret:
        token = authenticate_token(secret)
        if token is not None:
            return Actor(user=token.user, token_prefix=token.prefix, ip=client_ip(request))
        return Actor(ip=client_ip(request))
    return Actor.from_request(request)
