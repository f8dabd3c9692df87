"""Setting up and checking a staff member's second step (django-otp devices).

A staff member sets up an authenticator app by scanning a secret key and typing
the code the app then shows (``totp_device_confirm``); they get ten recovery
codes at the same time, each good once, for the day the phone is lost. At
sign-in, ``second_factor_verify`` takes either.

The key being set up is kept in the session, not in the database, until its
first code confirms it: a key someone else saw on an abandoned set-up page is
never the one that gets saved.
"""

from dataclasses import dataclass

import django_otp
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from shop import clock

from .selectors import recovery_devices_of, totp_devices_of

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


def totp_key_new() -> str:
    """A new random secret key (20 bytes, hex, as django-otp stores it)."""
    return random_hex(20)


def totp_device_draft(*, user, key: str) -> TOTPDevice:
    """The (unsaved) app device ``key`` would make, for its QR code and text."""
    return TOTPDevice(user=user, key=key, name=TOTP_DEVICE_NAME, confirmed=False)


def normalised_code(code: str) -> str:
    """A typed code without spaces or dashes, in lower case ("ABCDE-FGH23" → "abcdefgh23")."""
    return "".join(code.split()).replace("-", "").lower()


def is_app_code(code: str) -> bool:
    return code.isdigit() and len(code) == 6


@transaction.atomic
def totp_device_confirm(*, user, key: str, code: str) -> Enrolment | None:
    """Save the app holding ``key`` if ``code`` is its code now; None if it is not.

    The new app replaces any set up before, and the recovery codes are renewed.
    """
    device = totp_device_draft(user=user, key=key)
    if not _accepts(device, normalised_code(code)):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.save()
    return Enrolment(device=device, recovery_codes=recovery_codes_renew(user=user))


def _accepts(device: TOTPDevice, code: str) -> bool:
    if not is_app_code(code):
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = clock.now().timestamp()
    if not totp.verify(int(code), tolerance=device.tolerance):
        return False
    device.last_t, device.drift = totp.t(), totp.drift  # this code cannot serve again
    return True


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """Ten new recovery codes for ``user``; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_verify(*, user, code: str):
    """The device of ``user`` that accepts ``code``, or None.

    Six digits are checked against the app (each code serves once); anything
    else against the recovery codes (a code that works is used up). django-otp
    also makes each device wait longer after each wrong code.
    """
    code = normalised_code(code)
    devices = totp_devices_of(user) if is_app_code(code) else recovery_devices_of(user)
    for device in devices:
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None
