"""Reads about a user's second step: the app set up, the recovery codes left."""

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_devices_of(user):
    """``user``'s confirmed authenticator apps (one, normally)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


def recovery_devices_of(user):
    return StaticDevice.objects.devices_for_user(user, confirmed=True)


def has_second_factor(user) -> bool:
    """Whether ``user`` has set up an authenticator app."""
    return totp_devices_of(user).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__in=recovery_devices_of(user)).count()
