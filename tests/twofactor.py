"""Staff sessions in tests: signed in with a password *and* the second step.

Staff who must sign in in two steps (``shop.twofactor.access``) get no page on a
password alone. The suite's ``client.force_login(staff)`` therefore also does
the second step, as a staff member would: the conftest makes ``force_login``
give the user a confirmed authenticator app (``verified_device``) and mark the
session as verified by it, exactly as ``django_otp.login`` does after a code.
Tests of the second step itself sign in with the password alone
(``password_only_login``, or the login forms) and type codes (``app_code``).
"""

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from shop import clock

plain_force_login = Client.force_login


def verified_device(user) -> TOTPDevice:
    """``user``'s confirmed authenticator app, set up if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def app_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code ``device``'s app shows now on the frozen clock (``steps_ahead`` later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = clock.now().timestamp() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def password_only_login(client: Client, user) -> None:
    """Sign ``user`` in with the first step only: no second step done."""
    plain_force_login(client, user)


def force_login_with_second_step(client: Client, user, backend=None) -> None:
    """``Client.force_login``, plus the second step for whom it is required."""
    from shop.twofactor.access import second_factor_required

    plain_force_login(client, user, backend)
    fresh = get_user_model()._default_manager.get(pk=user.pk)  # leaves ``user`` without a perm cache
    if second_factor_required(fresh):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = verified_device(fresh).persistent_id
        session.save()
