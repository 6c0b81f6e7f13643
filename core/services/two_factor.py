"""Register and confirm a staff member's authenticator app (TOTP)."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.actor import Actor
from core.services import audit


def pending_device(*, actor: Actor) -> TOTPDevice | None:
    """The user's unconfirmed device, created if needed; None when one is already confirmed."""
    device = TOTPDevice.objects.filter(user=actor.user, confirmed=False).first()
    if device is not None:
        return device
    if TOTPDevice.objects.filter(user=actor.user, confirmed=True).exists():
        return None
    with transaction.atomic():
        device = TOTPDevice.objects.create(user=actor.user, name="default", confirmed=False)
        audit.record(actor=actor, action="auth.otp_device_create", target=device)
    return device


def confirm_device(*, actor: Actor, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with a first code from the app; False when the code is wrong."""
    if device.user_id != actor.user.pk or not device.verify_token(token.strip()):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(actor=actor, action="auth.otp_setup", target=device)
    return True
