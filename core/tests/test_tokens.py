"""API tokens are stored hashed, shown once, revocable and may expire."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models import ApiToken, AuditEntry
from core.services import tokens
from tests.fixtures import actor


@pytest.mark.django_db
def test_only_the_hash_of_a_token_is_stored(editor):
    token, secret = tokens.create_api_token(actor=actor(editor), name="update script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("kmn_")
    assert secret not in (stored.key_hash, stored.prefix, stored.name)
    assert stored.key_hash == tokens.hash_token(secret)
    assert tokens.authenticate_token(secret).user == editor
    details = AuditEntry.objects.get(action="api_token.create").details
    assert secret not in str(details)


@pytest.mark.django_db
def test_a_revoked_token_no_longer_authenticates(editor):
    token, secret = tokens.create_api_token(actor=actor(editor), name="t")
    tokens.revoke_api_token(actor=actor(editor), token=token)
    assert tokens.authenticate_token(secret) is None


@pytest.mark.django_db
def test_an_expired_token_no_longer_authenticates(editor):
    token, secret = tokens.create_api_token(
        actor=actor(editor), name="t", expires_at=timezone.now() + timedelta(minutes=5))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert tokens.authenticate_token(secret) is None


@pytest.mark.django_db
def test_expiry_in_the_past_is_refused(editor):
    with pytest.raises(InvalidInput):
        tokens.create_api_token(actor=actor(editor), name="t",
                                expires_at=timezone.now() - timedelta(days=1))


@pytest.mark.django_db
def test_users_cannot_revoke_or_create_tokens_of_others(editor, outsider):
    token, _secret = tokens.create_api_token(actor=actor(editor), name="t")
    with pytest.raises(NotFound):
        tokens.revoke_api_token(actor=actor(outsider), token=token)
    with pytest.raises(PermissionDenied):
        tokens.create_api_token(actor=actor(outsider), name="t", user=editor)


@pytest.mark.django_db
def test_garbage_tokens_are_rejected_without_error():
    for junk in ["", "kmn_", "Bearer x", "kmn_" + "a" * 500, "'; DROP TABLE core_apitoken;--"]:
        assert tokens.authenticate_token(junk) is None


@pytest.mark.django_db
def test_create_api_token_command_prints_a_working_token(editor, capsys):
    call_command("create_api_token", "--user", "editor")
    secret = capsys.readouterr().out.strip()
    assert tokens.authenticate_token(secret).user == editor


@pytest.mark.django_db
def test_tokens_page_shows_the_secret_once_and_revokes(client, editor, settings):
    settings.REQUIRE_2FA = False
    client.force_login(editor)
    response = client.post("/staff/tokens/", {"name": "nightly"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=editor)
    body = response.content.decode()
    assert "kmn_" in body and token.prefix in body
    again = client.get("/staff/tokens/").content.decode()
    assert token.prefix in again
    assert body.split('class="secret">')[1].split("<")[0] not in again
    client.post(f"/staff/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
