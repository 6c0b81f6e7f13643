"""Token authentication for API requests."""

import pytest
from django.test import RequestFactory

from core.api_auth import actor_for_api, token_from_header
from core.services import tokens
from tests.fixtures import actor


def test_token_header_forms():
    assert token_from_header("Bearer kmn_abc") == "kmn_abc"
    assert token_from_header("token kmn_abc") == "kmn_abc"
    assert token_from_header("kmn_abc") == "kmn_abc"
    assert token_from_header(None) == ""


@pytest.mark.django_db
def test_a_valid_token_acts_as_its_user_and_a_bad_one_as_nobody(editor):
    token, secret = tokens.create_api_token(actor=actor(editor), name="t")
    request = RequestFactory().get("/api/", HTTP_AUTHORIZATION=secret)
    who = actor_for_api(request)
    assert who.user == editor and who.token_prefix == token.prefix
    bad = RequestFactory().get("/api/", HTTP_AUTHORIZATION="kmn_forged")
    assert not actor_for_api(bad).is_authenticated


def test_formatted_messages_exist_in_both_languages():
    from django.utils.translation import gettext_lazy as _

    from core.errors import InvalidInput, formatted

    error = InvalidInput(formatted(_("必須の項目がありません: %(k)s"), k="name"))
    text = error.both()
    assert "必須の項目がありません: name" in text
    assert " / " in text and "name" in text.split(" / ")[1]
