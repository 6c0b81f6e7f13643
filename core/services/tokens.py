"""Create, revoke and check API tokens (only their hash is stored)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models import ApiToken
from core.permissions import is_site_admin
from core.services import audit

TOKEN_PREFIX = "kmn_"  # noqa: S105 - a public marker, not a secret


def hash_token(secret: str) -> str:
    """SHA-256 of the whole token; tokens are random, so no salt or slow hash is needed."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(
    *, actor: Actor, name: str, expires_at: datetime | None = None, user=None
) -> tuple[ApiToken, str]:
    """Create a token for the actor (or, by a site admin, for another user); returns it + secret."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("ログインが必要です"))
    owner = user or actor.user
    if owner.pk != actor.user.pk and not is_site_admin(actor):
        raise PermissionDenied(_("他の利用者のトークンは作成できません"))
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise InvalidInput(_("トークンの名前を200文字以内で入力してください"),
                           field_errors={"name": [_("必須です")]})
    if expires_at is not None and expires_at <= timezone.now():
        raise InvalidInput(_("有効期限は未来の日時にしてください"),
                           field_errors={"expires_at": [_("過去の日時です")]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=owner, name=name, prefix=secret[:12], key_hash=hash_token(secret),
            expires_at=expires_at,
        )
        audit.record(actor=actor, action="api_token.create", target=token,
                     details={"name": name, "prefix": token.prefix})
    return token, secret


def revoke_api_token(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token of the actor's own (site admins may revoke any)."""
    if not actor.is_authenticated or (token.user_id != actor.user.pk and not is_site_admin(actor)):
        raise NotFound(_("トークンが見つかりません"))
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="api_token.revoke", target=token,
                     details={"prefix": token.prefix})
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """The active token matching the secret, or None. Updates last_used_at at most once a minute."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def token_for_username(username: str, *, name: str = "script") -> tuple[ApiToken, str]:
    """Create a token for a user by name (used by the create_api_token command)."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(_("利用者が見つかりません"))
    return create_api_token(actor=Actor(user=user), name=name)
