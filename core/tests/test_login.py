"""Staff login: password plus TOTP outside debug mode, and throttling of brute force."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditEntry

PASSWORD = "correct horse battery"


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.mark.django_db
def test_staff_pages_require_login(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


@pytest.mark.django_db
def test_password_alone_leads_to_two_factor_setup_when_required(client, editor, settings):
    settings.REQUIRE_2FA = True
    response = client.post("/staff/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/staff/2fa/setup/"
    # Until TOTP is set up, staff pages send the user back.
    assert client.get("/staff/")["Location"] == "/staff/2fa/verify/"
    setup = client.get("/staff/2fa/setup/")
    assert setup.status_code == 200
    assert b"data:image/svg+xml" in setup.content
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    confirm = client.post("/staff/2fa/setup/", {"otp_token": _code(device)})
    assert confirm.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="auth.otp_setup", target_id=str(device.pk)).exists()
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_login_with_a_totp_code_reaches_staff_pages(client, editor, settings):
    settings.REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    response = client.post("/staff/login/", {"username": "editor", "password": PASSWORD,
                                             "otp_token": _code(device)})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_totp_code_refuses_login(client, editor, settings):
    settings.REQUIRE_2FA = True
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    response = client.post("/staff/login/", {"username": "editor", "password": PASSWORD,
                                             "otp_token": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="auth.login", result="denied").exists()


@pytest.mark.django_db
def test_repeated_failures_throttle_even_the_right_password(client, editor, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    for _ in range(3):
        client.post("/staff/login/", {"username": "editor", "password": "wrong password"})
    response = client.post("/staff/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_debug_mode_does_not_require_two_factor(client, editor, settings):
    settings.REQUIRE_2FA = False
    response = client.post("/staff/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_login_ignores_an_offsite_next_url(client, editor, settings):
    settings.REQUIRE_2FA = False
    response = client.post("/staff/login/", {"username": "editor", "password": PASSWORD,
                                             "next": "https://evil.example/"})
    assert response["Location"] == "/staff/"


@pytest.mark.django_db
def test_failed_login_audit_entry_holds_no_username_or_password(client, editor):
    client.post("/staff/login/", {"username": "editor", "password": "hunter2-secret"})
    entry = AuditEntry.objects.get(action="auth.login")
    serialised = f"{entry.details} {entry.actor_label}"
    assert "hunter2" not in serialised and "editor" not in serialised
