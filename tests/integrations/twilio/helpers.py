"""Fixtures and helpers for everything that talks to Twilio in tests.

``fake_twilio`` switches the SMS backend to Twilio's own SDK over the fake
transport (integrations/twilio/fake.py), which checks every request against
Twilio's published contract. ``twilio_post`` posts a webhook signed exactly as
Twilio signs it, with the SDK's ``RequestValidator``.
"""

import pytest
from twilio.request_validator import RequestValidator

from integrations.twilio import fake
from integrations.twilio.senders import reset_senders

AUTH_TOKEN = "test-auth-token-0123456789abcdef"
PUBLIC_BASE_URL = "https://comptoir.example.org"


@pytest.fixture
def fake_twilio(settings):
    settings.SMS_BACKEND = "fake"
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.PUBLIC_BASE_URL = PUBLIC_BASE_URL
    reset_senders()
    fake.transport().reset()
    yield fake.transport()
    fake.transport().reset()
    reset_senders()


@pytest.fixture
def twilio_settings(settings):
    """Webhooks signed with a known token, behind a TLS proxy at PUBLIC_BASE_URL."""
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.PUBLIC_BASE_URL = PUBLIC_BASE_URL
    return settings


@pytest.fixture
def no_quiet_hours(settings):
    settings.SMS_QUIET_HOURS_START = settings.SMS_QUIET_HOURS_END = 0
    return settings


def signature(path, params, token=AUTH_TOKEN):
    return RequestValidator(token).compute_signature(PUBLIC_BASE_URL + path, params)


def twilio_post(client, path, params, *, forged=False):
    """POST ``params`` to ``path`` with Twilio's signature (or a forged one)."""
    sig = signature(path, params, token="not-the-token" if forged else AUTH_TOKEN)
    return client.post(path, params, HTTP_X_TWILIO_SIGNATURE=sig)
